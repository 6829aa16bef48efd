using ProgressTracker.Advisors.Alerts;
using ProgressTracker.Colleges;
using ProgressTracker.Reports.Cohorts;
using ProgressTracker.Students;
using static ProgressTracker.UnitTests.Given;

namespace ProgressTracker.UnitTests.Reports;

/// <summary>
/// The histories issue 19 found counted wrongly, each with its figures worked out by hand from domain.md (sections 1,
/// 4 to 6). Each of these failed before the fix it names.
/// </summary>
public sealed class ReportTruthTests
{
    private static readonly Guid College = Guid.CreateVersion7();
    private static readonly Guid Program = Guid.CreateVersion7();
    private static readonly Guid OtherProgram = Guid.CreateVersion7();

    /// <summary>Program P, CAHIIM-accredited 2015-01-01 to 2022-12-31.</summary>
    private static readonly AcademicProgram P = new(Program, College, "HIT", Award.Aas, 24, TwoCategories,
        [new Accreditation(Accreditation.Cahiim, D("2015-01-01"), D("2022-12-31"))]);

    private static IReadOnlyDictionary<Guid, AcademicProgram> Catalog => new Dictionary<Guid, AcademicProgram> { [Program] = P };

    /// <summary>Enrolls 2020-08-24, withdraws 2021-05-01, re-enrolls 2023-08-21, coursework 2025-01-10, graduates 2025-05-15.</summary>
    private static Student Returner() => Given.Student()
        .With(Enrollment(College, Program, "2020-FA", "2020-08-24"))
        .With(Withdrawal(Program, "2021-05-01", WithdrawalReason.Personal))
        .With(Enrollment(College, Program, "2023-FA", "2023-08-21"))
        .Coursework(Program, "2025-01-10")
        .With(Degree(Program, "2025-05-15"));

    [Fact]
    public void finding_1_each_enrollment_episode_is_judged_on_its_own_end()
    {
        var student = Returner();
        var (first, second) = (student.Enrollments[0], student.Enrollments[1]);

        // Episode 1 ended by its withdrawal (2021-05-01); the degree belongs to episode 2, open on 2025-05-15.
        Pathway.StatusOf(student, first).ShouldBe(EnrollmentStatus.Withdrawn);
        Pathway.EndOf(student, first).ShouldBe(D("2021-05-01"));
        Pathway.StatusOf(student, second).ShouldBe(EnrollmentStatus.Graduated);
        student.GraduatedOn(first).ShouldBeNull();

        // Exam 2025-06-01: episode 2's attendance ended 2025-05-15, after accreditation ended (2022-12-31): refused,
        // as for a classmate with one enrollment from 2020-08-24 to the same degree. Episode 1 withdrew before
        // completing anything: it does not qualify either.
        RhitEligibility.Evaluate(student, Catalog, D("2025-06-01")).Eligible.ShouldBeFalse();
        var classmate = Given.Student().With(Enrollment(College, Program, "2020-FA", "2020-08-24"))
            .Coursework(Program, "2025-01-10").With(Degree(Program, "2025-05-15"));
        RhitEligibility.Evaluate(classmate, Catalog, D("2025-06-01")).Eligible.ShouldBeFalse();

        // Back-dated to 2022-06-01, while withdrawn: only what episode 1 had completed by then counts (nothing).
        RhitEligibility.Evaluate(student, Catalog, D("2022-06-01")).Eligible.ShouldBeFalse();
    }

    [Fact]
    public void finding_2_a_graduate_with_a_job_and_no_attempt_is_exam_ready()
    {
        var accredited = new Dictionary<Guid, AcademicProgram> { [Program] = P with { Accreditations = [new("CAHIIM", D("2015-01-01"), null)] } };
        var student = Given.Student().With(Enrollment(College, Program, "2024-FA", "2024-08-26"))
            .Coursework(Program, "2026-04-01").With(Degree(Program, "2026-05-15")).With(Job("2026-06-01"));

        AlertRules.For(student, accredited, D("2026-06-10"), new AlertOptions(), 30).ShouldBe([AlertCode.ExamReady]);
    }

