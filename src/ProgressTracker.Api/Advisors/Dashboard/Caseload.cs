using JasperFx.Events;
using Marten.Events.Projections;
using ProgressTracker.Reports;
using ProgressTracker.Students;

namespace ProgressTracker.Advisors.Dashboard;

/// <summary>
/// An advisor's caseload: the records of the students whose current advisor this is. Stage 2 of the "Reports"
/// composite projection (Reports/ReportsConfiguration.cs), read by id by the dashboard and the alert sweep.
/// </summary>
public sealed class Caseload
{
    public Guid Id { get; set; }
    public Dictionary<Guid, Student> Students { get; set; } = [];
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
        if (student.AdvisorId == id) caseload.Students[student.Id] = student;
        else caseload.Students.Remove(student.Id);
        return caseload;
    }
}
