using ProgressTracker.Testing;
using Testcontainers.PostgreSql;

namespace ProgressTracker.IntegrationTests.Infrastructure;

/// <summary>
/// A real PostgreSQL for the tests, found in this order (README "Two commands"):
/// 1. PROGRESSTRACKER_TEST_DATABASE, a connection string to a database the tests may wipe;
/// 2. a Docker engine: Testcontainers starts postgres:17-alpine;
/// 3. this machine's PostgreSQL binaries: a throwaway cluster in a temp folder on a free port, removed afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly Func<ValueTask> _dispose;

    private TestDatabase(string connectionString, string source, Func<ValueTask> dispose)
    {
        ConnectionString = connectionString;
        Source = source;
        _dispose = dispose;
    }

    public string ConnectionString { get; }
    public string Source { get; }

    public static async Task<TestDatabase> StartAsync()
    {
        var given = Environment.GetEnvironmentVariable("PROGRESSTRACKER_TEST_DATABASE");
        if (!string.IsNullOrWhiteSpace(given))
            return Announce(new TestDatabase(given, "PROGRESSTRACKER_TEST_DATABASE", () => ValueTask.CompletedTask));

        if (await TryDockerAsync() is { } docker) return Announce(docker);

        var cluster = await LocalPostgresCluster.TryStartAsync() ?? throw new InvalidOperationException(
            "No PostgreSQL found: set PROGRESSTRACKER_TEST_DATABASE, start a Docker engine, or install Debian's 'postgresql' package.");
        return Announce(new TestDatabase(cluster.ConnectionString("postgres"), cluster.Description, cluster.DisposeAsync));
    }

    private static TestDatabase Announce(TestDatabase database)
    {
        Console.Error.WriteLine($"[tests] PostgreSQL from {database.Source}");
        return database;
    }

    private static async Task<TestDatabase?> TryDockerAsync()
    {
        if (!await DockerAnswersAsync()) return null;
        var container = new PostgreSqlBuilder("postgres:17-alpine").Build();
        await container.StartAsync();
        return new TestDatabase(container.GetConnectionString(), "Docker (Testcontainers, postgres:17-alpine)",
            container.DisposeAsync);
    }

    /// <summary>`docker info` answers only when an engine runs; the CLI alone is not enough.</summary>
    private static async Task<bool> DockerAnswersAsync()
    {
        try
        {
            var result = await Shell.RunAsync("docker", ["info", "--format", "{{.ServerVersion}}"], TimeSpan.FromSeconds(10), throwOnError: false);
            return result.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker CLI at all
        }
    }

    public ValueTask DisposeAsync() => _dispose();
}
