using JasperFx.Events;
using Marten.Events.Projections;
using ProgressTracker.Students;

namespace ProgressTracker.Reports;

/// <summary>
/// Stage 2 of the "Reports" composite projection: one document per cohort or college (and per advisor: Advisors/Dashboard/Caseload.cs) holding the records of
/// the students routed to it. Reports load one roster by id and compute their figures with pure functions, so a
/// report's cost follows the roster's size, not the length of the event history. Membership (active enrollment,
/// current advisor) is decided on read, from the records, so voids and reassignments need no special handling here.
/// </summary>
public sealed class CohortRoster
{
    /// <summary><see cref="CohortKey"/>: college id and entry term.</summary>
    public string Id { get; set; } = "";
    public Dictionary<Guid, Student> Students { get; set; } = [];
}

public sealed class CollegeRoster
{
    public Guid Id { get; set; }
    public Dictionary<Guid, Student> Students { get; set; } = [];
}

// Updated<StudentFacts> is the synthetic event Marten passes from stage 1 to stage 2: it carries the student's
// facts as they stand after this batch of events, so no lookup is needed.

public sealed partial class CohortRosterProjection : MultiStreamProjection<CohortRoster, string>
{
    public CohortRosterProjection() => Identities<Updated<StudentFacts>>(u => u.Entity.CohortKeys);

    public override CohortRoster? Evolve(CohortRoster? snapshot, string id, IEvent e)
    {
        if (e.Data is not Updated<StudentFacts> updated) return snapshot;
        var roster = snapshot ?? new CohortRoster { Id = id };
        roster.Students[updated.Entity.Id] = updated.Entity.Student;
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
        roster.Students[updated.Entity.Id] = updated.Entity.Student;
        return roster;
    }
}