    [Fact]
    public void finding_3_a_job_before_the_degree_is_not_a_placement()
    {
        // Worked in records from 2019-06-01 (before enrolling 2022-08-22), degree 2024-05-15, no job after it.
        var clerk = Given.Student().With(Job("2019-06-01", inField: true))
            .With(Enrollment(College, Program, "2022-FA", "2022-08-22")).Coursework(Program, "2024-01-10").With(Degree(Program, "2024-05-15"));

        Pathway.StageOf(clerk).ShouldBe(Stage.Graduated);
        var report = CohortFigures.Report([clerk], College, "2022-FA", null, null);
        // Graduated 1, placed 0 (was 1: placed > graduated was possible); in-field 0/1; no degree-to-job median
        // (was -1,811 days: 2019-06-01 - 2024-05-15).
        (report.Funnel.Graduated, report.Funnel.Placed).ShouldBe((1, 0));
        var inField = report.Measures.Single(m => m.Name == "in-field-placement-rate");
        (inField.Numerator, inField.Denominator).ShouldBe((0, 1));
        report.MedianDays.DegreeToJob.ShouldBeNull();
        // Seven months after the degree with no placement: graduated-not-placed fires (it never did).
        AlertRules.For(clerk, Catalog, D("2024-12-16"), new AlertOptions(), 30).ShouldContain(AlertCode.GraduatedNotPlaced);
    }

    [Fact]
    public void finding_4_a_withdrawal_cannot_be_voided_under_a_later_enrollment()
    {
        var student = Returner();
        var withdrawal = student.Withdrawals.Single().MilestoneId;

        var decision = new VoidMilestone("entered in error").Decide(student, withdrawal, Given.Advisor, D("2025-06-01"));

        // Voiding it would leave two open enrollments in P (2020-08-24 and 2023-08-21).
        decision.Rejection!.Rule.ShouldBe("has-dependents");
    }

    [Fact]
    public void finding_5_placed_and_credentialed_follow_the_degree()
    {
        // Working (in field) while enrolled: Enrolled, not Placed.
        Pathway.StageOf(Given.Student().With(Enrollment(College, Program, "2024-FA", "2024-08-26")).With(Job("2025-01-06")))
            .ShouldBe(Stage.Enrolled);
        // An early tester who passed, coursework complete, no degree: Coursework complete, not Credentialed.
        Pathway.StageOf(Given.Student().With(Enrollment(College, Program, "2024-FA", "2024-08-26"))
            .Coursework(Program, "2026-01-10").With(Exam("2026-02-01", true))).ShouldBe(Stage.CourseworkComplete);
    }

    [Fact]
    public void finding_6_a_part_time_entrant_has_a_72_month_window()
    {
        // 24-month program, part-time: normal time 48 months, 150% = 72 months: 2020-08-24 -> 2026-08-24. A degree on
        // 2025-05-15 (57 months) is within it; full-time the window was 36 months (2023-08-24) and it was not.
        var partTimer = Given.Student().With(Enrollment(College, Program, "2020-FA", "2020-08-24", intensity: Intensity.PartTime))
            .Coursework(Program, "2025-01-10").With(Degree(Program, "2025-05-15"));

        var rate = CohortFigures.Report([partTimer], College, "2020-FA", null, null).Measures.Single(m => m.Name == "graduation-rate-150");
        (rate.Numerator, rate.Denominator).ShouldBe((1, 1));
    }

