using ProgressTracker.Students;

namespace ProgressTracker.Reports.Cohorts;

/// <summary>
/// A compact report row: one per active enrollment, holding the <see cref="ProgramFacts"/> of that enrollment (what
/// <see cref="CohortFigures"/> reads), kept by the "Reports" projection (<see cref="ReportsProjection"/>); a voided
/// enrollment's row is deleted. The current cohort report is one
/// indexed query on <see cref="CohortKey"/> returning a few hundred small rows, instead of the roster's ids and then
/// every member's whole record (every milestone), so its cost follows the cohort's size, not the students' histories
/// (ops/bench, issue 8). The <c>asOf</c> report still replays the roster's students.
/// </summary>
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

    public ProgramFacts Facts { get; init; } = null!;

    /// <summary>The row of one enrollment as the record stands, or null when it is voided or unknown (no row).</summary>
    public static CohortRow? Of(Student student, Guid enrollmentId)
    {
        for (var position = 0; position < student.Milestones.Count; position++)
        {
            var recorded = student.Milestones[position];
            if (recorded.Milestone is not EnrolledInProgram enrollment || enrollment.MilestoneId != enrollmentId) continue;
            return recorded.Voided ? null : new CohortRow
            {
                Id = enrollmentId,
                CohortKey = Reports.CohortKey.Of(enrollment.CollegeId, enrollment.Cohort),
                Position = position,
                Facts = ProgramFacts.Of(student, enrollment),
            };
        }
        return null;
    }

    /// <summary>Every enrollment the student ever recorded, voided ones too: the rows that may need a change.</summary>
    public static IReadOnlyList<Guid> KeysOf(Student student) =>
        [.. student.Milestones.Select(m => m.Milestone).OfType<EnrolledInProgram>().Select(e => e.MilestoneId)];

    /// <summary>
    /// The cohort's members from its rows, as <see cref="CohortFigures.Members"/> finds them on the full records: per
    /// student, the first active enrollment by start date (matching the program, if given), ordered by student id.
    /// </summary>
    public static IReadOnlyList<ProgramFacts> Members(IEnumerable<CohortRow> rows, Guid? programId) =>
    [
        .. rows
            .Where(r => programId is null || r.Facts.ProgramId == programId)
            .GroupBy(r => r.Facts.StudentId)
            .Select(g => g.OrderBy(r => r.Facts.EnrolledOn).ThenBy(r => r.Position).First().Facts)
            .OrderBy(m => m.StudentId),
    ];
}
