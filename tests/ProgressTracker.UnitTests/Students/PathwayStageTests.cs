using ProgressTracker.Students;

namespace ProgressTracker.UnitTests.Students;

public sealed class PathwayStageTests
{
    [Fact]
    public void a_new_student_is_exploring() =>
        Pathway.StageOf(Given.Student()).ShouldBe(Stage.Exploring);

    [Fact]
    public void volunteering_is_gaining_experience() =>
        Pathway.StageOf(Given.Student().With(Given.Volunteering())).ShouldBe(Stage.GainingExperience);

    [Fact]
    public void voided_volunteering_does_not_count()
    {
        var volunteering = Given.Volunteering();
        var student = Given.Student().With(volunteering).With(Given.Void(volunteering.MilestoneId));

        Pathway.StageOf(student).ShouldBe(Stage.Exploring);
        student.Volunteering.ShouldBeEmpty();
        student.Voided.ShouldBe([volunteering.MilestoneId]);
    }

    [Fact]
    public void registration_decides_a_registered_event_with_trimmed_fields()
    {
        var command = new RegisterStudent("  Rosa Diaz ", " rosa@example.edu ", Guid.CreateVersion7(), null);

        var registered = command.Decide(Guid.CreateVersion7(), new("admin-1", "admin"), new DateOnly(2026, 9, 1));

        registered.Name.ShouldBe("Rosa Diaz");
        registered.Email.ShouldBe("rosa@example.edu");
        registered.OccurredOn.ShouldBe(new DateOnly(2026, 9, 1));
        registered.RecordedBy.ShouldBe("admin-1");
    }
}