    [Fact]
    public void finding_7_without_a_program_filter_a_switch_within_the_college_is_a_graduate()
    {
        // Entered P in 2022-FA, withdrew 2023-01-15 to switch, graduated from the college's other program 2024-12-15.
        var switcher = Given.Student().With(Enrollment(College, Program, "2022-FA", "2022-08-22"))
            .With(Withdrawal(Program, "2023-01-15", WithdrawalReason.Other))
            .With(Enrollment(College, OtherProgram, "2023-SP", "2023-01-16")).With(Term(College, OtherProgram, "2023-FA"))
            .Coursework(OtherProgram, "2024-10-01")
            .With(Degree(OtherProgram, "2024-12-15"));

        var college = CohortFigures.Report([switcher], College, "2022-FA", null, null);
        // The college's 2022-FA cohort: 1 member, graduated (28 months < 36), retained (registered in the college's other
        // program for 2023-FA): 1/1 each.
        college.Funnel.Graduated.ShouldBe(1);
        college.Measures.Where(m => m.Name is "graduation-rate-150" or "retention")
            .ShouldAllBe(m => m.Numerator == 1 && m.Denominator == 1);
        // With the filter P the student is P's non-graduate (IPEDS by program).
        CohortFigures.Report([switcher], College, "2022-FA", Program, null).Funnel.Graduated.ShouldBe(0);
    }

    private static readonly Dictionary<Guid, AcademicProgram> Open =
        new() { [Program] = P with { Accreditations = [new(Accreditation.Cahiim, D("2015-01-01"), null)] } };

    [Fact]
    public void missing_deadline_near_from_six_months_before_the_end_of_150_percent()
    {
        // Full-time 24 months from 2024-08-26: 150% ends 2027-08-26, so the alert runs 2027-02-26 to 2027-08-26.
        var student = Given.Student().With(Enrollment(College, Program, "2024-FA", "2024-08-26"));
        IReadOnlyList<AlertCode> On(Student s, string day) => AlertRules.For(s, Open, D(day), new AlertOptions(), 30);

        On(student, "2027-02-25").ShouldNotContain(AlertCode.DeadlineNear);
        On(student, "2027-02-26").ShouldContain(AlertCode.DeadlineNear);
        On(student, "2027-08-26").ShouldContain(AlertCode.DeadlineNear);
        On(student, "2027-08-27").ShouldNotContain(AlertCode.DeadlineNear);
        // Part-time the end is 72 months on (2030-08-26): nothing near in 2027.
        var partTimer = Given.Student().With(Enrollment(College, Program, "2024-FA", "2024-08-26", intensity: Intensity.PartTime));
        On(partTimer, "2027-06-01").ShouldNotContain(AlertCode.DeadlineNear);
        On(partTimer, "2030-03-01").ShouldContain(AlertCode.DeadlineNear);
    }

    [Fact]
    public void missing_degree_pending_six_months_after_the_coursework_was_complete()
    {
        // Coursework complete 2026-04-01, no degree: pending after 2026-10-01; a degree ends it.
        var student = Given.Student().With(Enrollment(College, Program, "2024-FA", "2024-08-26")).Coursework(Program, "2026-04-01");
        IReadOnlyList<AlertCode> On(Student s, string day) => AlertRules.For(s, Open, D(day), new AlertOptions(), 30);

        On(student, "2026-10-01").ShouldNotContain(AlertCode.DegreePending);
        On(student, "2026-10-02").ShouldContain(AlertCode.DegreePending);
        On(student.With(Degree(Program, "2026-10-15")), "2026-11-01").ShouldNotContain(AlertCode.DegreePending);
    }

    [Fact]
    public void missing_transferred_is_a_withdrawal_for_a_transfer()
    {
        var enrolled = Given.Student().With(Enrollment(College, Program, "2024-FA", "2024-08-26"));

        Pathway.StageOf(enrolled.With(Withdrawal(Program, "2025-01-10", WithdrawalReason.Transfer))).ShouldBe(Stage.Transferred);
        Pathway.StageOf(enrolled.With(Withdrawal(Program, "2025-01-10", WithdrawalReason.Personal))).ShouldBe(Stage.Withdrawn);
    }
}
