using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Reports;

namespace ProgressTracker.IntegrationTests.Access;

/// <summary>Concurrent reads share one round trip (group commit): none may be lost or merged on the way.</summary>
public sealed class access_log_under_load(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task forty_concurrent_reads_each_leave_their_own_entry_before_they_are_answered()
    {
        var world = await AccessWorld.BuildAsync(Host);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Host.Timeline(world.StudentS,
            token: i % 2 == 0 ? Identities.Advisor(world.AdvisorX) : Identities.College(world.CollegeA))));

        var entries = await Host.AccessLog(world.StudentS, Identities.Student(world.StudentS));
        var timelineReads = entries.Where(e => e!["route"]!.GetValue<string>().EndsWith("/timeline")).ToList();
        timelineReads.Count.ShouldBe(40);
        timelineReads.Count(e => e!["role"]!.GetValue<string>() == "advisor").ShouldBe(20);
        entries.Select(e => e!["id"]!.GetValue<Guid>()).Distinct().Count().ShouldBe(entries.Count);
        // Newest first: the read of the log itself is the last entry written.
        entries[0]!["route"]!.GetValue<string>().ShouldEndWith("/access-log");
    }

    [Fact]
    public async Task dashboard_views_among_single_reads_log_one_entry_for_each_student_shown()
    {
        var world = await AccessWorld.BuildAsync(Host);
        // A caseload of three: a dashboard view is then one stored row for three students (one entry in each log).
        Guid[] caseload = [world.StudentS, await Host.RegisterStudent(world.AdvisorX), await Host.RegisterStudent(world.AdvisorX)];
        await Host.WaitForReports();
        var route = $"GET /api/advisors/{world.AdvisorX}/dashboard";

        // Views and single reads at once, so that group commits mix both kinds of rows.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 4 == 0
            ? (Task)Host.Scenario(x =>
            {
                x.As(Identities.Advisor(world.AdvisorX));
                x.Get.Url($"/api/advisors/{world.AdvisorX}/dashboard");
                x.StatusCodeShouldBe(200);
            })
            : Host.Timeline(caseload[i % 3], token: Identities.Advisor(world.AdvisorX))));

        foreach (var student in caseload)
        {
            var entries = await Host.AccessLog(student, Identities.Student(student));
            entries.Count(e => e!["route"]!.GetValue<string>() == route).ShouldBe(5);
            entries.ShouldAllBe(e => e!["studentId"]!.GetValue<Guid>() == student);
        }
        (await Host.AccessLog(world.StudentT, Identities.Student(world.StudentT)))
            .ShouldNotContain(e => e!["route"]!.GetValue<string>() == route);
    }
}
