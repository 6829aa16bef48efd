using ProgressTracker.Advisors.Alerts;
using ProgressTracker.Colleges;
using ProgressTracker.Reports;
using ProgressTracker.Reports.Cohorts;
using ProgressTracker.Students;
using static ProgressTracker.UnitTests.Given;

namespace ProgressTracker.UnitTests.Reports;

/// <summary>IPEDS fall-to-fall retention (domain.md 5) and the no-re-registration alert (domain.md 6).</summary>
public sealed class RetentionTests
{
    private static readonly Guid College = Guid.CreateVersion7();
    private static readonly Guid Program = Guid.CreateVersion7();
    private static readonly Guid OtherProgram = Guid.CreateVersion7();

    private static Student Member() => Given.Student().With(Enrollment(College, Program, "2024-FA", "2024-08-26"));

    private static Measure Retention(IEnumerable<Student> students, Guid? program = null) =>
        CohortFigures.Report(students, College, "2024-FA", program, null).Measures.Single(m => m.Name == "retention");

    [Fact]
    public void retained_are_those_registered_for_the_next_fall_or_graduated_by_then()
    {
        var voided = Term(College, Program, "2025-FA");
        List<Student> cohort =
        [
            Member().With(Term(College, Program, "2025-SP")).With(Term(College, Program, "2025-FA")),   // A: retained
            Member().With(Term(College, Program, "2025-SP")),                                          // B: left after spring
            Member().Coursework(Program, "2025-05-01").With(Degree(Program, "2025-08-01")),            // C: graduated before 2025-08-15
            Member().With(voided).With(Given.Void(voided.MilestoneId)),                                 // D: registration voided
            Member().With(Withdrawal(Program, "2025-03-01", WithdrawalReason.MilitaryDeployment)),        // E: excluded
            Member().With(Term(College, Program, "2025-SU")),                                          // F: summer is not fall
        ];

        // C = 6, E = 1 (E); retained A and C: 2 / 5.
        var measure = Retention(cohort);
        (measure.Numerator, measure.Denominator).ShouldBe((2, 5));
    }

    [Fact]
    public void a_graduation_after_the_next_fall_started_does_not_count_without_a_registration() =>
        Retention([Member().Coursework(Program, "2025-05-01").With(Degree(Program, "2025-12-15"))]).Numerator.ShouldBe(0);

    [Fact]
    public void a_registration_in_another_of_the_colleges_programs_counts_with_a_program_filter_too()
    {
        // Retention is the college's (domain.md 5: "registered in the college's programs"), whatever the filter.
        var switcher = Member().With(Enrollment(College, OtherProgram, "2025-SP", "2025-01-10")).With(Term(College, OtherProgram, "2025-FA"));

        Retention([switcher]).Numerator.ShouldBe(1);
        Retention([switcher], Program).Numerator.ShouldBe(1);
    }

    [Fact]
    public void the_report_warns_beside_retention_when_no_registration_is_recorded_for_the_term()
    {
        var report = CohortFigures.Report([Member()], College, "2024-FA", null, null);
        report.Warnings.ShouldBe([new ReportWarning("retention", report.Warnings.Single().Message)]);
        report.Warnings.Single().Message.ShouldContain("2025-FA");

        // One registration for 2025-FA, by anyone at the college (here a student of a later cohort), is enough.
        var later = Given.Student().With(Enrollment(College, Program, "2025-SP", "2025-01-10")).With(Term(College, Program, "2025-FA"));
        CohortFigures.Report([Member(), later], College, "2024-FA", null, null).Warnings.ShouldBeEmpty();
        // Another college's registrations are not this college's.
        var elsewhere = Given.Student().With(Enrollment(Guid.CreateVersion7(), Program, "2025-SP", "2025-01-10"));
        var other = elsewhere.With(Term(elsewhere.Enrollments[0].CollegeId, Program, "2025-FA"));
        CohortFigures.Report([Member(), other], College, "2024-FA", null, null).Warnings.ShouldNotBeEmpty();
    }

    private static readonly AcademicProgram Accredited = new(Program, College, "HIT", Award.Aas, 24, Required,
        [new Accreditation(Accreditation.Cahiim, D("2010-01-01"), null)]);
    private static readonly Dictionary<Guid, AcademicProgram> Programs = new() { [Program] = Accredited };

    private static IReadOnlyList<AlertCode> On(Student s, string today) =>
        AlertRules.For(s, Programs, D(today), new AlertOptions { StalledDays = 10_000 }, 30);

    [Fact]
    public void no_re_registration_fires_once_the_next_regular_term_is_past_its_grace()
    {
        var registeredInFall = Member().With(Term(College, Program, "2024-FA"));

        // Next regular term 2025-SP starts 2025-01-01; 30 days of grace: overdue from 2025-02-01.
        On(registeredInFall, "2025-01-31").ShouldNotContain(AlertCode.NoReRegistration);
        On(registeredInFall, "2025-02-01").ShouldContain(AlertCode.NoReRegistration);
        On(registeredInFall.With(Term(College, Program, "2025-SP")), "2025-02-01").ShouldNotContain(AlertCode.NoReRegistration);
        // After spring, summer is skipped: fall (2025-08-15) + 30 days.
        var spring = registeredInFall.With(Term(College, Program, "2025-SP"));
        On(spring, "2025-09-14").ShouldNotContain(AlertCode.NoReRegistration);
        On(spring, "2025-09-15").ShouldContain(AlertCode.NoReRegistration);
    }

    [Fact]
    public void no_re_registration_is_silent_without_registrations_after_a_withdrawal_or_a_degree()
    {
        On(Member(), "2026-01-01").ShouldNotContain(AlertCode.NoReRegistration);
        var registered = Member().With(Term(College, Program, "2024-FA"));
        On(registered.With(Withdrawal(Program, "2024-12-01", WithdrawalReason.Personal)), "2026-01-01").ShouldNotContain(AlertCode.NoReRegistration);
        On(registered.Coursework(Program, "2024-12-01").With(Degree(Program, "2024-12-15")), "2026-01-01").ShouldNotContain(AlertCode.NoReRegistration);
        // Re-enrolled: the earlier episode's registrations do not make the new one overdue.
        var back = registered.With(Withdrawal(Program, "2024-12-01", WithdrawalReason.Personal)).With(Enrollment(College, Program, "2026-SP", "2026-01-05"));
        On(back, "2026-03-01").ShouldNotContain(AlertCode.NoReRegistration);
    }
}
