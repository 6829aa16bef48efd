using System.Text.Json;
using ProgressTracker.Advisors.Alerts;
using ProgressTracker.Advisors.Dashboard;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Reports;
using ProgressTracker.Reports.Cohorts;
using ProgressTracker.Students;
using static ProgressTracker.UnitTests.Reports.M;

namespace ProgressTracker.UnitTests.Reports;

/// <summary>
/// The compact rows the cohort report and the dashboard read (<see cref="CohortRow"/>, <see cref="CaseloadEntry"/>)
/// must give exactly what the pure functions give on the full records.
/// </summary>
public sealed class CompactRowsTests
{
    private static readonly Guid College = Guid.CreateVersion7();
    private static readonly Guid Program = Guid.CreateVersion7();
    private static readonly Guid OtherProgram = Guid.CreateVersion7();
    private const string Cohort = "2022-FA";
    private const string Start = "2022-08-22";

    private static readonly IReadOnlyDictionary<Guid, AcademicProgram> Programs = new Dictionary<Guid, AcademicProgram>
    {
        [Program] = new(Program, College, "HIT", Award.Aas, 24, Required, [new Accreditation(Accreditation.Cahiim, D("2010-01-01"), null)]),
        [OtherProgram] = new(OtherProgram, College, "Unaccredited HIT", Award.Aas, 24, Required, []),
    };

    private static Student Member(Guid? program = null) => Given.Student().With(Enroll(College, program ?? Program, Cohort, Start));

    /// <summary>Every shape that decides membership or a figure: voids, ties, two programs, other terms, long histories.</summary>
    private static List<Student> Students()
    {
        var voidedEnrollment = Enroll(College, Program, Cohort, Start);
        var voidedDegree = Degree(Program, "2024-05-15");
        var late = Enroll(College, Program, Cohort, "2022-09-01");
        return
        [
            Member().Coursework(Program, "2024-04-01").With(Degree(Program, "2024-05-15")).With(Exam("2024-06-20", true)).With(Job("2024-07-01")),
            Member().Coursework(Program, "2024-04-01").With(Degree(Program, "2025-12-15")).With(Exam("2026-01-10", false))
                .With(Outcome(OutcomeStatus.Seeking, "2026-03-15")).With(Given.Volunteering()),
            Member().With(Withdraw(Program, "2023-03-01", WithdrawalReason.Deceased)),
            Member().Coursework(Program, "2024-04-01").With(voidedDegree).With(Given.Void(voidedDegree.MilestoneId)),
            // Enrolled twice on the same day in two programs: the first recorded is the one counted.
            Member(OtherProgram).With(Enroll(College, Program, Cohort, Start)).Coursework(Program, "2024-04-01"),
            // A later enrollment recorded first: the earlier start wins.
            Given.Student().With(late).With(Enroll(College, OtherProgram, Cohort, Start)),
            // An enrollment voided: not a member.
            Given.Student().With(voidedEnrollment).With(Given.Void(voidedEnrollment.MilestoneId)),
            // Another term and another college.
            Given.Student().With(Enroll(College, Program, "2023-SP", "2023-01-10")),
            Given.Student().With(Enroll(Guid.CreateVersion7(), Program, Cohort, Start)),
            Given.Student().With(Given.Volunteering()),
        ];
    }

    private static IEnumerable<CohortRow> RowsOf(IEnumerable<Student> students, string key) =>
        students.SelectMany(CohortRow.AllOf).Where(r => r.CohortKey == key);

    [Theory]
    [InlineData(null)]
    [InlineData("program")]
    [InlineData("other")]
    public void the_rows_give_the_members_the_full_records_give(string? filter)
    {
        Guid? program = filter switch { "program" => Program, "other" => OtherProgram, _ => null };
        var students = Students();

        var fromRows = CohortRow.Members(RowsOf(students, CohortKey.Of(College, "2022-fa")), program);

        fromRows.ShouldBe(CohortFigures.Members(students, College, Cohort, program));
        fromRows.Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void a_voided_enrollment_keeps_its_row_marked_so_the_roster_still_names_the_student()
    {
        var enrollment = Enroll(College, Program, Cohort, Start);
        var student = Given.Student().With(enrollment);
        CohortRow.AllOf(student).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            row => row.Position.ShouldBe(1), row => row.Voided.ShouldBeFalse());

        var voided = student.With(Given.Void(enrollment.MilestoneId));

        var kept = CohortRow.AllOf(voided).ShouldHaveSingleItem();
        kept.Voided.ShouldBeTrue();
        Rosters.StudentsOf([kept]).ShouldBe([student.Id]);
        CohortRow.Members([kept], programId: null).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2022-09-01")]
    [InlineData("2024-06-01")]
    [InlineData("2024-09-01")]
    [InlineData("2025-02-01")]
    [InlineData("2026-09-01")]
    public void a_caseload_entry_gives_the_stage_last_milestone_and_alerts_of_the_full_record(string today)
    {
        foreach (var student in Students().Append(Member(OtherProgram)).Append(Member().With(Exam("2024-01-05", false))))
        {
            var entry = Stored(CaseloadEntry.Of(student));

            entry.AlertFacts.ShouldNotBeNull();
            entry.Stage.ShouldBe(Pathway.StageOf(student));
            entry.LastMilestoneOn.ShouldBe(AlertRules.LastMilestoneOn(student));
            entry.Alerts(Programs, D(today), new AlertOptions(), 30)
                .ShouldBe(AlertRules.For(student, Programs, D(today), new AlertOptions(), 30));
        }
    }

    [Fact]
    public void a_caseload_entry_leaves_out_volunteering_outcomes_and_voided_milestones()
    {
        var degree = Degree(Program, "2024-05-15");
        var student = Member().With(Given.Volunteering()).With(degree).With(Given.Void(degree.MilestoneId))
            .With(Outcome(OutcomeStatus.Seeking, "2024-06-01"));

        var facts = CaseloadEntry.Of(student).AlertFacts;

        facts.ShouldNotBeNull().Enrollments.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.CourseworkCompleteOn.ShouldBeNull(), e => e.GraduatedOn.ShouldBeNull(), e => e.WithdrawnOn.ShouldBeNull());
        facts.FirstDegreeOn.ShouldBeNull();
        facts.LastRhitAttemptOn.ShouldBeNull();
    }

