using ProgressTracker.Colleges;
using ProgressTracker.Students;

namespace ProgressTracker.UnitTests.Students;

public sealed class EnrollmentAndVoidTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Fact]
    public void enrolling_carries_the_programs_requirements()
    {
        var program = Given.Program();

        var decision = new EnrollInProgram(program.Id, "2024-FA", Intensity.FullTime, new DateOnly(2024, 8, 26))
            .Decide(Given.Student(), program, Given.Advisor);

        var enrolled = decision.Milestones.Single().ShouldBeOfType<EnrolledInProgram>();
        enrolled.RequiredCategories.ShouldBe(program.RequiredCategories);
        enrolled.CollegeId.ShouldBe(program.CollegeId);
    }

    [Fact]
    public void a_second_open_enrollment_in_the_same_program_is_refused()
    {
        var program = Given.Program();
        var student = Given.Student().With(Given.Enrollment(program));

        new EnrollInProgram(program.Id, "2025-SP", Intensity.FullTime, new DateOnly(2025, 1, 10))
            .Decide(student, program, Given.Advisor).Rejection!.Rule.ShouldBe("already-enrolled");
    }

    [Fact]
    public void re_enrolling_after_a_withdrawal_must_start_after_it()
    {
        var program = Given.Program();
        var student = Given.Student().With(Given.Enrollment(program)).With(Given.Withdrawal(program, new DateOnly(2025, 1, 10)));

        new EnrollInProgram(program.Id, "2024-FA", Intensity.PartTime, new DateOnly(2025, 1, 5))
            .Decide(student, program, Given.Advisor).Rejection!.Rule.ShouldBe("enrollment-overlap");
        new EnrollInProgram(program.Id, "2025-FA", Intensity.PartTime, new DateOnly(2025, 8, 25))
            .Decide(student, program, Given.Advisor).Rejection.ShouldBeNull();
    }

    [Fact]
    public void a_milestone_is_voided_once()
    {
        var volunteering = Given.Volunteering();
        var student = Given.Student().With(volunteering);
        var command = new VoidMilestone("entered twice");

        var first = command.Decide(student, volunteering.MilestoneId, Given.Advisor, Today);
        first.Rejection.ShouldBeNull();

        command.Decide(student.With(first.Milestones.Single()), volunteering.MilestoneId, Given.Advisor, Today)
            .Rejection!.Rule.ShouldBe("already-voided");
    }

    [Fact]
    public void a_void_must_name_a_milestone_of_this_student()
    {
        var decision = new VoidMilestone("typo").Decide(Given.Student(), Guid.CreateVersion7(), Given.Advisor, Today);

        decision.Rejection!.UnknownThing.ShouldBe("milestone");
    }

    [Fact]
    public void registration_is_not_voidable()
    {
        var student = Given.Student();
        var registration = student.Paperwork.Single();

        new VoidMilestone("typo").Decide(student, registration, Given.Advisor, Today).Rejection!.Rule.ShouldBe("not-voidable");
    }

    [Fact]
    public void an_enrollment_with_courses_is_voided_only_after_them()
    {
        var program = Given.Program();
        var enrollment = Given.Enrollment(program);
        var student = Given.Student().With(enrollment).With(Given.Course(program, CourseCategory.English));

        new VoidMilestone("wrong program").Decide(student, enrollment.MilestoneId, Given.Advisor, Today)
            .Rejection!.Rule.ShouldBe("has-dependents");
    }

    [Fact]
    public void an_outcome_needs_a_degree_and_comes_after_it()
    {
        var (graduate, _) = Given.Graduate();

        new ReportOutcome(OutcomeStatus.ContinuingEducation, new DateOnly(2026, 6, 1)).Decide(Given.Student(), Given.Advisor)
            .Rejection!.Rule.ShouldBe("not-graduated");
        new ReportOutcome(OutcomeStatus.ContinuingEducation, new DateOnly(2026, 5, 1)).Decide(graduate, Given.Advisor)
            .Rejection!.Rule.ShouldBe("before-degree");
        new ReportOutcome(OutcomeStatus.ContinuingEducation, new DateOnly(2026, 6, 1)).Decide(graduate, Given.Advisor)
            .Rejection.ShouldBeNull();
    }
}
