using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Testcontainers.PostgreSql;

namespace ProgressTracker.IntegrationTests.Infrastructure;

/// <summary>
/// A real PostgreSQL for the tests, found in this order (README "Tests"):
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

        return Announce(await LocalCluster.StartAsync());
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

    /// <summary>A cluster of this machine's PostgreSQL, tuned for tests (no fsync: it is thrown away).</summary>
    private static class LocalCluster
    {
        public static async Task<TestDatabase> StartAsync()
        {
            var bin = FindBinaries() ?? throw new InvalidOperationException(
                "No PostgreSQL found: set PROGRESSTRACKER_TEST_DATABASE, start a Docker engine, or install Debian's 'postgresql' package.");
            var dir = Path.Combine(Path.GetTempPath(), $"progress-tracker-pg-{Guid.NewGuid():N}");
            Directory.CreateDirectory(dir);
            var asRoot = Environment.UserName == "root";
            if (asRoot) await Shell.RunAsync("chown", ["postgres:postgres", dir], TimeSpan.FromSeconds(10));

            var port = FreePort();
            await RunPgAsync(asRoot, Path.Combine(bin, "initdb"),
                ["-D", dir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"], TimeSpan.FromMinutes(2));
            await RunPgAsync(asRoot, Path.Combine(bin, "pg_ctl"),
                ["-D", dir, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60", "start", "-o",
                 $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"],
                TimeSpan.FromMinutes(2));

            return new TestDatabase(
                $"Host=127.0.0.1;Port={port};Database=postgres;Username=postgres;Pooling=true",
                $"a throwaway cluster of {bin} in {dir}, port {port}",
                async () =>
                {
                    await RunPgAsync(asRoot, Path.Combine(bin, "pg_ctl"), ["-D", dir, "-m", "immediate", "-w", "stop"],
                        TimeSpan.FromMinutes(1), throwOnError: false);
                    Directory.Delete(dir, recursive: true);
                });
        }

        private static Task<Shell.Result> RunPgAsync(bool asRoot, string tool, string[] args, TimeSpan timeout, bool throwOnError = true) =>
            asRoot
                ? Shell.RunAsync("runuser", ["-u", "postgres", "--", tool, .. args], timeout, throwOnError)
                : Shell.RunAsync(tool, args, timeout, throwOnError);

        /// <summary>initdb on PATH, else the newest /usr/lib/postgresql/*/bin.</summary>
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

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}

/// <summary>Runs a process to completion with a time limit.</summary>
internal static class Shell
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, bool throwOnError = true)
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
        return new Result(process.ExitCode, output);
    }
}
