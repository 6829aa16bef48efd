using System.Diagnostics;
using System.Globalization;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Bench;

/// <summary>
/// The real service, started as `dotnet ProgressTracker.Api.dll` (Kestrel on 127.0.0.1, a free port) with the bench's
/// database, schema and signing key in its environment. Its output is drained (kept: the last lines, for errors).
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    public static readonly AuthOptions Auth = new()
    {
        Issuer = "progress-tracker-bench",
        Audience = "progress-tracker",
        SigningKey = "bench-only-signing-key-0123456789abcdef-0123456789",
    };

    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    private ServiceProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts the service in <paramref name="environment"/>. The daemon runs Solo in either environment: one node, with
    /// no leader election to wait for before the catch-up is timed.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(string apiDirectory, string environment, string connectionString, TimeSpan timeout)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var dll = Path.Combine(apiDirectory, "ProgressTracker.Api.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException($"The service is not built at {dll}: build ops/bench (it builds the service), or pass --api.");

        var port = ProgressTracker.Testing.LocalPostgresCluster.FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = apiDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["Marten__DaemonMode"] = "Solo";
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["ConnectionStrings__Marten"] = connectionString;
        start.Environment["Marten__Schema"] = BenchDatabase.Schema;
        start.Environment["Auth__Issuer"] = Auth.Issuer;
        start.Environment["Auth__Audience"] = Auth.Audience;
        start.Environment["Auth__SigningKey"] = Auth.SigningKey;
        start.Environment["Alerts__SweepMinutes"] = "0";

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var service = new ServiceProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The service exited ({process.ExitCode}):\n{service.Tail()}");
            try
            {
                using var response = await probe.GetAsync(new Uri(baseAddress, "/health/ready"));
                if (response.IsSuccessStatusCode) return service;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        await service.DisposeAsync();
        throw new TimeoutException($"The service was not ready within {timeout}:\n{service.Tail()}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > 40) _tail.Dequeue();
        }
    }

    public string Tail()
    {
        lock (_tail) return string.Join('\n', _tail);
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try { await _process.WaitForExitAsync(cts.Token); } catch (OperationCanceledException) { }
        }
        _process.Dispose();
    }
}