    [Fact]
    public void an_entry_keeps_no_alert_facts_past_its_bound_and_then_the_full_record_decides()
    {
        var student = Member();
        while (CaseloadEntry.Of(student).AlertFacts is not null) student = student.With(Enroll(College, Guid.CreateVersion7(), Cohort, Start));

        var entry = CaseloadEntry.Of(student);

        student.Active<EnrolledInProgram>().Count().ShouldBeGreaterThan(5);
        JsonSerializer.SerializeToUtf8Bytes(AlertFacts.Of(student), Json.Storage).Length.ShouldBeGreaterThan(CaseloadEntry.MaxAlertFactsBytes);
        entry.EnrolledProgramIds().ShouldBeEmpty();
    }

    [Fact]
    public void coursework_is_complete_on_the_day_the_last_required_category_was_first_completed()
    {
        var enrollment = Enroll(College, Program, Cohort, Start);
        var student = Given.Student().With(enrollment)
            .With(new CourseCompleted(Guid.CreateVersion7(), Guid.Empty, Program, "ENG101", "Composition", CourseCategory.English, 3, "A", D("2023-05-01"), Given.By))
            .With(new CourseCompleted(Guid.CreateVersion7(), Guid.Empty, Program, "HIT101", "Coding", CourseCategory.HealthInformation, 3, "A", D("2024-01-10"), Given.By))
            .With(new CourseCompleted(Guid.CreateVersion7(), Guid.Empty, Program, "ENG102", "Retake", CourseCategory.English, 3, "A", D("2024-03-01"), Given.By));

        var facts = EnrollmentFacts.Of(student).ShouldHaveSingleItem();

        facts.CourseworkCompleteOn.ShouldBe(D("2024-01-10"));
        facts.CourseworkCompleteBy(D("2024-01-09")).ShouldBeFalse();
        facts.CourseworkCompleteBy(D("2024-01-10")).ShouldBeTrue();
    }

    [Fact]
    public void a_degree_or_withdrawal_closes_only_the_enrollments_of_its_program_that_started_before_it()
    {
        var student = Member()
            .With(Enroll(College, OtherProgram, "2023-FA", "2023-08-21"))
            .With(Withdraw(Program, "2023-03-01", WithdrawalReason.Personal))
            .With(Enroll(College, Program, "2024-FA", "2024-08-26"))
            .With(Degree(OtherProgram, "2025-05-15"));

        EnrollmentFacts.Of(student).Select(e => (e.Status, e.EndedOn)).ShouldBe(
        [
            (EnrollmentStatus.Withdrawn, D("2023-03-01")),
            (EnrollmentStatus.Graduated, D("2025-05-15")),
            (EnrollmentStatus.Active, null),
        ]);
    }

    [Theory]
    [InlineData("2024-01-09")]
    [InlineData("2024-01-10")]
    [InlineData("2024-03-01")]
    public void two_enrollments_in_one_program_with_different_catalogs_keep_their_own_coursework_day(string today)
    {
        // The second enrollment's catalog adds a category completed later: its coursework is complete later.
        var later = Enroll(College, Program, "2023-FA", "2023-08-21") with { RequiredCategories = [.. Required, CourseCategory.Mathematics] };
        var student = Member().With(later).Coursework(Program, "2024-01-10")
            .With(new CourseCompleted(Guid.CreateVersion7(), Guid.Empty, Program, "MAT101", "Algebra", CourseCategory.Mathematics, 3, "A", D("2024-03-01"), Given.By));

        EnrollmentFacts.Of(student).Select(e => e.CourseworkCompleteOn).ShouldBe([D("2024-01-10"), D("2024-03-01")]);
        Stored(CaseloadEntry.Of(student)).Alerts(Programs, D(today), new AlertOptions(), 30)
            .ShouldBe(AlertRules.For(student, Programs, D(today), new AlertOptions(), 30));
    }

    /// <summary>The entry as the dashboard reads it back: through the store's JSON.</summary>
    private static CaseloadEntry Stored(CaseloadEntry entry) =>
        JsonSerializer.Deserialize<CaseloadEntry>(JsonSerializer.Serialize(entry, Json.Storage), Json.Storage).ShouldNotBeNull();
}
