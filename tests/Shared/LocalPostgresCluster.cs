using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ProgressTracker.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster of this machine's binaries, for the tests and ops/bench: a temp folder, a free
/// loopback port, no fsync (it is thrown away); as root the tools run as the <c>postgres</c> user, since initdb and
/// postgres refuse root. The fault tests also stop and start it. One source file, linked into each project.
/// </summary>
internal sealed class LocalPostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dir;
    private readonly bool _asRoot;

    private LocalPostgresCluster(string bin, string dir, bool asRoot, int port)
    {
        _bin = bin;
        _dir = dir;
        _asRoot = asRoot;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Where this cluster's server binaries and data are, for logs.</summary>
    public string Description => $"a throwaway cluster of {_bin} in {_dir}, port {Port} (fsync off)";

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Pooling=true;Timeout=5;Command Timeout=15";

    /// <summary>Null when this machine has no PostgreSQL server binaries.</summary>
    public static async Task<LocalPostgresCluster?> TryStartAsync()
    {
        var bin = FindBinaries();
        if (bin is null) return null;
        var dir = Path.Combine(Path.GetTempPath(), $"progress-tracker-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var asRoot = Environment.UserName == "root";
        if (asRoot) await Shell.RunAsync("chown", ["postgres:postgres", dir], TimeSpan.FromSeconds(10));

        var cluster = new LocalPostgresCluster(bin, dir, asRoot, FreePort());
        await cluster.RunAsync("initdb", ["-D", dir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"], TimeSpan.FromMinutes(2));
        await cluster.StartAsync();
        return cluster;
    }

    public async Task StartAsync()
    {
        await RunAsync("pg_ctl",
            ["-D", _dir, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60", "start", "-o",
             $"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"],
            TimeSpan.FromSeconds(90));
        // The test process's own pooled connections died with the old server.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A fast shutdown: open connections are cut, as in a failover or a restart for maintenance.</summary>
    public Task StopAsync() => RunAsync("pg_ctl", ["-D", _dir, "-m", "fast", "-w", "-t", "60", "stop"], TimeSpan.FromSeconds(90));

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync("pg_ctl", ["-D", _dir, "-m", "immediate", "-w", "stop"], TimeSpan.FromMinutes(1), throwOnError: false);
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // best effort: it is in the temp folder
        }
    }

    private Task<Shell.Result> RunAsync(string tool, string[] args, TimeSpan timeout, bool throwOnError = true) =>
        _asRoot
            ? Shell.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args], timeout, throwOnError)
            : Shell.RunAsync(Path.Combine(_bin, tool), args, timeout, throwOnError);

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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
