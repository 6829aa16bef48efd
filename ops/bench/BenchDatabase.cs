using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

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
        if (given is null) return await LocalCluster.StartAsync();
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

    private static class LocalCluster
    {
        public static async Task<BenchDatabase> StartAsync()
        {
            var bin = FindBinaries() ?? throw new InvalidOperationException(
                "No PostgreSQL found: set PROGRESSTRACKER_BENCH_DATABASE or install Debian's 'postgresql' package.");
            var dir = Path.Combine(Path.GetTempPath(), $"progress-tracker-bench-pg-{Guid.NewGuid():N}");
            Directory.CreateDirectory(dir);
            var asRoot = Environment.UserName == "root";
            if (asRoot) await Run("chown", ["postgres:postgres", dir], TimeSpan.FromSeconds(10));

            var port = FreePort();
            await RunPg(asRoot, Path.Combine(bin, "initdb"),
                ["-D", dir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"], TimeSpan.FromMinutes(2));
            // The same settings as the tests' throwaway cluster: no fsync (the cluster is thrown away), so the ratios
            // compare CPU work of the service and of PostgreSQL, not the shared disk's flush latency.
            await RunPg(asRoot, Path.Combine(bin, "pg_ctl"),
                ["-D", dir, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60", "start", "-o",
                 $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"],
                TimeSpan.FromMinutes(2));

            return new BenchDatabase(
                $"Host=127.0.0.1;Port={port};Database=postgres;Username=postgres",
                $"a throwaway cluster of {bin} on port {port} (fsync off)",
                async () =>
                {
                    await RunPg(asRoot, Path.Combine(bin, "pg_ctl"), ["-D", dir, "-m", "immediate", "-w", "stop"],
                        TimeSpan.FromMinutes(1), throwOnError: false);
                    Directory.Delete(dir, recursive: true);
                });
        }

        private static Task RunPg(bool asRoot, string tool, string[] args, TimeSpan timeout, bool throwOnError = true) =>
            asRoot ? Run("runuser", ["-u", "postgres", "--", tool, .. args], timeout, throwOnError) : Run(tool, args, timeout, throwOnError);

        private static string? FindBinaries()
        {
            var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Select(d => Path.Combine(d, "initdb"))
                .FirstOrDefault(File.Exists);
            if (onPath is not null) return Path.GetDirectoryName(new FileInfo(onPath).ResolveLinkTarget(true)?.FullName ?? onPath);
            const string debian = "/usr/lib/postgresql";
            return Directory.Exists(debian)
                ? Directory.GetDirectories(debian)
                    .Select(d => Path.Combine(d, "bin"))
                    .Where(d => File.Exists(Path.Combine(d, "initdb")))
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                    .FirstOrDefault()
                : null;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task Run(string file, IEnumerable<string> args, TimeSpan timeout, bool throwOnError = true)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeout}.");
        }
        var output = await stdout + await stderr;
        if (throwOnError && process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {output}");
    }
}
