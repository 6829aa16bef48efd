using System.Text.Json.Nodes;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Reports;

namespace ProgressTracker.IntegrationTests.Access;

public sealed class access_log(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_student_sees_who_read_their_record()
    {
        var world = await AccessWorld.BuildAsync(Host);
        await Host.Timeline(world.StudentS, token: Identities.Advisor(world.AdvisorX));
        await Host.Timeline(world.StudentS, token: Identities.College(world.CollegeA));

        var entries = await Host.AccessLog(world.StudentS, Identities.Student(world.StudentS));

        var readers = entries.Select(e => (Subject: e!["subject"]!.GetValue<string>(), Role: e["role"]!.GetValue<string>(),
            Route: e["route"]!.GetValue<string>())).ToList();
        readers.ShouldContain(r => r.Subject == $"advisor-{world.AdvisorX}" && r.Role == "advisor" && r.Route.EndsWith("/timeline"));
        readers.ShouldContain(r => r.Subject == $"college-{world.CollegeA}" && r.Role == "college");
        readers.ShouldContain(r => r.Subject == $"student-{world.StudentS}" && r.Route.EndsWith("/access-log"));
        entries.ShouldAllBe(e => e!["studentId"]!.GetValue<Guid>() == world.StudentS);
    }

    [Fact]
    public async Task a_dashboard_view_logs_a_read_of_each_student_it_shows_and_of_no_other()
    {
        var world = await AccessWorld.BuildAsync(Host);
        await Host.WaitForReports();

        var dashboard = await Host.Scenario(x =>
        {
            x.As(Identities.Advisor(world.AdvisorX));
            x.Get.Url($"/api/advisors/{world.AdvisorX}/dashboard");
            x.StatusCodeShouldBe(200);
        });
        var shown = JsonNode.Parse(await dashboard.ReadAsTextAsync())!["caseload"]!.AsArray()
            .Select(r => r!["studentId"]!.GetValue<Guid>()).ToList();
        shown.ShouldBe([world.StudentS]);

        static bool ByDashboard(JsonNode? e, Guid advisor) =>
            e!["route"]!.GetValue<string>() == $"GET /api/advisors/{advisor}/dashboard"
            && e["subject"]!.GetValue<string>() == $"advisor-{advisor}" && e["role"]!.GetValue<string>() == "advisor";
        (await Host.AccessLog(world.StudentS, Identities.Student(world.StudentS)))
            .Count(e => ByDashboard(e, world.AdvisorX)).ShouldBe(1);
        (await Host.AccessLog(world.StudentT, Identities.Student(world.StudentT)))
            .Count(e => ByDashboard(e, world.AdvisorX)).ShouldBe(0);
    }

    [Fact]
    public async Task with_a_limit_the_log_comes_in_pages_that_add_up_to_the_whole_log()
    {
        var world = await AccessWorld.BuildAsync(Host);
        await Host.WaitForReports();
        var advisor = Identities.Advisor(world.AdvisorX);
        // Single reads and a dashboard view (one row for several records) mixed, so pages cross both tables.
        for (var i = 0; i < 3; i++) await Host.Timeline(world.StudentS, token: advisor);
        await Host.Scenario(x =>
        {
            x.As(advisor);
            x.Get.Url($"/api/advisors/{world.AdvisorX}/dashboard");
            x.StatusCodeShouldBe(200);
        });
        for (var i = 0; i < 2; i++) await Host.Timeline(world.StudentS, token: advisor);
        var whole = (await Host.AccessLog(world.StudentS, Identities.Admin)).Select(e => e!["id"]!.GetValue<Guid>()).ToList();
        whole.Count.ShouldBeGreaterThan(6);

        var paged = new List<Guid>();
        var url = $"/api/students/{world.StudentS}/access-log?limit=2";
        for (var pages = 0; url is not null; pages++)
        {
            pages.ShouldBeLessThan(20);
            var result = await Host.Scenario(x =>
            {
                x.As(Identities.Admin);
                x.Get.Url(url);
                x.StatusCodeShouldBe(200);
            });
            var page = JsonNode.Parse(await result.ReadAsTextAsync())!.AsArray().Select(e => e!["id"]!.GetValue<Guid>()).ToList();
            page.Count.ShouldBeInRange(1, 2);
            paged.AddRange(page);
            var link = result.Context.Response.Headers.Link.ToString();
            url = link.Length == 0 ? null : link[(link.IndexOf('<') + 1)..link.IndexOf('>')];
            if (url is not null) link.ShouldEndWith("rel=\"next\"");
        }

        // The first page's own read is logged before it is answered, so it leads; after it, exactly the whole log.
        paged.Skip(1).ShouldBe(whole);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=ten")]
    [InlineData("limit=2&before=not-a-cursor")]
    [InlineData("before=99999999999999999999.00000000000000000000000000000000")]
    public async Task a_bad_page_request_is_a_400_and_is_not_logged(string query)
    {
        var world = await AccessWorld.BuildAsync(Host);
        var before = (await Host.AccessLog(world.StudentS, Identities.Admin)).Count;

        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url($"/api/students/{world.StudentS}/access-log?{query}");
            x.StatusCodeShouldBe(400);
        });

        // Only the two whole-log reads of this test are in the log.
        (await Host.AccessLog(world.StudentS, Identities.Admin)).Count.ShouldBe(before + 1);
    }

    [Fact]
    public async Task a_denied_read_is_not_answered_and_a_student_cannot_open_another_students_record()
    {
        var world = await AccessWorld.BuildAsync(Host);

        // Another student's record is unknown to a student; an access log is never an advisor's to read.
        await Host.Scenario(x =>
        {
            x.As(Identities.Student(world.StudentT));
            x.Get.Url($"/api/students/{world.StudentS}/timeline");
            x.StatusCodeShouldBe(404);
        });
        await Host.Scenario(x =>
        {
            x.As(Identities.Advisor(world.AdvisorX));
            x.Get.Url($"/api/students/{world.StudentS}/access-log");
            x.StatusCodeShouldBe(403);
        });
    }
}
