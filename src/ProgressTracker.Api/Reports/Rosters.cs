using Marten;
using ProgressTracker.Students;

namespace ProgressTracker.Reports;

/// <summary>
/// Kept by the "Reports" projection (<see cref="ReportsProjection"/>): one document per cohort or college (and per
/// advisor: Advisors/Dashboard/Caseload.cs) holding the ids of the students who ever belonged to it. Reports load one roster by id, then the members' records (the inline <see cref="Student"/>
/// documents, by id), and compute their figures with pure functions, so a report's cost follows the roster's size, not
/// the length of the event history. Membership (active enrollment, current advisor) is decided on read, from the
/// records, so voids and reassignments need no special handling here.
/// </summary>
/// <remarks>
/// Rosters hold ids, not records (ops/bench, issue 8): with records, every daemon batch re-serialized each touched
/// roster whole (a college's roster of 2,000 students is ~10 MB of JSON), which held the daemon to a few hundred
/// events per second and taxed every write. The records are read once per report instead, and are current.
/// </remarks>
public sealed class CohortRoster
{
    /// <summary><see cref="CohortKey"/>: college id and entry term.</summary>
    public string Id { get; set; } = "";
    // Sorted, so that a rebuild writes the same document as live processing did, whatever the batch boundaries.
    public SortedSet<Guid> Members { get; set; } = [];

    /// <summary>Every cohort the student ever enrolled in, voided enrollments included: a member stays a member.</summary>
    public static IEnumerable<string> KeysOf(Student student) =>
        student.Milestones.Select(m => m.Milestone).OfType<EnrolledInProgram>().Select(e => CohortKey.Of(e.CollegeId, e.Cohort)).Distinct();
}

public sealed class CollegeRoster
{
    public Guid Id { get; set; }
    // Sorted, so that a rebuild writes the same document as live processing did, whatever the batch boundaries.
    public SortedSet<Guid> Members { get; set; } = [];

    /// <summary>Every college the student ever enrolled at, voided enrollments included.</summary>
    public static IEnumerable<Guid> KeysOf(Student student) =>
        student.Milestones.Select(m => m.Milestone).OfType<EnrolledInProgram>().Select(e => e.CollegeId).Distinct();
}

/// <summary>Loads the members' records: the inline student documents, current as of the last committed write.</summary>
public static class RosterMembers
{
    public static async Task<IReadOnlyCollection<Student>> LoadAsync(IQuerySession session, IReadOnlyCollection<Guid>? ids, CancellationToken ct) =>
        ids is null || ids.Count == 0 ? [] : await session.LoadManyAsync<Student>(ct, ids.ToArray());
}
