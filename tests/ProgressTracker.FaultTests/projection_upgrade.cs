using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using ProgressTracker.FaultTests.Harness;
using ProgressTracker.Reports;
using ProgressTracker.Testing;

namespace ProgressTracker.FaultTests;

/// <summary>
/// Issue 23, upgrades: a new version of the Reports projection is rebuilt beside the live one while reports keep being
/// read. The new version is the same code with <c>Reports:ProjectionVersion</c> one above
/// <c>ReportsConfiguration.Version</c>, which is what raising that constant does: a new shard and new tables, built from the
/// first event.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class projection_upgrade(FaultFixture fixture)
{
    private static readonly TimeSpan Catch = TimeSpan.FromSeconds(120);
    private const string Cohort = "2025-FA";
    private const int Enrolled = 30;
    // Students of another advisor, imported, so that the new version has a history to work through while it is read.
    private const int Imported = 3_000;
    private static readonly uint OldVersion = ReportsConfiguration.Version;
    private static readonly uint NewVersion = OldVersion + 1;
    private static readonly string OldShard = ReportsConfiguration.ShardOf(OldVersion);
    private static readonly string NewShard = ReportsConfiguration.ShardOf(NewVersion);

    [Fact]
    public async Task the_new_version_rebuilds_beside_the_old_one_and_no_report_read_fails_or_sees_it_half_built()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await fixture.DatabaseAsync("upgrade");
        var v1Env = ServiceNode.Environment(db, "Development");
        var v2Env = ServiceNode.Environment(db, "Development", new Dictionary<string, string> { ["Reports__ProjectionVersion"] = NewVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        ServiceNode? v1 = null;
        ServiceNode? v2 = null;
        try
        {
            v1 = await ServiceNode.StartAsync("v1", v1Env);
            var client = v1.Client;
            var advisor = await client.RegisterAdvisorAsync();
            var college = await client.PostForIdAsync("/api/colleges", new { name = "Lakeside Community College" });
            var program = await client.PostForIdAsync($"/api/colleges/{college}/programs", new
            {
                name = "Health Information Technology", award = "aas", normalDurationMonths = 24, requiredCategories = new[] { "english" },
            });
            foreach (var student in await client.RegisterStudentsAsync(advisor, Enrolled)) await EnrollAsync(client, student, program);
            await ImportStudentsAsync(client, college, await client.RegisterAdvisorAsync());
            await Checks.WaitForProjectionsHealthyAsync(v1.Address, Catch);

            // The figures known for the population: every enrolled student is a member, none graduated, none retained (no
            // term registration is recorded for 2026-FA, a year after entry, so retention is 0 of 30 with a warning).
            var known = await Figures.ReadAsync(client, college, advisor);
            known.ShouldNotBeNull();
            known.CohortSize.ShouldBe(Enrolled);
            known.Enrolled.ShouldBe(Enrolled);
            known.CaseloadSize.ShouldBe(Enrolled);
            var retention = JsonNode.Parse(known.Measures)!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "retention")!;
            (retention["numerator"]!.GetValue<int>(), retention["denominator"]!.GetValue<int>()).ShouldBe((0, Enrolled));

            var reader = new Reader(college, advisor, known) { Nodes = [v1] };
            using var stopReading = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var reading = reader.RunAsync(stopReading.Token);
            await reader.WaitForRoundsAsync(3);

            var health = new HealthWatch();
            using var stopWatching = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var watching = Task.CompletedTask;
            // Version 2's tables, created ahead (the runbook's db-apply) and locked against writes by the test: its rebuild
            // cannot write a page until the test lets it, so the reads below happen while it is rebuilding (a read of the
            // new tables would find them empty).
            await Shell.RunAsync("dotnet", [Path.Combine(ServiceNode.ServiceDirectory, "ProgressTracker.Api.dll"), "db-apply"],
                TimeSpan.FromMinutes(2), environment: v2Env, workingDirectory: ServiceNode.ServiceDirectory);
            await using (var hold = new NpgsqlConnection(db))
            {
                await hold.OpenAsync(ct);
                await using var locking = await hold.BeginTransactionAsync(ct);
                await using (var lockTables = new NpgsqlCommand(
                    $"lock table {Checks.Schema}.mt_doc_cohortrow{ReportsConfiguration.TableSuffix(NewVersion)} in share mode", hold, locking))
                    await lockTables.ExecuteNonQueryAsync(ct);

                // Version 2 starts beside version 1 and takes reads at once, as a balancer would send it some; version 1
                // then leaves (killed), and version 2 answers alone while its rebuild waits.
                v2 = await ServiceNode.StartAsync("v2", v2Env);
                watching = health.RunAsync(v2.Address, reader, stopWatching.Token);
                reader.Nodes = [v1, v2];
                await reader.WaitForRoundsAsync(2);
                reader.Nodes = [v2];
                await reader.WaitForRoundsAsync(1);
                await v1.DisposeAsync();
                v1 = null;
                await reader.WaitForRoundsAsync(3);
                await locking.CommitAsync(ct);
            }

            await Checks.WaitForProjectionsHealthyAsync(v2.Address, Catch);
            await reader.WaitForRoundsAsync(5);
            await stopReading.CancelAsync();
            await reading;
            await stopWatching.CancelAsync();
            await watching;

            TestContext.Current.SendDiagnosticMessage(
                $"{reader.Reads} report reads, {reader.ReadsWhileRebuilding} of them on v2 while {NewShard} was rebuilt; " +
                $"v2 up to {health.RebuildingFrom.TotalSeconds:0.0}-{health.RebuildingUntil.TotalSeconds:0.0} s rebuilding; health then: {health.FirstRebuilding?.ToJsonString()}");
            reader.Problems.ShouldBeEmpty($"report reads failed or differed from the known figures:\n{string.Join('\n', reader.Problems.Take(3))}\n" +
                $"v2 said:\n{string.Join('\n', v2.Log.Where(line => line.Contains("Reports")).Take(20))}");
            reader.Reads.ShouldBeGreaterThan(10);

            // The health check followed the rebuilding shard by its new name, with the tables that answered meanwhile,
            // and ends healthy on the new shard alone.
            health.FirstRebuilding.ShouldNotBeNull($"v2's /health/ready never showed {NewShard} rebuilding");
            health.FirstRebuilding!["status"]!.GetValue<string>().ShouldBe("Degraded");
            health.FirstRebuilding["description"]!.GetValue<string>().ShouldContain($"{NewShard} is rebuilt beside {OldShard}");
            health.FirstRebuilding["data"]!["reportsReadFrom"]!.GetValue<string>().ShouldBe(OldShard);
            health.Last.ShouldNotBeNull();
            health.Last!["status"]!.GetValue<string>().ShouldBe("Healthy");
            health.Last["data"]![NewShard].ShouldNotBeNull();
            health.Last["data"]![OldShard].ShouldBeNull();
            health.Last["data"]!["reportsReadFrom"].ShouldBeNull();
            reader.ReadsWhileRebuilding.ShouldBeGreaterThan(0,
                $"no read reached v2 while it rebuilt ({health.RebuildingFrom.TotalSeconds:0.0}-{health.RebuildingUntil.TotalSeconds:0.0} s after its start; {reader.Reads} reads)");
            v2.Log.ShouldContain(line => line.Contains($"{NewShard} is rebuilt beside {OldShard}"), v2.Tail());
            v2.Log.ShouldContain(line => line.Contains($"Reports read from {NewShard} from now on"), v2.Tail());

            // The new tables hold exactly what the old ones did (the same code, rebuilt from every event).
            var old = await Checks.ReportsAsync(db, ReportsConfiguration.TableSuffix(OldVersion));
            old.Length.ShouldBeGreaterThan(1_000);
            (await Checks.ReportsAsync(db, ReportsConfiguration.TableSuffix(NewVersion))).ShouldBe(old);

            // And they are the live ones now: a new member shows in v2's report, while the old tables stay as v1 left them.
            var newcomer = (await v2.Client.RegisterStudentsAsync(advisor, 1))[0];
            await EnrollAsync(v2.Client, newcomer, program);
            var clock = Stopwatch.StartNew();
            Figures? after = null;
            while (clock.Elapsed < Catch && after?.CohortSize != Enrolled + 1)
            {
                await Task.Delay(250, ct);
                after = await Figures.ReadAsync(v2.Client, college, advisor);
            }
            after!.CohortSize.ShouldBe(Enrolled + 1);
            (await Checks.ReportsAsync(db, ReportsConfiguration.TableSuffix(OldVersion))).ShouldBe(old);
        }
        finally
        {
            if (v1 is not null) await v1.DisposeAsync();
            if (v2 is not null) await v2.DisposeAsync();
        }
    }

    private static async Task EnrollAsync(HttpClient client, Guid student, Guid program)
    {
        using var response = await client.PostAsJsonAsync($"/api/students/{student}/enrollments",
            new { programId = program, cohort = Cohort, intensity = "full-time", startedOn = "2025-08-25" });
        ((int)response.StatusCode).ShouldBe(201, await response.Content.ReadAsStringAsync());
    }

    private static async Task ImportStudentsAsync(HttpClient client, Guid college, Guid advisor)
    {
        var csv = new StringBuilder("name,email,studentNumber,advisorId\n");
        for (var i = 0; i < Imported; i++) csv.Append($"Imported {i},imported{i}@students.example.edu,UPG-{i:D5},{advisor}\n");
        using var upload = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
        using var accepted = await client.PostAsync($"/api/colleges/{college}/imports?kind=students", upload);
        ((int)accepted.StatusCode).ShouldBe(202, await accepted.Content.ReadAsStringAsync());
        var import = (await accepted.Content.ReadFromJsonAsync<ProgressTracker.Infrastructure.Created>())!.Id;
        var clock = Stopwatch.StartNew();
        JsonNode? status = null;
        while (clock.Elapsed < Catch)
        {
            status = await client.GetFromJsonAsync<JsonNode>($"/api/imports/{import}");
            if (status?["state"]?.GetValue<string>() == "completed") break;
            await Task.Delay(500);
        }
        status?["state"]?.GetValue<string>().ShouldBe("completed");
        status!["applied"]!.GetValue<int>().ShouldBe(Imported);
    }

    /// <summary>What a report read shows of the population: the cohort report's figures and the dashboard's size.</summary>
    private sealed record Figures(int CohortSize, int Enrolled, string Measures, int CaseloadSize)
    {
        public static async Task<Figures?> ReadAsync(HttpClient client, Guid college, Guid advisor)
        {
            var report = await client.GetFromJsonAsync<JsonNode>($"/api/colleges/{college}/cohorts/{Cohort}/report");
            var dashboard = await client.GetFromJsonAsync<JsonNode>($"/api/advisors/{advisor}/dashboard");
            return report is null || dashboard is null
                ? null
                : new Figures(report["cohortSize"]!.GetValue<int>(), report["funnel"]!["enrolled"]!.GetValue<int>(),
                    report["measures"]!.ToJsonString(), dashboard["caseloadSize"]!.GetValue<int>());
        }
    }

    /// <summary>Reads the reports from every node it is given, round after round, and keeps every answer that failed or differed.</summary>
    private sealed class Reader(Guid college, Guid advisor, Figures known)
    {
        private int _rounds;
        private int _reads;
        private int _readsWhileRebuilding;

        public volatile ServiceNode[] Nodes = [];
        public volatile bool Rebuilding;
        public ConcurrentQueue<string> Problems { get; } = new();
        public int Reads => _reads;
        public int ReadsWhileRebuilding => _readsWhileRebuilding;

        public Task RunAsync(CancellationToken stop) => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var node in Nodes)
                {
                    var rebuilding = Rebuilding && node.Name == "v2";
                    try
                    {
                        var figures = await Figures.ReadAsync(node.Client, college, advisor);
                        if (figures != known) Problems.Enqueue($"{node.Name}: {figures} instead of {known}");
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or System.Text.Json.JsonException)
                    {
                        Problems.Enqueue($"{node.Name}: {e.GetType().Name} {e.Message}");
                    }
                    Interlocked.Increment(ref _reads);
                    if (rebuilding) Interlocked.Increment(ref _readsWhileRebuilding);
                }
                Interlocked.Increment(ref _rounds);
                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None);

        /// <summary>Waits (bounded) until <paramref name="count"/> more rounds have been read from the current nodes.</summary>
        public async Task WaitForRoundsAsync(int count)
        {
            var target = Volatile.Read(ref _rounds) + count + 1;
            var clock = Stopwatch.StartNew();
            while (Volatile.Read(ref _rounds) < target && clock.Elapsed < Catch) await Task.Delay(20);
            Volatile.Read(ref _rounds).ShouldBeGreaterThanOrEqualTo(target, "the reader stopped reading");
        }
    }

    /// <summary>Polls v2's /health/ready: the first answer that shows the new shard rebuilding, and the last answer.</summary>
    private sealed class HealthWatch
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public JsonNode? FirstRebuilding { get; private set; }
        public TimeSpan RebuildingFrom { get; private set; }
        public TimeSpan RebuildingUntil { get; private set; }
        public JsonNode? Last { get; private set; }

        public Task RunAsync(Uri node, Reader reader, CancellationToken stop) => Task.Run(async () =>
        {
            using var client = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(10) };
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    // 503 (unhealthy) answers carry the same report.
                    using var response = await client.GetAsync("/health/ready", CancellationToken.None);
                    var projections = JsonNode.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None))?["checks"]?["projections"];
                    var rebuilding = projections?["data"]?["reportsReadFrom"] is not null;
                    reader.Rebuilding = rebuilding;
                    if (rebuilding)
                    {
                        if (FirstRebuilding is null) RebuildingFrom = _clock.Elapsed;
                        FirstRebuilding ??= projections;
                        RebuildingUntil = _clock.Elapsed;
                    }
                    Last = projections;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
                {
                    // not up or not JSON: poll again
                }
                await Task.Delay(100, CancellationToken.None);
            }
        }, CancellationToken.None);
    }
}
