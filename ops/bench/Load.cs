using System.Diagnostics;

namespace ProgressTracker.Bench;

/// <summary>What a closed-loop load step measured: operations per second and latency percentiles (ms).</summary>
public sealed record LoadResult(int Clients, int Operations, int Errors, double Seconds, double PerSecond, double P50Ms, double P99Ms, double MaxMs);

/// <summary>
/// Closed-loop load: <c>clients</c> workers each run the operation back to back for the step's duration, after a
/// warm-up of a fifth of it whose samples are dropped. Bounded: every loop ends on the clock. An operation answers
/// false (or throws) for an error; errors are counted apart and never enter the latencies.
/// </summary>
public static class Load
{
    public static async Task<LoadResult> RunAsync(int clients, TimeSpan duration, Func<int, long, Task<bool>> operation)
    {
        var warmUp = duration / 5;
        await Phase(clients, warmUp, operation, new List<double>[clients], new int[clients]);

        var samples = new List<double>[clients];
        var errors = new int[clients];
        var clock = Stopwatch.StartNew();
        await Phase(clients, duration, operation, samples, errors);
        var seconds = clock.Elapsed.TotalSeconds;

        var all = samples.SelectMany(s => s).Order().ToArray();
        return new LoadResult(clients, all.Length, errors.Sum(), seconds, all.Length / seconds,
            Percentile(all, 0.50), Percentile(all, 0.99), all.Length == 0 ? 0 : all[^1]);
    }

    private static Task Phase(int clients, TimeSpan duration, Func<int, long, Task<bool>> operation, List<double>[] samples, int[] errors)
    {
        var end = Stopwatch.StartNew();
        return Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var mine = samples[client] = [];
            for (long i = 0; end.Elapsed < duration; i++)
            {
                var start = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await operation(client, i);
                }
                catch (Exception e) when (e is HttpRequestException or Npgsql.NpgsqlException or TaskCanceledException)
                {
                    ok = false;
                }
                if (ok) mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                else errors[client]++;
            }
        })));
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return 0;
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
