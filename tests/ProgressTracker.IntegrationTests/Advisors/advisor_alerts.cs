using ProgressTracker.Advisors.Alerts;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Reports;
using Wolverine.Tracking;
using static ProgressTracker.IntegrationTests.Infrastructure.Scenarios;

namespace ProgressTracker.IntegrationTests.Advisors;

public sealed class advisor_alerts(AppFixture fixture) : IntegrationContext(fixture)
{
    private DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    private Guid _advisor;
    private Guid _graduate;
    private Guid _failer;
    private Guid _unaccredited;

    /// <summary>Three students, dated from the test's "today" (the fake clock's start).</summary>
    private async Task BuildCaseload()
    {
        var college = await Host.RegisterCollege();
        var program = await Host.AddProgram(college);
        var unaccredited = await Host.AddProgram(college, accredited: false, name: "Unaccredited HIT");
        _advisor = await Host.RegisterAdvisor();
        var start = Day(Today.AddYears(-2));

        // Graduated 3 days short of 6 months ago, no attempt: exam-ready, and stalled (no milestone for 90 days).
        _graduate = await Host.EnrolledStudent(_advisor, program, "2024-FA", start);
        await Host.CompleteAllCourses(_graduate, program, Day(Today.AddMonths(-7)));
        await Host.Degree(_graduate, program, Day(Today.AddMonths(-6).AddDays(3)));

        // Graduated 60 days ago, failed the RHIT 10 days ago: the 30-day retake window opens in 20 days.
        _failer = await Host.EnrolledStudent(_advisor, program, "2024-FA", start);
        await Host.CompleteAllCourses(_failer, program, Day(Today.AddDays(-90)));
        await Host.Degree(_failer, program, Day(Today.AddDays(-60)));
        await Host.Exam(_failer, Day(Today.AddDays(-10)), passed: false);

        // Enrolled 30 days ago in a program without CAHIIM accreditation.
        _unaccredited = await Host.EnrolledStudent(_advisor, unaccredited, "2026-FA", Day(Today.AddDays(-30)));

        await Host.WaitForReports();
    }

    private async Task<IReadOnlyList<AlertRaised>> Sweep()
    {
        // Waits for the sweep and every message it cascades (the notifier) to finish.
        var tracked = await Host.InvokeMessageAndWaitAsync(new SweepAlerts());
        return [.. tracked.Sent.MessagesOf<AlertRaised>()];
    }

    private async Task<List<(Guid Student, string Code)>> Inbox()
    {
        var alerts = await Host.GetJsonArray($"/api/advisors/{_advisor}/alerts");
        return [.. alerts.Select(a => (a!["studentId"]!.GetValue<Guid>(), a["code"]!.GetValue<string>()))];
    }

    [Fact]
    public async Task alerts_are_raised_once_as_the_clock_moves_and_land_in_the_inbox()
    {
        await BuildCaseload();

        var first = await Sweep();
        first.Select(a => (a.StudentId, a.Code)).ShouldBe(
            [(_graduate, AlertCode.Stalled), (_graduate, AlertCode.ExamReady), (_unaccredited, AlertCode.NotExamEligible)],
            ignoreOrder: true);
        (await Inbox()).Count.ShouldBe(3);

        // Same day, nothing new: nothing is sent again.
        (await Sweep()).ShouldBeEmpty();

        // Four days on, the degree is more than six months old.
        Clock.Advance(TimeSpan.FromDays(4));
        (await Sweep()).Select(a => (a.StudentId, a.Code)).ShouldBe([(_graduate, AlertCode.GraduatedNotPlaced)]);

        // Twenty days after the failed attempt (plus one), the retake window is open.
        Clock.Advance(TimeSpan.FromDays(17));
        (await Sweep()).Select(a => (a.StudentId, a.Code)).ShouldBe([(_failer, AlertCode.RetakeWindowOpen)]);

        var inbox = await Inbox();
        inbox.Count.ShouldBe(5);
        inbox.ShouldContain((_failer, "retake-window-open"));
    }

    [Fact]
    public async Task the_dashboard_shows_stage_last_milestone_and_alerts_on_the_clocks_day()
    {
        await BuildCaseload();
        Clock.Advance(TimeSpan.FromDays(21));

        var dashboard = await Host.GetJson($"/api/advisors/{_advisor}/dashboard");

        dashboard["caseloadSize"]!.GetValue<int>().ShouldBe(3);
        var byAlert = dashboard["byAlert"]!;
        byAlert["stalled"]!.GetValue<int>().ShouldBe(1);
        byAlert["exam-ready"]!.GetValue<int>().ShouldBe(1);
        byAlert["graduated-not-placed"]!.GetValue<int>().ShouldBe(1);
        byAlert["retake-window-open"]!.GetValue<int>().ShouldBe(1);
        byAlert["not-exam-eligible"]!.GetValue<int>().ShouldBe(1);
        dashboard["byStage"]!["graduated"]!.GetValue<int>().ShouldBe(2);
        dashboard["byStage"]!["enrolled"]!.GetValue<int>().ShouldBe(1);

        var failer = dashboard["caseload"]!.AsArray().Single(r => r!["studentId"]!.GetValue<Guid>() == _failer)!;
        failer["lastMilestoneOn"]!.GetValue<string>().ShouldBe(Day(Today.AddDays(-31)));
        failer["alerts"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["retake-window-open"]);
    }

