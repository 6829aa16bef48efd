using System.Text.Json.Nodes;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Reports;
using static ProgressTracker.IntegrationTests.Infrastructure.Scenarios;

namespace ProgressTracker.IntegrationTests.FollowUps;

public sealed class following_up_alerts(AppFixture fixture) : IntegrationContext(fixture)
{
    private DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    private Guid _college;
    private Guid _advisor;
    private Guid _other;
    private Guid _student;
    private Guid _second;

    /// <summary>Two students of one advisor enrolled in a program without CAHIIM accreditation: not-exam-eligible each.</summary>
    private async Task Build()
    {
        _college = await Host.RegisterCollege();
        var unaccredited = await Host.AddProgram(_college, accredited: false, name: "Unaccredited HIT");
        _advisor = await Host.RegisterAdvisor();
        _other = await Host.RegisterAdvisor("Blake Advisor");
        _student = await Host.EnrolledStudent(_advisor, unaccredited, "2026-FA", Day(Today.AddDays(-30)));
        _second = await Host.EnrolledStudent(_advisor, unaccredited, "2026-FA", Day(Today.AddDays(-20)));
        (await Host.Sweep()).Count.ShouldBe(2);
    }

    private async Task<Guid> FollowUpOf(Guid student, Guid? advisor = null) =>
        (await Host.FollowUps(advisor ?? _advisor)).Single(f => f!["studentId"]!.GetValue<Guid>() == student)!["id"]!.GetValue<Guid>();

    [Fact]
    public async Task every_raised_alert_opens_one_follow_up_that_a_contact_and_a_resolution_close()
    {
        await Build();

        var open = await Host.FollowUps(_advisor, "?state=open");
        open.Count.ShouldBe(2);
        var first = open[0]!;
        first["alert"]!.GetValue<string>().ShouldBe("not-exam-eligible");
        first["raisedOn"]!.GetValue<string>().ShouldBe(Day(Today));
        first["state"]!.GetValue<string>().ShouldBe("open");
        first["contacts"]!.AsArray().ShouldBeEmpty();

        // The same alert at a later sweep opens nothing again.
        Clock.Advance(TimeSpan.FromDays(1));
        (await Host.Sweep()).ShouldBeEmpty();
        (await Host.FollowUps(_advisor)).Count.ShouldBe(2);

        var id = await FollowUpOf(_student);
        var contacted = await Host.Contact(_advisor, id, new { method = "phone", on = Day(Today), note = "Talked about transferring." }, 201);
        (await contacted.ReadAsTextAsync()).ShouldContain("\"state\":\"contacted\"");
        await Host.Contact(_advisor, id, new { method = "email", on = Day(Today), note = (string?)null }, 201);

        var after = (await Host.FollowUps(_advisor)).Single(f => f!["id"]!.GetValue<Guid>() == id)!;
        after["state"]!.GetValue<string>().ShouldBe("contacted");
        after["firstContactOn"]!.GetValue<string>().ShouldBe(Day(Today));
        after["contacts"]!.AsArray().Select(c => c!["method"]!.GetValue<string>()).ShouldBe(["phone", "email"]);
        after["contacts"]![0]!["note"]!.GetValue<string>().ShouldBe("Talked about transferring.");

        var resolved = await Host.Resolve(_advisor, id, new { outcome = "referred", note = "To the transfer office." }, 200);
        var body = JsonNode.Parse(await resolved.ReadAsTextAsync())!;
        body["state"]!.GetValue<string>().ShouldBe("resolved");
        body["resolution"]!["outcome"]!.GetValue<string>().ShouldBe("referred");

        // Open means not resolved yet; resolved ones are still listed without the filter.
        (await Host.FollowUps(_advisor, "?state=open")).Select(f => f!["studentId"]!.GetValue<Guid>()).ShouldBe([_second]);
        (await Host.FollowUps(_advisor, "?state=resolved")).Single()!["id"]!.GetValue<Guid>().ShouldBe(id);
        (await Host.FollowUps(_advisor)).Count.ShouldBe(2);

        // A resolved follow-up takes nothing more.
        (await (await Host.Resolve(_advisor, id, new { outcome = "done" }, 409)).ReadAsTextAsync()).ShouldContain("follow-up-resolved");
        await Host.Contact(_advisor, id, new { method = "phone", on = Day(Today) }, 409);
    }

