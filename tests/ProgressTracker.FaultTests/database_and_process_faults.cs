using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using ProgressTracker.FaultTests.Harness;
using ProgressTracker.Students;

namespace ProgressTracker.FaultTests;

/// <summary>
/// Issue 9: faults with real processes. The built service runs as child processes against a PostgreSQL cluster the
/// test stops and starts. Every loop is bounded in count and time.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class database_and_process_faults(FaultFixture fixture)
{
    private static readonly TimeSpan Catch = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task postgres_restarted_while_clients_write_loses_nothing_and_the_service_recovers_by_itself()
    {
        var db = await fixture.DatabaseAsync("pg_restart");
        var env = ServiceNode.Environment(db, "Development", new Dictionary<string, string> { ["Health:ProjectionStallSeconds"] = "30" });
        await using var node = await ServiceNode.StartAsync("node", env);
        var students = await node.Client.RegisterEnrolledStudentsAsync(await node.Client.RegisterAdvisorAsync(), 6);

        var load = new Load();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var writing = load.RunAsync(() => node.Client, students, writers: 4, maxPerWriter: 400, stop.Token);
        // Let the writers get going first (bounded): on a busy CI machine the first writes compile handlers.
        var warmUp = Stopwatch.StartNew();
        while (load.Acknowledged.Count < 10 && warmUp.Elapsed < Catch) await Task.Delay(100, TestContext.Current.CancellationToken);
        var beforeOutage = load.Acknowledged.Count;

        await fixture.Cluster!.StopAsync();
        var down = await Checks.WaitForReadyAsync(node.Address, (status, _) => status == 503, TimeSpan.FromSeconds(30));
        down.Report?["checks"]?["database"]?["status"]?.GetValue<string>().ShouldBe("Unhealthy");
        await Task.Delay(2_000, TestContext.Current.CancellationToken);
        await fixture.Cluster.StartAsync();
        var restarted = Stopwatch.GetTimestamp();

        await Checks.WaitForReadyAsync(node.Address, (status, _) => status == 200, Catch);
        var recovery = Stopwatch.StartNew();
        while (load.LastSuccessTicks < restarted && recovery.Elapsed < Catch) await Task.Delay(200, TestContext.Current.CancellationToken);
        await Task.Delay(1_500, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await writing;

        load.LastSuccessTicks.ShouldBeGreaterThan(restarted, "no write succeeded after PostgreSQL came back");
        beforeOutage.ShouldBeGreaterThan(0);
        node.Running.ShouldBeTrue();
        await AssertStoredExactlyOnce(db, load);
        await AssertReportsEqualRebuild(db, env, node);
    }

    [Fact]
    public async Task the_service_killed_mid_load_starts_again_loses_nothing_and_finishes_the_import()
    {
        var db = await fixture.DatabaseAsync("sigkill");
        var env = ServiceNode.Environment(db, "Development");
        var node = await ServiceNode.StartAsync("first", env);
        var current = node;
        try
        {
            var advisor = await node.Client.RegisterAdvisorAsync();
            var students = await node.Client.RegisterEnrolledStudentsAsync(advisor, 6);
            var college = await node.Client.PostForIdAsync("/api/colleges", new { name = "Lakeside Community College" });

            const int rows = 2_500;
            var csv = new StringBuilder("name,email,studentNumber,advisorId\n");
            for (var i = 0; i < rows; i++) csv.Append($"Imported {i},imported{i}@students.example.edu,IMP-{i:D5},{advisor}\n");
            using var upload = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
            using var accepted = await node.Client.PostAsync($"/api/colleges/{college}/imports?kind=students", upload, TestContext.Current.CancellationToken);
            ((int)accepted.StatusCode).ShouldBe(202, await accepted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var import = (await accepted.Content.ReadFromJsonAsync<ProgressTracker.Infrastructure.Created>(TestContext.Current.CancellationToken))!.Id;

            var load = new Load();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(150));
            var writing = load.RunAsync(() => current.Client, students, writers: 4, maxPerWriter: 400, stop.Token);

            // Kill once the import has committed a batch but not finished (bounded wait).
            var clock = Stopwatch.StartNew();
            var processedAtKill = 0;
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                var status = await ImportStatusAsync(node.Client, import);
                processedAtKill = status.Processed;
                if (status.Processed > 0 || status.State == "completed") break;
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
            node.Kill();
            var killedAt = Stopwatch.GetTimestamp();
            await Task.Delay(1_000, TestContext.Current.CancellationToken);
            current = await ServiceNode.StartAsync("second", env);
            clock.Restart();
            var final = await ImportStatusAsync(current.Client, import);
            while (final.State != "completed" && clock.Elapsed < TimeSpan.FromSeconds(120))
            {
                await Task.Delay(500, TestContext.Current.CancellationToken);
                final = await ImportStatusAsync(current.Client, import);
            }
            while (load.LastSuccessTicks < killedAt && clock.Elapsed < Catch) await Task.Delay(200, TestContext.Current.CancellationToken);
            await stop.CancelAsync();
            await writing;

            TestContext.Current.SendDiagnosticMessage($"killed at {processedAtKill} of {rows} rows processed");
            processedAtKill.ShouldBeLessThan(rows, "the import finished before the kill; nothing was resumed");
            final.State.ShouldBe("completed", current.Tail());
            final.Applied.ShouldBe(rows);
            final.Failed.ShouldBe(0);
            load.LastSuccessTicks.ShouldBeGreaterThan(killedAt, "no write succeeded after the restart");

            // Nothing applied twice: one registration per imported student, one stream each.
            (await Checks.ScalarAsync(db, $"select count(*) from {Checks.Schema}.mt_events where type = 'student_registered' and data->>'studentNumber' like 'IMP-%'"))
                .ShouldBe(rows);
            (await Checks.ScalarAsync(db, $"select count(distinct stream_id) from {Checks.Schema}.mt_events where type = 'student_registered' and data->>'studentNumber' like 'IMP-%'"))
                .ShouldBe(rows);
            await AssertStoredExactlyOnce(db, load);
            await AssertReportsEqualRebuild(db, env, current);
        }
        finally
        {
            await node.DisposeAsync();
            await current.DisposeAsync();
        }
    }

    [Fact]
    public async Task fifty_parallel_writers_on_one_student_over_http_get_contiguous_versions_and_one_key_appends_once()
    {
        var db = await fixture.DatabaseAsync("parallel");
        await using var node = await ServiceNode.StartAsync("node", ServiceNode.Environment(db, "Development"));
        var student = (await node.Client.RegisterStudentsAsync(await node.Client.RegisterAdvisorAsync(), 1))[0];

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            node.Client.PostAsJsonAsync($"/api/students/{student}/volunteering", Load.Volunteering(i), TestContext.Current.CancellationToken)));
        responses.Select(r => (int)r.StatusCode).ShouldAllBe(s => s == 201);
        var versions = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<MilestoneWritten>(TestContext.Current.CancellationToken))!.Version));
        versions.Order().ShouldBe(Enumerable.Range(2, 50).Select(v => (long)v));

        var keyed = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/students/{student}/volunteering")
            {
                Content = JsonContent.Create(Load.Volunteering(99)),
            };
            request.Headers.Add("Idempotency-Key", "same-key-20-times");
            return node.Client.SendAsync(request, TestContext.Current.CancellationToken);
        }));
        keyed.Select(r => (int)r.StatusCode).ShouldAllBe(s => s == 201);
        var bodies = await Task.WhenAll(keyed.Select(r => r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        bodies.Distinct().Count().ShouldBe(1);
        (await Checks.ScalarAsync(db, $"select version from {Checks.Schema}.mt_streams where id = '{student}'")).ShouldBe(52);
        foreach (var r in responses.Concat(keyed)) r.Dispose();
    }

    internal static async Task AssertStoredExactlyOnce(string db, Load load)
    {
        var counts = await Checks.MilestoneCountsAsync(db);
        load.Acknowledged.Count.ShouldBeGreaterThan(0);
        var missing = load.Acknowledged.Where(id => !counts.ContainsKey(id)).ToList();
        missing.ShouldBeEmpty($"{missing.Count} acknowledged milestones are not stored");
        counts.Where(c => c.Value != 1).ShouldBeEmpty("a milestone is stored more than once");
    }

    /// <summary>The async projection caught up after the fault equals a rebuild from every event.</summary>
    internal static async Task AssertReportsEqualRebuild(string db, IDictionary<string, string> env, params ServiceNode[] nodes)
    {
        await Checks.WaitForProjectionsHealthyAsync(nodes.First(n => n.Running).Address, Catch);
        var live = await Checks.ReportsAsync(db);
        foreach (var node in nodes) await node.DisposeAsync();
        await Checks.RebuildReportsAsync(env);
        var rebuilt = await Checks.ReportsAsync(db);
        live.Length.ShouldBeGreaterThan(100);
        live.ShouldBe(rebuilt);
    }

    private sealed record ImportStatus(string State, int Total, int Processed, int Applied, int Failed);

    private static async Task<ImportStatus> ImportStatusAsync(HttpClient client, Guid import)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return (await client.GetFromJsonAsync<ImportStatus>($"/api/imports/{import}"))!;
            }
            catch (HttpRequestException) when (attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }
}
