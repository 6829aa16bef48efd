using ProgressTracker.Students;

namespace ProgressTracker.Reports.Cohorts;

/// <summary>
/// A compact report row: one per enrollment ever recorded, holding the <see cref="ProgramFacts"/> of that enrollment
/// (what <see cref="CohortFigures"/> reads), kept by the "Reports" projection (<see cref="ReportsProjection"/>). The
/// current cohort report is one indexed query on <see cref="CohortKey"/> returning a few hundred small rows, instead of
/// every member's whole record (every milestone), so its cost follows the cohort's size, not the students' histories.
/// </summary>
/// <remarks>
/// The rows are also the rosters (<see cref="Rosters"/>): who ever enrolled in a cohort (its key) or at a college
/// (<see cref="ProgramFacts.CollegeId"/>, duplicated and indexed). So a voided enrollment's row stays, marked
/// <see cref="Voided"/>: a past (<c>asOf</c>) report replays every student who was enrolled then. The rows replaced
/// roster documents of thousands of ids each, which every page of the projection had to rewrite.
/// </remarks>
public sealed record CohortRow
{
    /// <summary>The enrollment's milestone id.</summary>
    public Guid Id { get; init; }

    /// <summary>The enrollment's college and entry term (<see cref="Reports.CohortKey"/>); duplicated and indexed.</summary>
    public string CohortKey { get; init; } = "";

    /// <summary>
    /// The enrollment's place in the student's record. Of two enrollments that start the same day the report takes the
    /// one recorded first (a stable sort on the full record), so the rows keep that order too.
    /// </summary>
    public int Position { get; init; }

    /// <summary>The enrollment was voided: the row counts for rosters, not for the current report.</summary>
    public bool Voided { get; init; }

    public ProgramFacts Facts { get; init; } = null!;

    /// <summary>
    /// The facts for the college as a whole (<see cref="ProgramFacts.AtCollege"/>), kept only where they differ from
    /// <see cref="Facts"/> (a student who graduated in another of the college's programs), so rows stay small.
    /// </summary>
    public ProgramFacts? CollegeFacts { get; init; }

    /// <summary>The rows of every enrollment the student ever recorded, voided ones marked, in the record's order.</summary>
    public static IEnumerable<CohortRow> AllOf(Student student) =>
        student.Enrollments.Select((enrollment, position) => new CohortRow
        {
            Id = enrollment.MilestoneId,
            CohortKey = Reports.CohortKey.Of(enrollment.CollegeId, enrollment.Cohort),
            Position = position,
            Voided = enrollment.IsVoided,
            Facts = ProgramFacts.Of(student, enrollment),
            CollegeFacts = ProgramFacts.AtCollege(student, enrollment) is var college && college != ProgramFacts.Of(student, enrollment)
                ? college : null,
        });

    /// <summary>
    /// The cohort's members from its rows: per student, the first active enrollment by start date (matching the program,
    /// if given; without one, its facts for the college as a whole), ordered by student id.
    /// </summary>
    public static IReadOnlyList<ProgramFacts> Members(IEnumerable<CohortRow> rows, Guid? programId) =>
    [
        .. rows
            .Where(r => !r.Voided && (programId is null || r.Facts.ProgramId == programId))
            .GroupBy(r => r.Facts.StudentId)
            .Select(g => g.OrderBy(r => r.Facts.EnrolledOn).ThenBy(r => r.Position).First())
            .Select(r => programId is null ? r.CollegeFacts ?? r.Facts : r.Facts)
            .OrderBy(m => m.StudentId),
    ];
}
