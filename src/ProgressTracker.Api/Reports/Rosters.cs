using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using ProgressTracker.Students;

namespace ProgressTracker.Reports;

/// <summary>
/// Stage 2 of the "Reports" composite projection: one document per cohort or college (and per advisor: Advisors/Dashboard/Caseload.cs) holding the ids of
/// the students routed to it. Reports load one roster by id, then the members' records (the inline <see cref="Student"/>
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
}

public sealed class CollegeRoster
{
    public Guid Id { get; set; }
    // Sorted, so that a rebuild writes the same document as live processing did, whatever the batch boundaries.
    public SortedSet<Guid> Members { get; set; } = [];
}

// Updated<StudentFacts> is the synthetic event Marten passes from stage 1 to stage 2: it carries the student's
// facts as they stand after this batch of events, so no lookup is needed.

/// <summary>Loads the members' records: the inline student documents, current as of the last committed write.</summary>
public static class RosterMembers
{
    public static async Task<IReadOnlyCollection<Student>> LoadAsync(IQuerySession session, IReadOnlyCollection<Guid>? ids, CancellationToken ct) =>
        ids is null || ids.Count == 0 ? [] : await session.LoadManyAsync<Student>(ct, ids.ToArray());
}

public sealed partial class CohortRosterProjection : MultiStreamProjection<CohortRoster, string>
{
    public CohortRosterProjection() => Identities<Updated<StudentFacts>>(u => u.Entity.CohortKeys);

    public override CohortRoster? Evolve(CohortRoster? snapshot, string id, IEvent e)
    {
        if (e.Data is not Updated<StudentFacts> updated) return snapshot;
        var roster = snapshot ?? new CohortRoster { Id = id };
        roster.Members.Add(updated.Entity.Id);
        return roster;
    }
}

public sealed partial class CollegeRosterProjection : MultiStreamProjection<CollegeRoster, Guid>
{
    public CollegeRosterProjection() => Identities<Updated<StudentFacts>>(u => u.Entity.CollegeIds);

    public override CollegeRoster? Evolve(CollegeRoster? snapshot, Guid id, IEvent e)
    {
        if (e.Data is not Updated<StudentFacts> updated) return snapshot;
        var roster = snapshot ?? new CollegeRoster { Id = id };
        roster.Members.Add(updated.Entity.Id);
        return roster;
    }
}
