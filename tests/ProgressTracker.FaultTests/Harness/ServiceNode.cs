using ProgressTracker.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.FaultTests.Harness;

/// <summary>
/// The built service (<c>dotnet ProgressTracker.Api.dll</c>) as a child process on a free loopback port. It can be
/// killed with SIGKILL (<see cref="Kill"/>) and started again; its log lines are kept for assertions and failures.
/// </summary>
public sealed class ServiceNode : IAsyncDisposable
{
    public static readonly AuthOptions Auth = new()
    {
        Issuer = "progress-tracker-faults",
        Audience = "progress-tracker",
        SigningKey = "fault-tests-signing-key-0123456789abcdef-0123",
    };

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log;

    private ServiceNode(string name, Process process, ConcurrentQueue<string> log, Uri address)
    {
        Name = name;
        _process = process;
        _log = log;
        Address = address;
        Client = NewClient(address);
    }

    public string Name { get; }
    public Uri Address { get; }
    public HttpClient Client { get; }
    public IReadOnlyCollection<string> Log => _log;
    public bool Running => !_disposed && !_process.HasExited;

    public static string AdminToken => DevelopmentTokens.Create(Auth, "fault-admin", Roles.Admin, new Dictionary<string, string>(), TimeSpan.FromHours(2));

    /// <summary>Where the build put the service: src/ProgressTracker.Api/bin/&lt;same configuration as the tests&gt;/net10.0.</summary>
    public static string ServiceDirectory
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = here.Parent!.Name;     // .../bin/Debug/net10.0/
            var root = here;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "ProgressTracker.sln"))) root = root.Parent;
            if (root is null) throw new InvalidOperationException($"ProgressTracker.sln not found above {AppContext.BaseDirectory}");
            return Path.Combine(root.FullName, "src", "ProgressTracker.Api", "bin", configuration, "net10.0");
        }
    }

    public static Dictionary<string, string> Environment(string connectionString, string environment, IDictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Marten"] = connectionString,
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["Auth__Issuer"] = Auth.Issuer,
            ["Auth__Audience"] = Auth.Audience,
            ["Auth__SigningKey"] = Auth.SigningKey,
            ["Alerts__SweepMinutes"] = "0",
            // A dead node's durable messages (a running import) move to a live node within seconds, not a minute.
            ["Wolverine__HealthCheckSeconds"] = "2",
            ["Wolverine__StaleNodeSeconds"] = "8",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            // The daemon's own lines tell which node runs a projection.
            ["Logging__LogLevel__Marten"] = "Information",
            ["Logging__LogLevel__JasperFx"] = "Information",
            ["Logging__Console__FormatterName"] = "simple",
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_TieredPGO"] = "0",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) env[key] = value;
        return env;
    }

    public static async Task<ServiceNode> StartAsync(string name, IDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        var port = LocalPostgresCluster.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var directory = ServiceDirectory;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory,
        };
        info.ArgumentList.Add(Path.Combine(directory, "ProgressTracker.Api.dll"));
        foreach (var (key, value) in environment) info.Environment[key] = value;
        info.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');

        var log = new ConcurrentQueue<string>();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new ServiceNode(name, process, log, address);

        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(90);
        while (deadline.Elapsed < limit)
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} exited with {process.ExitCode}:\n{node.Tail()}");
            try
            {
                using var probe = await node.Client.GetAsync("/health/live");
                if (probe.IsSuccessStatusCode) return node;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow start
            }
            await Task.Delay(250);
        }
        node.Kill();
        throw new TimeoutException($"{name} did not answer /health/live within {limit}:\n{node.Tail()}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, as when a machine dies.</summary>
    public void Kill()
    {
        if (_disposed || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public string Tail(int lines = 80) => string.Join('\n', _log.TakeLast(lines));

    public static HttpClient NewClient(Uri address)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(90) };   // the first requests compile handlers; CI shares 2 cores
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    private bool _disposed;

    public ValueTask DisposeAsync()
    {
        if (_disposed) return ValueTask.CompletedTask;
        // Kill first: Kill() does nothing once disposed, so setting the flag first left every node running after
        // the tests (found as orphaned service processes after a CI run).
        Kill();
        _disposed = true;
        Client.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
