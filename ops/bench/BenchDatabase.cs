using Npgsql;
using ProgressTracker.Testing;

namespace ProgressTracker.Bench;

/// <summary>
/// PostgreSQL for a run, found as the run command finds it (ops/lib/postgres.sh): a given connection string
/// (PROGRESSTRACKER_BENCH_DATABASE, then ConnectionStrings__Marten), else a throwaway cluster of this machine's
/// PostgreSQL binaries on a free port (as the `postgres` OS user when root), removed afterwards. Docker is not tried:
/// a container adds a network hop the baselines would not share evenly.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    public const string Schema = "progress_tracker_bench";
    private readonly Func<ValueTask> _dispose;

    private BenchDatabase(string connectionString, string source, Func<ValueTask> dispose)
    {
        ConnectionString = connectionString;
        Source = source;
        _dispose = dispose;
    }

    public string ConnectionString { get; }
    public string Source { get; }

    /// <param name="given">From <c>--database</c>, PROGRESSTRACKER_BENCH_DATABASE or ConnectionStrings__Marten.</param>
    public static async Task<BenchDatabase> StartAsync(string? given)
    {
        if (given is null)
        {
            var cluster = await LocalPostgresCluster.TryStartAsync() ?? throw new InvalidOperationException(
                "No PostgreSQL found: set PROGRESSTRACKER_BENCH_DATABASE or install Debian's 'postgresql' package.");
            return new BenchDatabase(cluster.ConnectionString("postgres"), cluster.Description, cluster.DisposeAsync);
        }
        var database = new BenchDatabase(given, "the given connection string (schema " + Schema + ")", () => ValueTask.CompletedTask);
        await database.DropSchemaAsync();
        return database;
    }

    /// <summary>A given database keeps everything else: only the bench's own schema is dropped.</summary>
    private async Task DropSchemaAsync()
    {
        await using var source = NpgsqlDataSource.Create(ConnectionString);
        await using var command = source.CreateCommand($"drop schema if exists {Schema} cascade");
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => _dispose();
}
