using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Reports;

namespace ProgressTracker.IntegrationTests.Advisors;

/// <summary>
/// Stages and the advisor's dashboard when jobs and RHIT attempts come before or after the degree (domain.md 1 and 6;
/// issue 19 findings 2, 3 and 5), through HTTP. All dates are in the past of the clock's day (the test's real day, at
/// least 2026-12-03), where the rules below give the same answer on any later day. Each test was run on the parent of
/// the fix (c794445^) and failed there as its comment says.
/// </summary>
public sealed class jobs_and_the_degree(AppFixture fixture) : IntegrationContext(fixture)
{
    private Guid _advisor;
    private Guid _program;

    private async Task Caseload()
    {
        _program = await Host.AddProgram(await Host.RegisterCollege());   // CAHIIM from 2010-01-01, open
        _advisor = await Host.RegisterAdvisor();
    }

    private async Task<Guid> Graduate(string start, string courses, string degree)
    {
        var s = await Host.EnrolledStudent(_advisor, _program, "2024-FA", start);
        await Host.CompleteAllCourses(s, _program, courses);
        await Host.Degree(s, _program, degree);
        return s;
    }

    private async Task<(string Stage, string[] Alerts)> Row(Guid student)
    {
        var dashboard = await Host.GetJson($"/api/advisors/{_advisor}/dashboard");
        var row = dashboard["caseload"]!.AsArray().Single(r => r!["studentId"]!.GetValue<Guid>() == student)!;
        return (row["stage"]!.GetValue<string>(), [.. row["alerts"]!.AsArray().Select(a => a!.GetValue<string>())]);
    }

    [Fact]
    public async Task finding_2_a_graduate_with_a_job_and_no_attempt_is_exam_ready_on_the_dashboard()
    {
        // Fixed by c794445 (AlertRules tested !facts.Placed: the alert was suppressed by any job, so it was []).
        // Degree 2026-05-15 in an accredited program, in-field job 2026-06-01, no RHIT attempt: placed, exam-ready only
        // (not stalled nor graduated-not-placed: placed).
        await Caseload();
        var student = await Graduate("2024-08-26", "2026-04-01", "2026-05-15");
        await Host.Job(student, "2026-06-01");

        var (stage, alerts) = await Row(student);
        stage.ShouldBe("placed");
        alerts.ShouldBe(["exam-ready"]);

        // Once an attempt is recorded the alert goes (a failed one: the retake window opens after 30 days, long past).
        await Host.Exam(student, "2026-06-20", passed: false);
        (await Row(student)).Alerts.ShouldBe(["retake-window-open"]);
    }

    [Fact]
    public async Task finding_3_a_job_before_the_degree_leaves_a_graduate_not_placed()
    {
        // Fixed by c794445. A records clerk from 2019-06-01, enrolled 2022-08-22, degree 2024-05-15, no job since:
        // stage graduated (was placed); more than 6 months after the degree with no placement: graduated-not-placed
        // (never fired); no milestone for 90 days while graduated-not-placed: stalled; no attempt: exam-ready.
        await Caseload();
        var clerk = await Host.RegisterStudent(_advisor);
        await Host.Job(clerk, "2019-06-01");
        await Host.Enroll(clerk, _program, "2022-08-22", "2022-FA");
        await Host.CompleteAllCourses(clerk, _program, "2024-01-10");
        await Host.Degree(clerk, _program, "2024-05-15");

        var (stage, alerts) = await Row(clerk);
        stage.ShouldBe("graduated");
        alerts.ShouldBe(["stalled", "exam-ready", "graduated-not-placed"], ignoreOrder: true);
        (await Host.Timeline(clerk))["stage"]!.GetValue<string>().ShouldBe("graduated");

        // A job after the degree makes a placement: placed, and graduated-not-placed and stalled go.
        await Host.Job(clerk, "2024-09-01");
        (stage, alerts) = await Row(clerk);
        stage.ShouldBe("placed");
        alerts.ShouldBe(["exam-ready"]);
    }

    [Fact]
    public async Task finding_5_placed_and_credentialed_follow_the_degree()
    {
        // Fixed by c794445. W works in records from 2025-09-01 while enrolled (2025-08-25): enrolled (was placed).
        await Caseload();
        var working = await Host.EnrolledStudent(_advisor, _program, "2025-FA", "2025-08-25");
        await Host.Job(working, "2025-09-01");
        (await Host.Timeline(working))["stage"]!.GetValue<string>().ShouldBe("enrolled");

        // T, an early tester: coursework complete 2026-01-10, passed 2026-02-01, no degree: coursework-complete, not
        // credentialed (AHIMA awards the RHIT on the final transcript); with the degree on 2026-05-15, credentialed.
        var tester = await Host.EnrolledStudent(_advisor, _program, "2024-FA", "2024-08-26");
        await Host.CompleteAllCourses(tester, _program, "2026-01-10");
        await Host.Exam(tester, "2026-02-01", passed: true);
        (await Host.Timeline(tester))["stage"]!.GetValue<string>().ShouldBe("coursework-complete");
        await Host.Degree(tester, _program, "2026-05-15");
        (await Host.Timeline(tester))["stage"]!.GetValue<string>().ShouldBe("credentialed");
        (await Row(tester)).Stage.ShouldBe("credentialed");
    }
}
