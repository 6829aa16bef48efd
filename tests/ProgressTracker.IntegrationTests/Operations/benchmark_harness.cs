using ProgressTracker.Bench;
using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Operations;

/// <summary>
/// CI runs the benchmark only to prove it still works end to end (issue 8): a tiny population, one-second steps,
/// the real service as a child process over loopback. Timings are never asserted. In the integration collection so
/// that it does not compete for the two cores with the other integration tests.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class benchmark_harness
{
    [Fact]
    public async Task a_quick_run_measures_every_step_and_writes_its_results()
    {
        var output = Path.Combine(Path.GetTempPath(), $"progress-tracker-bench-{Guid.NewGuid():N}");
        var log = new StringWriter();
        var options = BenchOptions.Parse(["--quick", "--students", "200", "--seconds", "1", "--import-rows", "100", "--out", output]) with
        {
            // With a given test database the bench keeps to its own schema; otherwise it starts its own cluster.
            Database = Environment.GetEnvironmentVariable("PROGRESSTRACKER_TEST_DATABASE") is { Length: > 0 } given ? given : null,
            WriteConcurrency = [1, 16],
        };
        try
        {
            // Generous: it publishes a Release build while the other test projects run beside it on two cores.
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(12));
            var (results, markdown) = await new Harness(options, log).RunAsync(timeout.Token);

            File.Exists(markdown).ShouldBeTrue();
            File.Exists(Path.Combine(output, "latest.json")).ShouldBeTrue();
            var table = await File.ReadAllTextAsync(markdown, TestContext.Current.CancellationToken);
            foreach (var step in new[] { "1 writes", "2 reads", "3 reports", "4 projections", "5 import", "6 memory" })
            {
                table.ShouldContain($"| {step} |", customMessage: log.ToString());
            }
            results.Rows.ShouldAllBe(r => r.Note == null || !r.Note.Contains("errors"), log.ToString());
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }
}
