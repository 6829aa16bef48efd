using ProgressTracker.Students;

namespace ProgressTracker.UnitTests.Students;

public sealed class RhitEligibilityTests
{
    private static readonly DateOnly AfterGraduation = new(2026, 6, 15);

    [Fact]
    public void a_graduate_of_an_accredited_program_is_eligible()
    {
        var (student, program) = Given.Graduate();

        RhitEligibility.Evaluate(student, Given.Catalog(program), AfterGraduation).Eligible.ShouldBeTrue();
    }

    [Fact]
    public void a_graduate_of_a_program_without_cahiim_accreditation_is_not()
    {
        var (student, program) = Given.Graduate(accredited: false);

        var verdict = RhitEligibility.Evaluate(student, Given.Catalog(program), AfterGraduation);

        verdict.Eligible.ShouldBeFalse();
        verdict.Reason.ShouldContain("not CAHIIM-accredited");
    }

    [Fact]
    public void accreditation_that_lapsed_before_graduation_does_not_count()
    {
        var program = Given.Program(accreditedFrom: new DateOnly(2010, 1, 1), accreditedTo: new DateOnly(2025, 12, 31));
        var student = Given.Student().With(Given.Enrollment(program)).WithAllCourses(program).With(Given.Degree(program));

        RhitEligibility.Evaluate(student, Given.Catalog(program), AfterGraduation).Eligible.ShouldBeFalse();
    }

    [Fact]
    public void coursework_complete_before_graduation_may_test_early()
    {
        var program = Given.Program();
        var student = Given.Student().With(Given.Enrollment(program)).WithAllCourses(program, new DateOnly(2025, 12, 1));

        var verdict = RhitEligibility.Evaluate(student, Given.Catalog(program), new DateOnly(2026, 1, 10));

        verdict.Eligible.ShouldBeTrue();
        verdict.Reason.ShouldContain("early testing");
    }

    [Fact]
    public void a_student_in_the_last_term_may_test_early_but_not_before()
    {
        var program = Given.Program();
        var student = Given.Student().With(Given.Enrollment(program, new DateOnly(2024, 8, 26)));
        var enrollment = student.Enrollments.Single();
        var lastTerm = RhitEligibility.LastTermStarts(enrollment.StartedOn, enrollment.NormalDurationMonths, enrollment.Intensity);

        lastTerm.ShouldBe(new DateOnly(2026, 4, 26));
        RhitEligibility.Evaluate(student, Given.Catalog(program), lastTerm).Eligible.ShouldBeTrue();
        RhitEligibility.Evaluate(student, Given.Catalog(program), lastTerm.AddDays(-1)).Eligible.ShouldBeFalse();
    }

    [Fact]
    public void a_withdrawn_student_is_not_eligible()
    {
        var program = Given.Program();
        var student = Given.Student().With(Given.Enrollment(program)).With(Given.Withdrawal(program, new DateOnly(2025, 1, 10)));

        RhitEligibility.Evaluate(student, Given.Catalog(program), new DateOnly(2026, 6, 1)).Eligible.ShouldBeFalse();
    }

    [Fact]
    public void nobody_enrolled_is_eligible() =>
        RhitEligibility.Evaluate(Given.Student(), Given.Catalog(), AfterGraduation).Eligible.ShouldBeFalse();
}
