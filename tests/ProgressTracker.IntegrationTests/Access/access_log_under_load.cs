using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Access;

/// <summary>Concurrent reads share one insert (group commit): none may be lost or merged on the way.</summary>
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
}
