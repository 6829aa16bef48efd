using JasperFx.Events;
using Marten.Events.Aggregation;
using ProgressTracker.Students;

namespace ProgressTracker.Reports;

/// <summary>
/// Stage 1 of the "Reports" composite projection: a student's record (every milestone, voided ones marked) plus the
/// keys of every roster the student ever touched. The keys include voided enrollments and former advisors on purpose:
/// the rosters that hold a stale copy of the student must hear about the change, then decide membership themselves.
/// </summary>
public sealed record StudentFacts
{
    public Guid Id { get; init; }
    public Student Student { get; init; } = new();
    public IReadOnlyList<string> CohortKeys { get; init; } = [];
    public IReadOnlyList<Guid> CollegeIds { get; init; } = [];
    public IReadOnlyList<Guid> AdvisorIds { get; init; } = [];

    public static StudentFacts Of(Student student)
    {
        var recorded = student.Milestones.Select(m => m.Milestone).ToList();
        var enrollments = recorded.OfType<EnrolledInProgram>().ToList();
        return new StudentFacts
        {
            Id = student.Id,
            Student = student,
            CohortKeys = [.. enrollments.Select(e => CohortKey.Of(e.CollegeId, e.Cohort)).Distinct()],
            CollegeIds = [.. enrollments.Select(e => e.CollegeId).Distinct()],
            AdvisorIds = [.. recorded.OfType<StudentRegistered>().Select(r => r.AdvisorId)
                .Concat(recorded.OfType<AdvisorAssigned>().Select(a => a.AdvisorId))
                .Append(student.AdvisorId)
                .Distinct()],
        };
    }
}

/// <summary>The id of a cohort roster: college and entry term (programs are a filter on read).</summary>
public static class CohortKey
{
    public static string Of(Guid collegeId, string cohort) => $"{collegeId}:{cohort.ToUpperInvariant()}";
}

/// <summary>Folds a student's stream the same way the inline <see cref="StudentProjection"/> does.</summary>
public sealed partial class StudentFactsProjection : SingleStreamProjection<StudentFacts, Guid>
{
    public override StudentFacts? Evolve(StudentFacts? snapshot, Guid id, IEvent e) => e.Data switch
    {
        StudentRegistered registered => StudentFacts.Of(Student.Registered(registered, e.Timestamp)),
        Milestone milestone when snapshot is not null => StudentFacts.Of(snapshot.Student.Record(milestone, e.Timestamp)),
        _ => snapshot,
    };
}
