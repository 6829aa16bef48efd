using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace ProgressTracker.Testing;

/// <summary>
/// A build of the service (<c>dotnet ProgressTracker.Api.dll</c>) as a child process on a free loopback port, started
/// with the given environment and waited for until a probe route answers. Its output is drained and kept (the last
/// <c>keepLines</c>, or all of it) for assertions and failure messages. Shared as source by the fault tests (nodes
/// killed and restarted) and ops/bench (the service measured).
/// </summary>
internal sealed class ChildService : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly int? _keepLines;
    private bool _disposed;

    private ChildService(Process process, Uri address, int? keepLines)
    {
        _process = process;
        Address = address;
        _keepLines = keepLines;
    }

    public Uri Address { get; }
    public int ProcessId => _process.Id;
    public bool Running => !_disposed && !_process.HasExited;
    public IReadOnlyCollection<string> Log => _log;

    /// <param name="directory">The build output holding the assembly (ProgressTracker.Api.dll unless <paramref name="assembly"/> says).</param>
    /// <param name="environment">Everything the service reads from its environment; ASPNETCORE_URLS is set here.</param>
    /// <param name="probe">A route that answers 2xx once the service is up (/health/live, or /health/ready).</param>
    /// <param name="timeout">How long to wait for the probe before the start fails (and the process is killed).</param>
    /// <param name="keepLines">How many output lines to keep; null keeps them all.</param>
    /// <param name="assembly">The assembly to run: the service by default (ops/bench also runs a floor of its own).</param>
    /// <param name="arguments">Its command line.</param>
    public static async Task<ChildService> StartAsync(
        string directory, IReadOnlyDictionary<string, string> environment, string probe, TimeSpan timeout, int? keepLines = null,
        string assembly = "ProgressTracker.Api.dll", params string[] arguments)
    {
        var dll = Path.Combine(directory, assembly);
        if (!File.Exists(dll)) throw new FileNotFoundException($"The service is not built at {dll}.");
        var address = new Uri($"http://127.0.0.1:{LocalPostgresCluster.FreePort().ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var service = new ChildService(process, address, keepLines);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The service exited ({process.ExitCode}):\n{service.Tail()}");
            try
            {
                using var response = await client.GetAsync(probe);
                if (response.IsSuccessStatusCode) return service;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // a slow start: CI shares two cores
            }
            await Task.Delay(200);
        }
        await service.DisposeAsync();
        throw new TimeoutException($"The service did not answer {probe} within {timeout}:\n{service.Tail()}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _log.Enqueue(line);
        while (_keepLines is { } keep && _log.Count > keep) _log.TryDequeue(out _);
    }

    public string Tail(int lines = 80) => string.Join('\n', _log.TakeLast(lines));

    /// <summary>SIGKILL: no shutdown hooks, no flushing, as when a machine dies.</summary>
    public void Kill()
    {
        if (_disposed || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>Peak resident set (VmHWM in /proc/pid/status), in MiB; null where /proc is not there.</summary>
    public double? PeakMemoryMiB()
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status)) return null;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kb is null ? null : double.Parse(kb, CultureInfo.InvariantCulture) / 1024;
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed) return ValueTask.CompletedTask;
        // Kill first: Kill() does nothing once disposed (setting the flag first once left every node running).
        Kill();
        _disposed = true;
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
