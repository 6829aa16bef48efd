using Marten;
using ProgressTracker.Demo;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Students;

namespace ProgressTracker.IntegrationTests.Demo;

public sealed class seeding_the_demo(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_demo_covers_every_stage_once_and_only_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var seeder = new DemoSeeder(Store);

        (await seeder.SeedAsync(ct)).ShouldBeTrue();
        (await seeder.SeedAsync(ct)).ShouldBeFalse();

        await using var session = Store.QuerySession();
        var students = await session.Query<Student>().ToListAsync(ct);
        students.Count.ShouldBe(30);
        students.Select(Pathway.StageOf).Distinct().Order().ShouldBe(Enum.GetValues<Stage>());
        students.ShouldContain(s => s.Voided.Count > 0);
        students.ShouldContain(s => s.Attempts.Any(a => !a.Passed));
    }
}
