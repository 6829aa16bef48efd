using System.Globalization;

namespace ProgressTracker.Bench;

/// <summary>
/// Samples a process's resident set (VmRSS) every 100 ms and keeps the highest value per named step, so the peak
/// (VmHWM) can be put down to what the service was doing then: catching up, serving writes, compiling a handler.
/// </summary>
public sealed class MemoryWatch : IAsyncDisposable
{
    private readonly string _status;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private readonly List<(string Step, double PeakMiB)> _steps = [];

    public MemoryWatch(int processId, string firstStep)
    {
        _status = $"/proc/{processId}/status";
        _steps.Add((firstStep, 0));
        _loop = Task.Run(SampleAsync);
    }

    /// <summary>From now on, samples count towards <paramref name="name"/>.</summary>
    public void Step(string name)
    {
        lock (_gate) _steps.Add((name, 0));
    }

    /// <summary>Each step's highest sample, in the order the steps began (steps with no sample are left out).</summary>
    public IReadOnlyList<(string Step, double PeakMiB)> Peaks()
    {
        lock (_gate) return [.. _steps.Where(s => s.PeakMiB > 0)];
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (ResidentMiB() is not { } mib) continue;
                lock (_gate)
                {
                    var (step, peak) = _steps[^1];
                    if (mib > peak) _steps[^1] = (step, mib);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // disposed
        }
    }

    private double? ResidentMiB()
    {
        try
        {
            var line = File.ReadLines(_status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return kb is null ? null : double.Parse(kb, CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return null;   // the process is gone, or /proc is not there
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
