using ProgressTracker.Students;
using ProgressTracker.Students.Timeline;

namespace ProgressTracker.UnitTests.Students.Timeline;

/// <summary>The timeline read model keeps its milestones in the order GET timeline answers them, voids shown in place.</summary>
public sealed class StudentTimelineTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static StudentTimeline Registered() => new StudentTimeline { StudentId = Guid.CreateVersion7() }
        .Add(StudentTimeline.ToJson(new StudentRegistered(Guid.CreateVersion7(), Guid.Empty, "Rosa Diaz", "rosa@example.edu", null,
            Guid.CreateVersion7(), new DateOnly(2024, 1, 1), Given.By), At));

    [Fact]
    public void milestones_are_ordered_by_the_day_they_happened_then_by_when_they_were_recorded()
    {
        var later = Given.Volunteering() with { EndedOn = new DateOnly(2024, 3, 1) };
        var earlier = Given.Volunteering() with { EndedOn = new DateOnly(2024, 2, 1) };
        var sameDayAsEarlier = Given.Volunteering() with { EndedOn = new DateOnly(2024, 2, 1) };

        var timeline = Registered()
            .Add(StudentTimeline.ToJson(later, At.AddMinutes(1)))
            .Add(StudentTimeline.ToJson(earlier, At.AddMinutes(2)))
            .Add(StudentTimeline.ToJson(sameDayAsEarlier, At.AddMinutes(3)));

        timeline.Milestones.Select(m => (string)m["id"]!).Skip(1)
            .ShouldBe([earlier.MilestoneId.ToString(), sameDayAsEarlier.MilestoneId.ToString(), later.MilestoneId.ToString()]);
    }

    [Fact]
    public void a_void_marks_the_milestone_it_voids_with_the_reason_and_adds_none()
    {
        var volunteering = Given.Volunteering();
        var timeline = Registered().Add(StudentTimeline.ToJson(volunteering, At));

        timeline.Void(Given.Void(volunteering.MilestoneId, "entered twice"));

        timeline.Milestones.Count.ShouldBe(2);
        var voided = timeline.Milestones.Single(m => (string)m["id"]! == volunteering.MilestoneId.ToString());
        ((bool)voided["voided"]!).ShouldBeTrue();
        ((string)voided["voidReason"]!).ShouldBe("entered twice");
        ((string)voided["type"]!).ShouldBe("volunteering-logged");
        ((string)voided["organization"]!).ShouldBe("Mercy General");
        voided.ContainsKey("milestoneId").ShouldBeFalse();
    }
}
