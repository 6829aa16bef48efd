using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Students;

public sealed class voiding_milestones(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_voided_milestone_stays_on_the_timeline_marked_and_stops_counting()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        var logged = await Host.Record(student, "volunteering", Bodies.For("volunteering", Guid.Empty));

        await Host.Record(student, $"milestones/{logged.MilestoneId}/void", new { reason = "logged for the wrong student" });

        var timeline = await Host.Timeline(student);
        timeline["stage"]!.GetValue<string>().ShouldBe("exploring");
        var voided = timeline["milestones"]!.AsArray().Single(m => m!["id"]!.GetValue<Guid>() == logged.MilestoneId)!;
        voided["voided"]!.GetValue<bool>().ShouldBeTrue();
        voided["voidReason"]!.GetValue<string>().ShouldBe("logged for the wrong student");
    }

    [Fact]
    public async Task voiding_twice_is_refused()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        var logged = await Host.Record(student, "volunteering", Bodies.For("volunteering", Guid.Empty));
        await Host.Record(student, $"milestones/{logged.MilestoneId}/void", new { reason = "duplicate" });

        var problem = await Host.Reject($"/api/students/{student}/milestones/{logged.MilestoneId}/void", new { reason = "again" }, 409);

        problem["rule"]!.GetValue<string>().ShouldBe("already-voided");
        (await Host.EventCount(student)).ShouldBe(3);
    }

    [Fact]
    public async Task a_void_must_name_a_milestone_of_the_same_student()
    {
        var advisor = await Host.RegisterAdvisor();
        var one = await Host.RegisterStudent(advisor);
        var other = await Host.RegisterStudent(advisor);
        var othersMilestone = await Host.Record(other, "volunteering", Bodies.For("volunteering", Guid.Empty));

        await Host.Reject($"/api/students/{one}/milestones/{othersMilestone.MilestoneId}/void", new { reason = "typo" }, 404);

        (await Host.EventCount(one)).ShouldBe(1);
    }

    [Fact]
    public async Task a_voided_degree_takes_the_student_back_to_coursework_complete()
    {
        var (student, _) = await Host.GraduateOf();
        var degree = (await Host.Timeline(student))["milestones"]!.AsArray()
            .Single(m => m!["type"]!.GetValue<string>() == "degree-conferred")!["id"]!.GetValue<Guid>();

        await Host.Record(student, $"milestones/{degree}/void", new { reason = "conferred in error" });

        (await Host.Timeline(student))["stage"]!.GetValue<string>().ShouldBe("coursework-complete");
    }
}
