using ProgressTracker.Reports;
using ProgressTracker.Students;

namespace ProgressTracker.Advisors.Dashboard;

/// <summary>
/// An advisor's caseload: the ids of the students whose current advisor this is (the sweep re-checks each entry's advisor,
/// which may have changed since this batch). Kept by the "Reports" projection (<see cref="ReportsProjection"/>), read
/// by the alert sweep: it also resets the raised alerts of
/// an advisor left with no students. The dashboard queries <see cref="CaseloadEntry"/> by advisor instead.
/// </summary>
public sealed class Caseload
{
    public Guid Id { get; set; }
    // Sorted, so that a rebuild writes the same document as live processing did, whatever the batch boundaries.
    public SortedSet<Guid> Members { get; set; } = [];

    /// <summary>Every advisor the student ever had: the former ones' caseloads must drop the student.</summary>
    public static IEnumerable<Guid> KeysOf(Student student) =>
        student.Milestones.Select(m => m.Milestone).OfType<StudentRegistered>().Select(r => r.AdvisorId)
            .Concat(student.Milestones.Select(m => m.Milestone).OfType<AdvisorAssigned>().Select(a => a.AdvisorId))
            .Append(student.AdvisorId)
            .Distinct();

    /// <summary>The student is on this caseload exactly while this is their current advisor; true if that changed it.</summary>
    public bool Update(Student student) => student.AdvisorId == Id ? Members.Add(student.Id) : Members.Remove(student.Id);
}
