using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProgressTracker.Advisors.Alerts;
using ProgressTracker.Advisors.Dashboard;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Reports;
using ProgressTracker.Reports.Cohorts;
using ProgressTracker.Students;

namespace ProgressTracker.IntegrationTests.Reports;

/// <summary>
/// The compact rows the "Reports" projection keeps for the cohort report (<see cref="CohortRow"/>) and the dashboard
/// (<see cref="CaseloadEntry"/>): what a void or a reassignment does to them, and that, read back from the database,
/// they give what the full records give.
/// </summary>
public sealed class compact_report_rows(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Cohort = "2022-FA";
    private const string Start = "2022-08-22";

    private async Task<IReadOnlyList<CohortRow>> Rows(string key)
    {
        await using var session = Store.QuerySession();
        return await session.Query<CohortRow>().Where(r => r.CohortKey == key).ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The alerts the advisor's dashboard shows for the one student on it.</summary>
    private async Task<IReadOnlyList<string>> DashboardAlertsOfOnlyStudent(Guid advisor)
    {
        var dashboard = await Host.GetJson($"/api/advisors/{advisor}/dashboard");
        return [.. dashboard["caseload"]!.AsArray().ShouldHaveSingleItem()!["alerts"]!.AsArray().Select(a => a!.GetValue<string>())];
    }

    [Fact]
    public async Task a_voided_enrollment_keeps_a_marked_row_and_the_rows_give_the_members_of_the_full_records()
    {
        var college = await Host.RegisterCollege();
        var program = await Host.AddProgram(college);
        var advisor = await Host.RegisterAdvisor();
        var graduate = await Host.EnrolledStudent(advisor, program, Cohort, Start);
        await Host.CompleteAllCourses(graduate, program, "2024-04-01");
        await Host.Degree(graduate, program, "2024-05-15");
        await Host.Exam(graduate, "2024-06-20", passed: true);
        var mistaken = await Host.RegisterStudent(advisor);
        var enrollment = (await Host.Record(mistaken, "enrollments",
            new { programId = program, cohort = Cohort, intensity = "full-time", startedOn = Start })).MilestoneId;
        await Host.WaitForReports();
        var key = CohortKey.Of(college, Cohort);

        (await Rows(key)).Select(r => r.Facts.StudentId).ShouldBe([graduate, mistaken], ignoreOrder: true);

        await Host.Void(mistaken, enrollment);
        await Host.WaitForReports();

        // The row stays, marked, for the rosters (a past report replays the student); the current report leaves it out.
        var rows = await Rows(key);
        rows.Select(r => (r.Facts.StudentId, r.Voided)).ShouldBe([(graduate, false), (mistaken, true)], ignoreOrder: true);
        await using var session = Store.QuerySession();
        var records = await session.LoadManyAsync<Student>(TestContext.Current.CancellationToken, graduate, mistaken);
        CohortRow.Members(rows, null).ShouldBe(CohortFigures.Members(records, college, Cohort, null));
        (await Host.GetJson($"/api/colleges/{college}/cohorts/{Cohort}/report"))["cohortSize"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task a_reassignment_moves_the_caseload_entry_and_the_entry_gives_the_alerts_of_the_full_record()
    {
        var college = await Host.RegisterCollege();
        var program = await Host.AddProgram(college);
        var first = await Host.RegisterAdvisor();
        var second = await Host.RegisterAdvisor("Blake Advisor");
        var student = await Host.EnrolledStudent(first, program, Cohort, Start);
        await Host.CompleteAllCourses(student, program, "2024-04-01");
        await Host.Degree(student, program, "2024-05-15");
        await Host.Record(student, "volunteering", new
        {
            organization = "Mercy General", setting = "hospital", hours = 20, startedOn = "2024-06-01", endedOn = "2024-06-30",
        });
        await Host.WaitForReports();

        async Task<IReadOnlyList<CaseloadEntry>> CaseloadOf(Guid advisor)
        {
            await using var session = Store.QuerySession();
            return await session.Query<CaseloadEntry>().Where(e => e.AdvisorId == advisor).ToListAsync(TestContext.Current.CancellationToken);
        }

        (await CaseloadOf(first)).ShouldHaveSingleItem().Id.ShouldBe(student);

        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Put.Json(new { advisorId = second }).ToUrl($"/api/students/{student}/advisor");
            x.StatusCodeShouldBe(201);
        });
        await Host.WaitForReports();

        (await CaseloadOf(first)).ShouldBeEmpty();
        var entry = (await CaseloadOf(second)).ShouldHaveSingleItem();
        await using var session = Store.QuerySession();
        var record = (await session.LoadAsync<Student>(student, TestContext.Current.CancellationToken)).ShouldNotBeNull();
        var programs = await Programs.OfAsync(session, record, TestContext.Current.CancellationToken);
        entry.Stage.ShouldBe(Pathway.StageOf(record));
        entry.LastMilestoneOn.ShouldBe(new DateOnly(2024, 6, 30));
        foreach (var day in new[] { new DateOnly(2024, 6, 1), new DateOnly(2024, 9, 1), new DateOnly(2025, 6, 1) })
            entry.Alerts(programs, day, new AlertOptions(), 30).ShouldBe(AlertRules.For(record, programs, day, new AlertOptions(), 30));
    }

    [Fact]
    public async Task the_cohort_key_index_holds_the_rows_and_takes_the_longest_name_a_student_may_have()
    {
        var ct = TestContext.Current.CancellationToken;
        var college = await Host.RegisterCollege();
        var program = await Host.AddProgram(college);
        var advisor = await Host.RegisterAdvisor();
        // 200 characters (the limit, in UTF-16 units) of three UTF-8 bytes each, the most one unit can take: the widest
        // row there can be. A btree entry over 2.7 KB would fail the daemon's write and stall every report.
        var longest = new string('\u533B', 200);
        var student = await Host.RegisterStudent(advisor, longest);
        await Host.Enroll(student, program, Start, Cohort);
        await Host.WaitForReports();

        (await Rows(CohortKey.Of(college, Cohort))).ShouldHaveSingleItem().Facts.Name.ShouldBe(longest);
        (await Host.GetJson($"/api/colleges/{college}/cohorts/{Cohort}/report"))["cohortSize"]!.GetValue<int>().ShouldBe(1);

        // The report reads the rows' id, version and JSON by cohort key: all three in the key's index, an index-only scan.
        var database = Host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var definition = database.CreateCommand(
            "select indexdef from pg_indexes where schemaname = $1 and tablename = 'mt_doc_cohortrow' and indexdef like '%(cohort_key)%'");
        definition.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Store.Options.DatabaseSchemaName });
        ((string)(await definition.ExecuteScalarAsync(ct))!).ShouldEndWith("INCLUDE (id, mt_version, data)");
    }

    [Fact]
    public async Task a_student_with_more_alert_facts_than_an_entry_holds_gets_the_alerts_of_the_full_record()
    {
        var ct = TestContext.Current.CancellationToken;
        var college = await Host.RegisterCollege();
        var advisor = await Host.RegisterAdvisor();
        var student = await Host.RegisterStudent(advisor);
        await Host.Enroll(student, await Host.AddProgram(college, accredited: false, name: "Unaccredited HIT"), Start, Cohort);
        for (var i = 0; i < 6; i++) await Host.Enroll(student, await Host.AddProgram(college, name: $"HIT {i}"), Start, Cohort);
        await Host.WaitForReports();

        await using var session = Store.QuerySession();
        (await session.LoadAsync<CaseloadEntry>(student, ct)).ShouldNotBeNull().AlertFacts.ShouldBeNull();
        var record = (await session.LoadAsync<Student>(student, ct)).ShouldNotBeNull();
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
        var expected = AlertRules.For(record, await Programs.OfAsync(session, record, ct), today,
            Host.Services.GetRequiredService<AlertOptions>(), Host.Services.GetRequiredService<PathwayOptions>().RhitRetakeWaitDays);
        expected.ShouldContain(AlertCode.NotExamEligible);

        (await DashboardAlertsOfOnlyStudent(advisor)).ShouldBe(expected.Select(Json.KebabName));
    }

    [Fact]
    public async Task an_entry_written_before_the_alert_facts_gets_the_alerts_of_the_full_record()
    {
        var ct = TestContext.Current.CancellationToken;
        var college = await Host.RegisterCollege();
        var advisor = await Host.RegisterAdvisor();
        var student = await Host.EnrolledStudent(advisor, await Host.AddProgram(college, accredited: false, name: "Unaccredited HIT"), Cohort, Start);
        await Host.WaitForReports();
        // The shape an older version stored: its "alertInputs" are not the facts the rules read now.
        var database = Host.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var downgrade = database.CreateCommand(
            $"update {Store.Options.DatabaseSchemaName}.mt_doc_caseloadentry set data = data - 'alertFacts' || '{{\"alertInputs\": {{\"enrollments\": []}}}}' where id = $1"))
        {
            downgrade.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = student });
            (await downgrade.ExecuteNonQueryAsync(ct)).ShouldBe(1);
        }

        await using (var session = Store.QuerySession())
            (await session.LoadAsync<CaseloadEntry>(student, ct)).ShouldNotBeNull().AlertFacts.ShouldBeNull();

        (await DashboardAlertsOfOnlyStudent(advisor)).ShouldContain(Json.KebabName(AlertCode.NotExamEligible));
    }

    [Fact]
    public async Task the_advisor_index_holds_the_entries_and_takes_the_widest_entries_there_can_be()
    {
        var ct = TestContext.Current.CancellationToken;
        var advisor = Guid.CreateVersion7();
        var day = new DateOnly(2024, 1, 10);
        // Alert facts as large as an entry keeps them, of enrollments with every date and with none (whose JSON has
        // the most overhead per byte), with the longest name (200 units of three UTF-8 bytes): a btree entry over 2.7 KB
        // would fail the daemon's write and stall every report.
        var closed = new EnrollmentFacts(Guid.CreateVersion7(), day, 24, Intensity.PartTime, day, day, day);
        var open = closed with { CourseworkCompleteOn = null, GraduatedOn = null, WithdrawnOn = null };
        AlertFacts[] widest =
        [
            Fill(new AlertFacts { FirstDegreeOn = day, LastRhitAttemptOn = day }, f => f with { Enrollments = [.. f.Enrollments, closed] }),
            Fill(new AlertFacts(), f => f with { Enrollments = [.. f.Enrollments, open] }),
        ];
        await using (var write = Store.LightweightSession())
        {
            foreach (var facts in widest)
            {
                write.Store(new CaseloadEntry
                {
                    Id = Guid.CreateVersion7(), AdvisorId = advisor, Name = new string('\u533B', 200), Stage = Stage.Enrolled,
                    LastMilestoneOn = day, AlertFacts = facts,
                });
            }
            await write.SaveChangesAsync(ct);
        }

        await using var session = Store.QuerySession();
        var entries = await session.Query<CaseloadEntry>().Where(e => e.AdvisorId == advisor).ToListAsync(ct);
        entries.Select(e => e.AlertFacts!.Enrollments.Count).ShouldBe(widest.Select(f => f.Enrollments.Count), ignoreOrder: true);
        entries.SelectMany(e => e.AlertFacts!.Enrollments).ShouldBe(widest.SelectMany(f => f.Enrollments), ignoreOrder: true);

        // The dashboard reads the entries' id, version and JSON by advisor: all three in the advisor's index.
        var database = Host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var definition = database.CreateCommand(
            "select indexdef from pg_indexes where schemaname = $1 and tablename = 'mt_doc_caseloadentry' and indexdef like '%(advisor_id)%'");
        definition.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Store.Options.DatabaseSchemaName });
        ((string)(await definition.ExecuteScalarAsync(ct))!).ShouldEndWith("INCLUDE (id, mt_version, data)");

        static AlertFacts Fill(AlertFacts facts, Func<AlertFacts, AlertFacts> grow)
        {
            while (JsonSerializer.SerializeToUtf8Bytes(grow(facts), Json.Storage).Length <= CaseloadEntry.MaxAlertFactsBytes) facts = grow(facts);
            return facts;
        }
    }
}
