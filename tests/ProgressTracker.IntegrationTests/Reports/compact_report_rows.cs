using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Reports;
using ProgressTracker.Reports.Cohorts;

namespace ProgressTracker.IntegrationTests.Reports;

/// <summary>
/// The compact rows the "Reports" projection keeps for the cohort report (<see cref="CohortRow"/>): what a void does to
/// them; and the dashboard, which reads the students' decision states.
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
    public async Task a_voided_enrollment_keeps_a_marked_row_and_leaves_the_members()
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
        CohortRow.Members(rows, null).Select(m => m.StudentId).ShouldBe([graduate]);
        (await Host.GetJson($"/api/colleges/{college}/cohorts/{Cohort}/report"))["cohortSize"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task a_reassignment_moves_the_student_to_the_new_advisors_dashboard_at_once()
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

        async Task<JsonArray> CaseloadOf(Guid advisor) => (await Host.GetJson($"/api/advisors/{advisor}/dashboard"))["caseload"]!.AsArray();

        (await CaseloadOf(first)).ShouldHaveSingleItem()!["studentId"]!.GetValue<Guid>().ShouldBe(student);

        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Put.Json(new { advisorId = second }).ToUrl($"/api/students/{student}/advisor");
            x.StatusCodeShouldBe(201);
        });

        // The dashboard reads the students' decision states, committed with the events: no wait for the daemon.
        (await CaseloadOf(first)).ShouldBeEmpty();
        var row = (await CaseloadOf(second)).ShouldHaveSingleItem()!;
        row["stage"]!.GetValue<string>().ShouldBe("graduated");
        row["lastMilestoneOn"]!.GetValue<string>().ShouldBe("2024-06-30");
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
            $"select indexdef from pg_indexes where schemaname = $1 and tablename = 'mt_doc_cohortrow{ReportsConfiguration.TableSuffix(ReportsConfiguration.Version)}' and indexdef like '%(cohort_key)%'");
        definition.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Store.Options.DatabaseSchemaName });
        ((string)(await definition.ExecuteScalarAsync(ct))!).ShouldEndWith("INCLUDE (id, mt_version, data)");
    }
}
