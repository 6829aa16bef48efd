using System.Text.Json;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Reports;
using ProgressTracker.Reports.Cohorts;
using ProgressTracker.Students;
using static ProgressTracker.UnitTests.Given;

namespace ProgressTracker.UnitTests.Reports.Cohorts;

/// <summary>
/// The cohort rows (<see cref="CohortRow"/>) and the decision state they are derived from.
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
        [Program] = new(Program, College, "HIT", Award.Aas, 24, TwoCategories, [new Accreditation(Accreditation.Cahiim, D("2010-01-01"), null)]),
        [OtherProgram] = new(OtherProgram, College, "Unaccredited HIT", Award.Aas, 24, TwoCategories, []),
    };

    private static Student Member(Guid? program = null) => Given.Student().With(Enrollment(College, program ?? Program, Cohort, Start));

    /// <summary>Every shape that decides membership or a figure: voids, ties, two programs, other terms, long histories.</summary>
    private static List<Student> Students()
    {
        var voidedEnrollment = Enrollment(College, Program, Cohort, Start);
        var voidedDegree = Degree(Program, "2024-05-15");
        var late = Enrollment(College, Program, Cohort, "2022-09-01");
        return
        [
            Member().Coursework(Program, "2024-04-01").With(Degree(Program, "2024-05-15")).With(Exam("2024-06-20", true)).With(Job("2024-07-01")),
            Member().Coursework(Program, "2024-04-01").With(Degree(Program, "2025-12-15")).With(Exam("2026-01-10", false))
                .With(Outcome(OutcomeStatus.Seeking, "2026-03-15")).With(Given.Volunteering()),
            Member().With(Withdrawal(Program, "2023-03-01", WithdrawalReason.Deceased)),
            Member().Coursework(Program, "2024-04-01").With(voidedDegree).With(Given.Void(voidedDegree.MilestoneId)),
            // Enrolled twice on the same day in two programs: the first recorded is the one counted.
            Member(OtherProgram).With(Enrollment(College, Program, Cohort, Start)).Coursework(Program, "2024-04-01"),
            // A later enrollment recorded first: the earlier start wins.
            Given.Student().With(late).With(Enrollment(College, OtherProgram, Cohort, Start)),
            // An enrollment voided: not a member.
            Given.Student().With(voidedEnrollment).With(Given.Void(voidedEnrollment.MilestoneId)),
            // Another term and another college.
            Given.Student().With(Enrollment(College, Program, "2023-SP", "2023-01-10")),
            Given.Student().With(Enrollment(Guid.CreateVersion7(), Program, Cohort, Start)),
            Given.Student().With(Given.Volunteering()),
        ];
    }

    [Theory]
    [InlineData(null, 6)]
    [InlineData("program", 6)]
    [InlineData("other", 2)]
    public void members_are_each_students_first_standing_enrollment_in_the_cohort(string? filter, int count)
    {
        Guid? program = filter switch { "program" => Program, "other" => OtherProgram, _ => null };

        var members = CohortFigures.Members(Students(), College, "2022-fa", program);

        members.Count.ShouldBe(count);
        members.Select(m => m.StudentId).ShouldBeUnique();
        // Two enrollments on one day: the first recorded counts; a later start recorded first: the earlier start counts.
        if (program is null) members.Count(m => m.ProgramId == OtherProgram).ShouldBe(2);
    }

    [Fact]
    public void a_voided_enrollment_keeps_its_row_marked_so_the_roster_still_names_the_student()
    {
        var enrollment = Enrollment(College, Program, Cohort, Start);
        var student = Given.Student().With(enrollment);
        CohortRow.AllOf(student).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            row => row.Position.ShouldBe(0), row => row.Voided.ShouldBeFalse());

        var voided = student.With(Given.Void(enrollment.MilestoneId));

        var kept = CohortRow.AllOf(voided).ShouldHaveSingleItem();
        kept.Voided.ShouldBeTrue();
        Rosters.StudentsOf([kept]).ShouldBe([student.Id]);
        CohortRow.Members([kept], programId: null).ShouldBeEmpty();
    }

    [Fact]
    public void the_decision_state_leaves_out_voided_milestones_and_reads_back_through_the_stores_json()
    {
        var degree = Degree(Program, "2024-05-15");
        var student = Member().With(Given.Volunteering()).With(degree).With(Given.Void(degree.MilestoneId))
            .With(Outcome(OutcomeStatus.Seeking, "2024-06-01"));

        student.Degrees.ShouldBeEmpty();
        student.Voided.ShouldBe([degree.MilestoneId]);
        student.Knows(degree.MilestoneId).ShouldBeTrue();
        student.Stands(degree.MilestoneId).ShouldBeFalse();
        var stored = JsonSerializer.Deserialize<Student>(JsonSerializer.Serialize(student, Json.Storage), Json.Storage).ShouldNotBeNull();
        JsonSerializer.Serialize(stored, Json.Storage).ShouldBe(JsonSerializer.Serialize(student, Json.Storage));
    }

    [Fact]
    public void coursework_is_complete_on_the_day_the_last_required_category_was_first_completed()
    {
        var enrollment = Enrollment(College, Program, Cohort, Start);
        var student = Given.Student().With(enrollment)
            .With(new CourseCompleted(Guid.CreateVersion7(), Guid.Empty, Program, "ENG101", "Composition", CourseCategory.English, 3, "A", D("2023-05-01"), Given.By))
            .With(new CourseCompleted(Guid.CreateVersion7(), Guid.Empty, Program, "HIT101", "Coding", CourseCategory.HealthInformation, 3, "A", D("2024-01-10"), Given.By))
            .With(new CourseCompleted(Guid.CreateVersion7(), Guid.Empty, Program, "ENG102", "Retake", CourseCategory.English, 3, "A", D("2024-03-01"), Given.By));

        student.CourseworkCompleteOn(student.Enrollments.ShouldHaveSingleItem()).ShouldBe(D("2024-01-10"));
    }

    [Fact]
    public void a_degree_or_withdrawal_closes_only_the_enrollments_of_its_program_that_started_before_it()
    {
        var student = Member()
            .With(Enrollment(College, OtherProgram, "2023-FA", "2023-08-21"))
            .With(Withdrawal(Program, "2023-03-01", WithdrawalReason.Personal))
            .With(Enrollment(College, Program, "2024-FA", "2024-08-26"))
            .With(Degree(OtherProgram, "2025-05-15"));

        student.Enrollments.Select(e => (Pathway.StatusOf(student, e), Pathway.EndOf(student, e))).ShouldBe(
        [
            (EnrollmentStatus.Withdrawn, D("2023-03-01")),
            (EnrollmentStatus.Graduated, D("2025-05-15")),
            (EnrollmentStatus.Active, null),
        ]);
    }

    [Fact]
    public void two_enrollments_in_one_program_with_different_catalogs_keep_their_own_coursework_day()
    {
        // The second enrollment's catalog adds a category completed later: its coursework is complete later.
        var later = Enrollment(College, Program, "2023-FA", "2023-08-21") with { RequiredCategories = [.. TwoCategories, CourseCategory.Mathematics] };
        var student = Member().With(later).Coursework(Program, "2024-01-10")
            .With(new CourseCompleted(Guid.CreateVersion7(), Guid.Empty, Program, "MAT101", "Algebra", CourseCategory.Mathematics, 3, "A", D("2024-03-01"), Given.By));

        student.Enrollments.Select(student.CourseworkCompleteOn).ShouldBe([D("2024-01-10"), D("2024-03-01")]);
    }
}
