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
    public async Task a_denied_read_is_not_answered_and_a_student_cannot_open_another_students_record()
    {
        var world = await AccessWorld.BuildAsync(Host);

        await Host.Scenario(x =>
        {
            x.As(Identities.Student(world.StudentT));
            x.Get.Url($"/api/students/{world.StudentS}/timeline");
            x.StatusCodeShouldBe(403);
        });
        await Host.Scenario(x =>
        {
            x.As(Identities.Advisor(world.AdvisorX));
            x.Get.Url($"/api/students/{world.StudentS}/access-log");
            x.StatusCodeShouldBe(403);
        });
    }
}
