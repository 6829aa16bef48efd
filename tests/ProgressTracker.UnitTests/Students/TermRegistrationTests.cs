using ProgressTracker.Infrastructure;
using ProgressTracker.Students;
using static ProgressTracker.UnitTests.Given;

namespace ProgressTracker.UnitTests.Students;

public sealed class TermRegistrationTests
{
    private static readonly ProgressTracker.Colleges.AcademicProgram Program = Given.Program();
    private static readonly DateOnly Today = D("2026-03-01");

    private static Student Enrolled() => Given.Student().With(Given.Enrollment(Program)); // 2024-FA, started 2024-08-26

    private static Decision Register(Student s, string term, Guid? program = null) =>
        new RegisterForTerm(program ?? Program.Id, term).Decide(s, Program, Given.Advisor, Today);

    [Theory]
    [InlineData("2025-SP", "2025-01-01")]
    [InlineData("2025-SU", "2025-05-15")]
    [InlineData("2025-FA", "2025-08-15")]
    public void a_term_starts_on_its_calendar_day(string term, string start) => TermCalendar.Start(term).ShouldBe(D(start));

    [Theory]
    [InlineData("2025-SP", "2025-FA")]   // summer is optional
    [InlineData("2025-SU", "2025-FA")]
    [InlineData("2025-FA", "2026-SP")]
    public void the_next_regular_term_skips_summer(string term, string next) => TermCalendar.NextRegular(term).ShouldBe(next);

    [Fact]
    public void terms_order_by_year_then_season_and_retention_looks_one_year_on()
    {
        TermCalendar.Compare("2024-FA", "2025-SP").ShouldBeLessThan(0);
        TermCalendar.Compare("2025-SU", "2025-SP").ShouldBeGreaterThan(0);
        TermCalendar.Compare("2025-SU", "2025-SU").ShouldBe(0);
        TermCalendar.OneYearAfter("2024-FA").ShouldBe("2025-FA");
        TermCalendar.IsTerm("2024-fa").ShouldBeFalse();
        TermCalendar.IsTerm("2024-WI").ShouldBeFalse();
    }

    [Fact]
    public void a_registration_in_an_enrolled_program_is_recorded_with_the_programs_college()
    {
        var decision = Register(Enrolled(), "2025-SP");

        decision.Rejection.ShouldBeNull();
        var registered = decision.Milestones.Single().ShouldBeOfType<TermRegistered>();
        (registered.CollegeId, registered.ProgramId, registered.Term, registered.RegisteredOn).ShouldBe((Program.CollegeId, Program.Id, "2025-SP", Today));
    }

    [Fact]
    public void a_registration_needs_an_enrollment_in_the_program_and_not_before_its_entry_term()
    {
        Register(Given.Student(), "2025-SP").Rejection!.Rule.ShouldBe("not-enrolled");
        Register(Enrolled(), "2024-SU").Rejection!.Rule.ShouldBe("before-enrollment");
        Register(Enrolled(), "2024-FA").Rejection.ShouldBeNull();
    }

    [Fact]
    public void a_term_starting_after_the_enrollment_ended_is_refused_but_the_term_withdrawn_in_is_not()
    {
        var withdrawn = Enrolled().With(Given.Withdrawal(Program, D("2025-02-10")));

        Register(withdrawn, "2025-SP").Rejection.ShouldBeNull();          // started 2025-01-01, before the withdrawal
        Register(withdrawn, "2025-FA").Rejection!.Rule.ShouldBe("not-enrolled");
    }

    [Fact]
    public void a_second_registration_for_the_same_term_is_refused_unless_the_first_was_voided()
    {
        var first = Term(Program.CollegeId, Program.Id, "2025-SP");
        var registered = Enrolled().With(first);

        Register(registered, "2025-SP").Rejection!.Rule.ShouldBe("already-registered");
        Register(registered.With(Given.Void(first.MilestoneId)), "2025-SP").Rejection.ShouldBeNull();
    }

    [Fact]
    public void a_void_marks_the_registration_and_it_no_longer_stands()
    {
        var first = Term(Program.CollegeId, Program.Id, "2025-SP");
        var voided = Enrolled().With(first).With(Given.Void(first.MilestoneId));

        voided.RegisteredTerms.ShouldBeEmpty();
        voided.TermRegistrations.Single().IsVoided.ShouldBeTrue();
        voided.Stands(first.MilestoneId).ShouldBeFalse();
        voided.Knows(first.MilestoneId).ShouldBeTrue();
    }

    [Theory]
    [InlineData("2025-FA", null)]
    [InlineData("2027-SP", null)]                 // starts 2027-01-01, within 12 months of 2026-03-01
    [InlineData("2027-FA", "term")]               // too far ahead
    [InlineData("2025-fa", "term")]
    [InlineData("2025", "term")]
    [InlineData("", "term")]
    public void the_term_must_be_a_term_and_not_far_ahead(string term, string? error)
    {
        var errors = Validation.Errors(RegisterForTerm.Rules, new RegisterForTerm(Guid.CreateVersion7(), term), Today);
        if (error is null) errors.ShouldBeEmpty();
        else errors.Keys.ShouldBe([error]);
    }

    [Fact]
    public void the_program_is_required() =>
        Validation.Errors(RegisterForTerm.Rules, new RegisterForTerm(null, "2025-FA"), Today).Keys.ShouldBe(["programId"]);

    [Fact]
    public void an_enrollment_with_term_registrations_is_not_voided_before_them()
    {
        var enrollment = Given.Enrollment(Program);
        var registration = Term(Program.CollegeId, Program.Id, "2025-SP");
        var student = Given.Student().With(enrollment).With(registration);

        new VoidMilestone("wrong program").Decide(student, enrollment.MilestoneId, Given.Advisor, Today).Rejection!.Rule.ShouldBe("has-dependents");
        new VoidMilestone("wrong program").Decide(student.With(Given.Void(registration.MilestoneId)), enrollment.MilestoneId, Given.Advisor, Today)
            .Rejection.ShouldBeNull();
    }
}
