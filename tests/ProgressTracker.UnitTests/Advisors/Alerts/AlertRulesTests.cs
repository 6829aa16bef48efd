using ProgressTracker.Advisors.Alerts;
using ProgressTracker.Colleges;
using ProgressTracker.Students;
using static ProgressTracker.UnitTests.Given;

namespace ProgressTracker.UnitTests.Advisors.Alerts;

public sealed class AlertRulesTests
{
    private static readonly Guid College = Guid.CreateVersion7();
    private static readonly Guid Program = Guid.CreateVersion7();
    private static readonly AcademicProgram Accredited = new(Program, College, "HIT", Award.Aas, 24, TwoCategories,
        [new Accreditation(Accreditation.Cahiim, D("2010-01-01"), null)]);
    private static readonly Dictionary<Guid, AcademicProgram> Programs = new() { [Program] = Accredited };
    private static readonly AlertOptions Options = new();

    private static IReadOnlyList<AlertCode> On(Student s, string today) => AlertRules.For(s, Programs, D(today), Options, 30);

    private static Student Graduate() =>
        Given.Student().With(Enrollment(College, Program, "2024-FA", "2024-08-26")).Coursework(Program, "2026-04-01").With(Degree(Program, "2026-05-15"));

    [Fact]
    public void a_new_graduate_without_an_attempt_is_exam_ready() =>
        On(Graduate(), "2026-06-01").ShouldBe([AlertCode.ExamReady]);

    [Fact]
    public void stalled_after_90_days_without_a_milestone_and_not_placed_after_six_months()
    {
        On(Graduate(), "2026-08-12").ShouldBe([AlertCode.ExamReady]);                       // 89 days
        On(Graduate(), "2026-08-13").ShouldBe([AlertCode.Stalled, AlertCode.ExamReady]);    // 90 days
        On(Graduate(), "2026-11-16").ShouldContain(AlertCode.GraduatedNotPlaced);           // after 2026-11-15
        // Placed after the degree: not stalled nor unplaced, and still told to sit the exam (domain.md 6).
        On(Graduate().With(Job("2026-06-01")), "2026-11-16").ShouldBe([AlertCode.ExamReady]);
    }

    [Fact]
    public void the_retake_window_opens_after_the_wait_and_closes_with_a_pass()
    {
        var failed = Graduate().With(Exam("2026-06-01", false));

        On(failed, "2026-06-30").ShouldBeEmpty();
        On(failed, "2026-07-01").ShouldBe([AlertCode.RetakeWindowOpen]);
        On(failed.With(Exam("2026-07-05", true)), "2026-07-10").ShouldBeEmpty();
    }

    [Fact]
    public void enrolled_in_a_program_without_accreditation_is_not_exam_eligible()
    {
        var other = Guid.CreateVersion7();
        var programs = new Dictionary<Guid, AcademicProgram>(Programs)
        {
            [other] = Accredited with { Id = other, Accreditations = [] },
        };
        var student = Given.Student().With(Enrollment(College, other, "2026-FA", "2026-08-24"));

        AlertRules.For(student, programs, D("2026-09-01"), Options, 30).ShouldBe([AlertCode.NotExamEligible]);
    }

    [Fact]
    public void a_voided_degree_takes_its_alerts_with_it()
    {
        var degree = Degree(Program, "2026-05-15");
        var student = Given.Student().With(Enrollment(College, Program, "2024-FA", "2024-08-26")).Coursework(Program, "2026-04-01")
            .With(degree).With(Given.Void(degree.MilestoneId));

        // Back to coursework complete: still exam-ready (early testing), never "graduated, not placed".
        On(student, "2026-12-01").ShouldNotContain(AlertCode.GraduatedNotPlaced);
    }

    [Fact]
    public void an_erased_student_raises_no_alert()
    {
        On(Graduate(), "2026-11-16").ShouldNotBeEmpty();
        On(Graduate() with { Erased = true }, "2026-11-16").ShouldBeEmpty();
    }
}
