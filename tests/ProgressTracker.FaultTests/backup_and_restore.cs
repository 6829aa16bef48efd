using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using ProgressTracker.FaultTests.Harness;
using ProgressTracker.Students;
using ProgressTracker.Testing;

namespace ProgressTracker.FaultTests;

/// <summary>
/// Issue 23: a backup is proven by restoring it. ops/backup runs while clients write; ops/restore puts it in a fresh
/// database on the same cluster, and the service started on that copy has everything acknowledged before the backup,
/// nothing written after it, the access log as it was, and projections that catch up to what a rebuild gives.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class backup_and_restore(FaultFixture fixture)
{
    private static readonly TimeSpan ScriptLimit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task a_backup_taken_under_load_restores_into_a_fresh_database_with_every_acknowledged_milestone_and_the_whole_access_log()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = await fixture.DatabaseAsync("backup_source");
        var dump = Path.Combine(Path.GetTempPath(), $"progress-tracker-backup-{Guid.NewGuid():N}.dump");
        ServiceNode? node = null;
        ServiceNode? restoredNode = null;
        try
        {
            node = await ServiceNode.StartAsync("source", ServiceNode.Environment(source, "Development"));
            var client = node.Client;

            // A population: 30 students, half enrolled in a cohort (so the cohort rows of Reports have members),
            // and volunteering hours from 4 writers.
            var advisor = await client.RegisterAdvisorAsync();
            var college = await client.PostForIdAsync("/api/colleges", new { name = "Lakeside Community College" });
            var program = await client.PostForIdAsync($"/api/colleges/{college}/programs", new
            {
                name = "Health Information Technology", award = "aas", normalDurationMonths = 24, requiredCategories = new[] { "english" },
            });
            var students = await client.RegisterStudentsAsync(advisor, 30);
            var enrollments = new List<Guid>();
            foreach (var student in students.Where((_, i) => i % 2 == 0))
            {
                using var response = await client.PostAsJsonAsync($"/api/students/{student}/enrollments",
                    new { programId = program, cohort = "2025-FA", intensity = "full-time", startedOn = "2025-08-25" }, ct);
                ((int)response.StatusCode).ShouldBe(201, await response.Content.ReadAsStringAsync(ct));
                enrollments.Add((await response.Content.ReadFromJsonAsync<MilestoneWritten>(ct))!.MilestoneId);
            }
            var before = new Load();
            await before.RunAsync(() => client, students, writers: 4, maxPerWriter: 40, CancellationToken.None);
            before.Failures.ShouldBe(0);

            // Every student's timeline as the service showed it before the backup; each read is an access-log row.
            var shownBefore = await TimelinesAsync(client, students);
            Guid[] acknowledgedBefore = [.. before.Acknowledged, .. enrollments];
            acknowledgedBefore.Except(shownBefore.Values.SelectMany(ids => ids)).ShouldBeEmpty("an acknowledged milestone is missing from the timelines");
            // The advisor's dashboard: one row of the group log for the whole caseload.
            using (var dashboard = await client.GetAsync($"/api/advisors/{advisor}/dashboard", ct))
                ((int)dashboard.StatusCode).ShouldBe(200, await dashboard.Content.ReadAsStringAsync(ct));
            var accessLogBefore = await AccessLogAsync(source);
            accessLogBefore.Count(row => row.StartsWith("one|")).ShouldBe(students.Length);
            accessLogBefore.Count(row => row.StartsWith("group|")).ShouldBeGreaterThanOrEqualTo(1);

            // The backup runs while two writers keep appending: whatever they got acknowledged during it may or may
            // not be in the snapshot, but nothing they write may be there twice or half.
            var during = new Load();
            using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                var writing = during.RunAsync(() => client, students, writers: 2, maxPerWriter: 2_000, stop.Token);
                var warmUp = System.Diagnostics.Stopwatch.StartNew();
                while (during.Acknowledged.Count < 5 && warmUp.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(50, ct);
                await OpsAsync("backup", source, dump);
                await stop.CancelAsync();
                await writing;
            }
            during.Acknowledged.Count.ShouldBeGreaterThan(0);
            new FileInfo(dump).Length.ShouldBeGreaterThan(0);

            // Written after the backup finished: none of these may come back.
            var after = new Load();
            await after.RunAsync(() => client, students, writers: 2, maxPerWriter: 20, CancellationToken.None);
            after.Acknowledged.Count.ShouldBe(40);

            // The live database is never restored over.
            var refused = await OpsAsync("restore", source, dump, expectSuccess: false);
            refused.ExitCode.ShouldNotBe(0);
            refused.Output.ShouldContain("is not empty");

            await node.DisposeAsync();
            node = null;

            var restored = await fixture.DatabaseAsync("backup_restored");
            await OpsAsync("restore", restored, dump);

            // Before the service touches the copy: the access log is exactly as it was at the backup (nothing read
            // during it), and every milestone is stored once.
            var accessLogRestored = await AccessLogAsync(restored);
            accessLogBefore.Except(accessLogRestored).Count().ShouldBe(0, "access-log rows recorded before the backup are missing");
            accessLogRestored.SequenceEqual(accessLogBefore).ShouldBeTrue("the restored access log differs from the one at the backup");
            var counts = await Checks.MilestoneCountsAsync(restored);
            counts.Where(c => c.Value != 1).ShouldBeEmpty("a milestone is stored more than once");
            acknowledgedBefore.Where(id => !counts.ContainsKey(id)).ShouldBeEmpty("milestones acknowledged before the backup are missing");
            after.Acknowledged.Where(counts.ContainsKey).ShouldBeEmpty("milestones written after the backup are in it");

            // How far behind the backup's projection was: the restored daemon catches up from there.
            var highest = await Checks.ScalarAsync(restored, $"select coalesce(max(seq_id), 0) from {Checks.Schema}.mt_events");
            var reports = await Checks.ScalarAsync(restored,
                $"select coalesce(max(last_seq_id), 0) from {Checks.Schema}.mt_event_progression where name like 'Reports%'");
            TestContext.Current.SendDiagnosticMessage($"restored: events up to {highest}, Reports projected up to {reports}");

            var restoredEnv = ServiceNode.Environment(restored, "Development");
            restoredNode = await ServiceNode.StartAsync("restored", restoredEnv);
            await Checks.WaitForReadyAsync(restoredNode.Address, (status, _) => status == 200, TimeSpan.FromSeconds(90));

            // Through the API, student by student: everything shown before is there; anything more was written during
            // the backup, never after it.
            var shownRestored = await TimelinesAsync(restoredNode.Client, students);
            var acknowledgedDuring = during.Acknowledged.ToHashSet();
            foreach (var student in students)
            {
                shownBefore[student].Except(shownRestored[student]).ShouldBeEmpty($"student {student} lost milestones");
                shownRestored[student].Except(shownBefore[student]).Where(id => !acknowledgedDuring.Contains(id))
                    .ShouldBeEmpty($"student {student} has milestones written after the backup");
            }
            TestContext.Current.SendDiagnosticMessage(
                $"backup of {new FileInfo(dump).Length:N0} bytes; {acknowledgedBefore.Length} milestones before, " +
                $"{during.Acknowledged.Count} during ({acknowledgedDuring.Count(counts.ContainsKey)} in the backup), {after.Acknowledged.Count} after");

            // The restored daemon resumes from the progress the backup recorded and ends where a rebuild ends.
            await database_and_process_faults.AssertReportsEqualRebuild(restored, restoredEnv, restoredNode);
        }
        finally
        {
            if (node is not null) await node.DisposeAsync();
            if (restoredNode is not null) await restoredNode.DisposeAsync();
            File.Delete(dump);
        }
    }

    /// <summary>Runs ops/backup or ops/restore against <paramref name="connectionString"/>, as an operator would.</summary>
    private static async Task<Shell.Result> OpsAsync(string script, string connectionString, string file, bool expectSuccess = true)
    {
        var result = await Shell.RunAsync(Path.Combine(Repository.Root, "ops", script), [file], ScriptLimit, throwOnError: expectSuccess,
            environment: new Dictionary<string, string> { ["ConnectionStrings__Marten"] = connectionString });
        TestContext.Current.SendDiagnosticMessage($"ops/{script}: {result.Output.Trim()}");
        return result;
    }

    private static async Task<Dictionary<Guid, HashSet<Guid>>> TimelinesAsync(HttpClient client, IEnumerable<Guid> students)
    {
        var shown = new Dictionary<Guid, HashSet<Guid>>();
        foreach (var student in students)
        {
            var timeline = await client.GetFromJsonAsync<JsonObject>($"/api/students/{student}/timeline");
            shown[student] = [.. timeline!["milestones"]!.AsArray().Select(m => Guid.Parse(m!["id"]!.GetValue<string>()))];
        }
        return shown;
    }

    /// <summary>Every row of both access-log tables as text, ordered.</summary>
    private static async Task<List<string>> AccessLogAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            select concat_ws('|', 'one', id, student_id::text, subject, role, route, at) from {Checks.Schema}.pt_access_log
            union all
            select concat_ws('|', 'group', id, student_ids::text, subject, role, route, at) from {Checks.Schema}.pt_access_log_group
            order by 1
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