    [Fact]
    public async Task bad_contacts_and_resolutions_are_400_and_change_nothing()
    {
        await Build();
        var id = await FollowUpOf(_student);

        await Host.Contact(_advisor, id, new { method = "pigeon", on = Day(Today) }, 400);
        await Host.Contact(_advisor, id, new { on = Day(Today) }, 400);
        await Host.Contact(_advisor, id, new { method = "phone", on = Day(Today.AddDays(1)) }, 400);
        await Host.Contact(_advisor, id, new { method = "phone", on = Day(Today.AddDays(-1)) }, 400);   // before the alert
        await Host.Contact(_advisor, id, new { method = "phone", on = Day(Today), note = new string('x', 2001) }, 400);
        await Host.Resolve(_advisor, id, new { outcome = "maybe" }, 400);
        await Host.Resolve(_advisor, id, new { }, 400);
        await Host.Status("GET", $"/api/advisors/{_advisor}/follow-ups?state=closed", Identities.Advisor(_advisor), 400);

        (await Host.FollowUps(_advisor)).ShouldAllBe(f => f!["state"]!.GetValue<string>() == "open" && f["contacts"]!.AsArray().Count == 0);
    }

    [Fact]
    public async Task a_follow_up_moves_with_its_student_to_the_new_advisor()
    {
        await Build();
        var id = await FollowUpOf(_student);
        await Host.Contact(_advisor, id, new { method = "meeting", on = Day(Today), note = "First meeting." }, 201);

        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Put.Json(new { advisorId = _other }).ToUrl($"/api/students/{_student}/advisor");
            x.StatusCodeShouldBe(201);
        });

        (await Host.FollowUps(_advisor)).Select(f => f!["studentId"]!.GetValue<Guid>()).ShouldBe([_second]);
        var moved = (await Host.FollowUps(_other)).Single()!;
        moved["id"]!.GetValue<Guid>().ShouldBe(id);
        moved["contacts"]!.AsArray().Count.ShouldBe(1);
        // The former advisor can no longer work it; the new one can.
        await Host.Contact(_advisor, id, new { method = "phone", on = Day(Today) }, 404);
        await Host.Resolve(_other, id, new { outcome = "done" }, 200);
    }

    [Fact]
    public async Task only_the_students_advisor_works_a_follow_up_and_others_get_404_or_403()
    {
        await Build();
        var id = await FollowUpOf(_student);
        var contact = new { method = "phone", on = Day(Today) };
        var contacts = $"/api/advisors/{_advisor}/follow-ups/{id}/contacts";

        // Another advisor: through their own route the follow-up is unknown; the first advisor's route is unknown too.
        await Host.Contact(_other, id, contact, 404);
        await Host.Resolve(_other, id, new { outcome = "done" }, 404);
        await Host.Status("POST", contacts, Identities.Advisor(_other), 404, contact);
        await Host.Status("GET", $"/api/advisors/{_advisor}/follow-ups", Identities.Advisor(_other), 404);
        // An unknown follow-up answers the same.
        await Host.Contact(_advisor, Guid.CreateVersion7(), contact, 404);

        // Roles that never work follow-ups: 403 whatever the ids (api.md: "that advisor" only, admins read).
        await Host.Status("POST", contacts, Identities.Admin, 403, contact);
        await Host.Status("POST", contacts, Identities.Student(_student), 403, contact);
        await Host.Status("POST", contacts, Identities.College(_college), 403, contact);
        await Host.Status("GET", $"/api/advisors/{_advisor}/follow-ups", Identities.Student(_student), 403);
        await Host.Status("GET", $"/api/advisors/{_advisor}/follow-ups", Identities.College(_college), 403);
        (await Host.FollowUps(_advisor, token: Identities.Admin)).Count.ShouldBe(2);
        await Host.Status("GET", $"/api/advisors/{Guid.CreateVersion7()}/follow-ups", Identities.Admin, 404);

        (await Host.FollowUps(_advisor)).ShouldAllBe(f => f!["contacts"]!.AsArray().Count == 0);
    }

    [Fact]
    public async Task the_students_timeline_page_shows_contacts_to_the_advisor_and_not_to_the_student()
    {
        await Build();
        var id = await FollowUpOf(_student);
        await Host.Contact(_advisor, id, new { method = "phone", on = Day(Today), note = "Working note." }, 201);
        var url = $"/api/students/{_student}/follow-ups";

        var seen = await Host.Scenario(x =>
        {
            x.As(Identities.Advisor(_advisor));
            x.Get.Url(url);
            x.StatusCodeShouldBe(200);
        });
        (await seen.ReadAsTextAsync()).ShouldContain("Working note.");
        // Notes are the advisor's working papers (FollowUps:StudentsSeeContacts is off): the student, another advisor and
        // the college do not see them.
        await Host.Status("GET", url, Identities.Student(_student), 404);
        await Host.Status("GET", url, Identities.Advisor(_other), 404);
        await Host.Status("GET", url, Identities.College(_college), 404);
        // A read of the record: in the student's access log.
        (await Host.AccessLog(_student, Identities.Admin)).ShouldContain(e => e!["route"]!.GetValue<string>() == $"GET {url}");
    }

    [Fact]
    public async Task the_college_report_counts_follow_ups_per_advisor_without_students()
    {
        await Build();
        var first = await FollowUpOf(_student);
        await Host.Contact(_advisor, first, new { method = "phone", on = Day(Today) }, 201);
        await Host.Resolve(_advisor, first, new { outcome = "done" }, 200);

        var report = await Host.Scenario(x =>
        {
            x.As(Identities.College(_college));
            x.Get.Url($"/api/colleges/{_college}/follow-up-report");
            x.StatusCodeShouldBe(200);
        });
        var text = await report.ReadAsTextAsync();
        text.ShouldNotContain(_student.ToString());
        text.ShouldNotContain(_second.ToString());
        var row = JsonNode.Parse(text)!["advisors"]!.AsArray().Single()!;
        row["advisorId"]!.GetValue<Guid>().ShouldBe(_advisor);
        row["alertsRaised"]!.GetValue<int>().ShouldBe(2);
        row["contactedWithinTwoWorkingDays"]!.GetValue<int>().ShouldBe(1);
        row["medianDaysToFirstContact"]!.GetValue<double>().ShouldBe(0);
        row["resolved"]!.GetValue<int>().ShouldBe(1);
        row["open"]!.GetValue<int>().ShouldBe(1);

        // A window before the alerts counts none of them; bad dates are 400.
        var before = await Host.GetJson($"/api/colleges/{_college}/follow-up-report?to={Day(Today.AddDays(-1))}");
        before["advisors"]!.AsArray().ShouldBeEmpty();
        await Host.Status("GET", $"/api/colleges/{_college}/follow-up-report?from=yesterday", Identities.Admin, 400);
        // Another college's staff: unknown; an advisor: never.
        await Host.Status("GET", $"/api/colleges/{_college}/follow-up-report", Identities.College(await Host.RegisterCollege("Hillside")), 404);
        await Host.Status("GET", $"/api/colleges/{_college}/follow-up-report", Identities.Advisor(_advisor), 403);
    }

    [Fact]
    public async Task a_student_turns_their_own_nudges_on_and_nobody_else_can()
    {
        await Build();
        var url = $"/api/students/{_student}/notifications";
        await Host.Status("PUT", url, Identities.Student(_student), 200, new { email = true });
        await Host.Status("PUT", url, Identities.Student(_student), 400, new { });
        await Host.Status("PUT", url, Identities.Student(_second), 404, new { email = false });
        await Host.Status("PUT", url, Identities.Advisor(_advisor), 403, new { email = false });
        await Host.Status("PUT", url, Identities.Admin, 403, new { email = false });

        var read = await Host.Scenario(x =>
        {
            x.As(Identities.Student(_student));
            x.Get.Url(url);
            x.StatusCodeShouldBe(200);
        });
        (await read.ReadAsTextAsync()).ShouldContain("\"email\":true");
    }
}
