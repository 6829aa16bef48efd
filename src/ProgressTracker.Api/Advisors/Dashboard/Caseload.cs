using JasperFx.Events;
using Marten.Events.Projections;
using ProgressTracker.Reports;

namespace ProgressTracker.Advisors.Dashboard;

/// <summary>
/// An advisor's caseload: the ids of the students whose current advisor this is (the sweep re-checks each entry's advisor,
/// which may have changed since this batch). Stage 2 of the "Reports"
/// composite projection (Reports/ReportsConfiguration.cs), read by the alert sweep: it also resets the raised alerts of
/// an advisor left with no students. The dashboard queries <see cref="CaseloadEntry"/> by advisor instead.
/// </summary>
public sealed class Caseload
{
    public Guid Id { get; set; }
    // Sorted, so that a rebuild writes the same document as live processing did, whatever the batch boundaries.
    public SortedSet<Guid> Members { get; set; } = [];
}

public sealed partial class CaseloadProjection : MultiStreamProjection<Caseload, Guid>
{
    // Routed to every advisor the student ever had, so that the former advisor's caseload drops them.
    public CaseloadProjection() => Identities<Updated<StudentFacts>>(u => u.Entity.AdvisorIds);

    public override Caseload? Evolve(Caseload? snapshot, Guid id, IEvent e)
    {
        if (e.Data is not Updated<StudentFacts> updated) return snapshot;
        var caseload = snapshot ?? new Caseload { Id = id };
        var student = updated.Entity.Student;
        if (student.AdvisorId == id) caseload.Members.Add(student.Id);
        else caseload.Members.Remove(student.Id);
        return caseload;
    }
}