    private async Task Reassign(Guid student, Guid advisor) =>
        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Put.Json(new { advisorId = advisor }).ToUrl($"/api/students/{student}/advisor");
            x.StatusCodeShouldBe(201);
        });

    [Fact]
    public async Task an_advisor_left_with_no_students_has_their_alerts_reset_and_a_returning_student_is_alerted_again()
    {
        await BuildCaseload();
        (await Sweep()).Count.ShouldBe(3);
        var other = await Host.RegisterAdvisor("Blake Advisor");
        foreach (var student in new[] { _graduate, _failer, _unaccredited }) await Reassign(student, other);
        await Host.WaitForReports();

        // The alerts follow the students; the first advisor has none left (and no caseload entry to find them by).
        (await Sweep()).ShouldAllBe(a => a.AdvisorId == other);

        await Reassign(_unaccredited, _advisor);
        await Host.WaitForReports();
        (await Sweep()).Select(a => (a.AdvisorId, a.StudentId, a.Code)).ShouldBe([(_advisor, _unaccredited, AlertCode.NotExamEligible)]);
    }

    [Fact]
    public async Task the_inbox_is_a_logged_read_of_students_still_on_the_caseload()
    {
        await BuildCaseload();
        (await Sweep()).Count.ShouldBe(3);
        var advisor = Identities.Advisor(_advisor);
        var route = $"GET /api/advisors/{_advisor}/alerts";

        var read = await Host.Scenario(x =>
        {
            x.As(advisor);
            x.Get.Url($"/api/advisors/{_advisor}/alerts");
            x.StatusCodeShouldBe(200);
        });
        (await read.ReadAsTextAsync()).ShouldContain(_graduate.ToString());
        // Each student the inbox names has the read in their log, as one read of several records (the dashboard's way).
        foreach (var student in new[] { _graduate, _unaccredited })
        {
            var entries = (await Host.AccessLog(student, Identities.Admin)).Where(e => e!["route"]!.GetValue<string>() == route).ToList();
            entries.Count.ShouldBe(1);
            entries[0]!["subject"]!.GetValue<string>().ShouldBe($"advisor-{_advisor}");
        }
        (await Host.AccessLog(_failer, Identities.Admin)).ShouldNotContain(e => e!["route"]!.GetValue<string>() == route);

        // The graduate moves to another advisor: the former one no longer sees the graduate's alerts.
        await Reassign(_graduate, await Host.RegisterAdvisor("Blake Advisor"));
        var after = await Host.Scenario(x =>
        {
            x.As(advisor);
            x.Get.Url($"/api/advisors/{_advisor}/alerts");
            x.StatusCodeShouldBe(200);
        });
        var shown = System.Text.Json.Nodes.JsonNode.Parse(await after.ReadAsTextAsync())!.AsArray();
        shown.Select(a => a!["studentId"]!.GetValue<Guid>()).ShouldBe([_unaccredited]);
        (await Host.AccessLog(_graduate, Identities.Admin)).Count(e => e!["route"]!.GetValue<string>() == route).ShouldBe(1);
    }

    [Fact]
    public async Task a_reassigned_student_moves_to_the_new_advisors_dashboard()
    {
        await BuildCaseload();
        var other = await Host.RegisterAdvisor("Blake Advisor");
        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Put.Json(new { advisorId = other }).ToUrl($"/api/students/{_failer}/advisor");
            x.StatusCodeShouldBe(201);
        });
        await Host.WaitForReports();

        (await Host.GetJson($"/api/advisors/{_advisor}/dashboard"))["caseloadSize"]!.GetValue<int>().ShouldBe(2);
        var theirs = await Host.GetJson($"/api/advisors/{other}/dashboard");
        theirs["caseload"]!.AsArray().Single()!["studentId"]!.GetValue<Guid>().ShouldBe(_failer);
    }

    [Fact]
    public async Task unknown_advisors_are_404()
    {
        foreach (var route in new[] { "dashboard", "alerts" })
        {
            await Host.Scenario(x =>
            {
                x.As(Identities.Admin);
                x.Get.Url($"/api/advisors/{Guid.CreateVersion7()}/{route}");
                x.StatusCodeShouldBe(404);
            });
        }
    }
}
