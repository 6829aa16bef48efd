using ProgressTracker.IntegrationTests.Infrastructure;

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
