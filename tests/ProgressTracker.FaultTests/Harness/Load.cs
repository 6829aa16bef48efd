using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using ProgressTracker.Students;

namespace ProgressTracker.FaultTests.Harness;

/// <summary>
/// Writers that log volunteering hours for random students until told to stop (bounded in count and time), and the
/// ledger of what the service acknowledged: every milestone id that came back with a 2xx.
/// </summary>
public sealed class Load
{
    private readonly ConcurrentDictionary<Guid, byte> _acknowledged = new();
    private int _failures;
    private long _lastSuccessTicks;

    public IReadOnlyCollection<Guid> Acknowledged => (IReadOnlyCollection<Guid>)_acknowledged.Keys;
    public int Failures => _failures;

    /// <summary>When the last 2xx came back (Stopwatch ticks), to prove writes succeed again after a fault.</summary>
    public long LastSuccessTicks => Interlocked.Read(ref _lastSuccessTicks);

    public static object Volunteering(int seed) => new
    {
        organization = $"Mercy General {seed % 7}", setting = "hospital", hours = 1 + seed % 8,
        startedOn = "2025-03-01", endedOn = "2025-03-01",
    };

    /// <summary>Runs <paramref name="writers"/> loops, each at most <paramref name="maxPerWriter"/> requests.</summary>
    public Task RunAsync(Func<HttpClient> client, IReadOnlyList<Guid> students, int writers, int maxPerWriter, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var i = 0; i < maxPerWriter && !stop.IsCancellationRequested; i++)
            {
                var student = students[random.Next(students.Count)];
                try
                {
                    using var response = await client().PostAsJsonAsync($"/api/students/{student}/volunteering", Volunteering(i), CancellationToken.None);
                    if ((int)response.StatusCode == 201)
                    {
                        var written = await response.Content.ReadFromJsonAsync<MilestoneWritten>(CancellationToken.None);
                        _acknowledged.TryAdd(written!.MilestoneId, 0);
                        Interlocked.Exchange(ref _lastSuccessTicks, Stopwatch.GetTimestamp());
                        continue;
                    }
                    Interlocked.Increment(ref _failures);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.Increment(ref _failures);
                }
                await Task.Delay(50, CancellationToken.None);
            }
        }, CancellationToken.None)));
}
