using System.Text.Json.Serialization;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace ProgressTracker.Students;

/// <summary>
/// A student's record as its stream tells it: who they are and every milestone, voided ones marked. It is both
/// the write model the decision functions read and the source of the timeline, kept by an inline projection so
/// that a write and the timeline that shows it commit together.
/// </summary>
public sealed record Student
{
    public Guid Id { get; init; }

    /// <summary>The stream version; Marten sets it. Clients see it as the ETag.</summary>
    public int Version { get; set; }

    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public string? StudentNumber { get; init; }
    public Guid AdvisorId { get; init; }

    /// <summary>The college whose roster registered the student, if one did.</summary>
    public Guid? CollegeId { get; init; }

    /// <summary>Erased (domain.md 7): no identifying value is left, and reads answer 410.</summary>
    public bool Erased { get; init; }

    public IReadOnlyList<RecordedMilestone> Milestones { get; init; } = [];

    /// <summary>What every rule and projection counts: the milestones that are not voided.</summary>
    public IEnumerable<T> Active<T>() where T : Milestone =>
        Milestones.Where(m => !m.Voided).Select(m => m.Milestone).OfType<T>();

    /// <summary>Whether the student belongs to a college: registered from its roster or enrolled in one of its programs.</summary>
    public bool IsAtCollege(Guid collegeId) => CollegeId == collegeId || Active<EnrolledInProgram>().Any(e => e.CollegeId == collegeId);

    public RecordedMilestone? Find(Guid milestoneId) => Milestones.FirstOrDefault(m => m.Milestone.MilestoneId == milestoneId);

    public static Student Registered(StudentRegistered e, DateTimeOffset recordedAt) => new()
    {
        Id = e.StudentId,
        Name = e.Name,
        Email = e.Email,
        StudentNumber = e.StudentNumber,
        AdvisorId = e.AdvisorId,
        CollegeId = e.CollegeId,
        Milestones = [new RecordedMilestone(e, recordedAt)],
    };

    public Student Record(Milestone e, DateTimeOffset recordedAt) => e switch
    {
        // A void is shown on the milestone it voids, not as a milestone of its own.
        MilestoneVoided v => this with
        {
            Milestones = [.. Milestones.Select(m => m.Milestone.MilestoneId == v.VoidedMilestoneId
                ? m with { Voided = true, VoidReason = v.Reason }
                : m)],
        },
        Privacy.StudentIdentityCorrected c => Privacy.IdentityCorrections.Apply(this, c, recordedAt),
        AdvisorAssigned a => this with { AdvisorId = a.AdvisorId, Milestones = [.. Milestones, new(e, recordedAt)] },
        _ => this with { Milestones = [.. Milestones, new(e, recordedAt)] },
    };
}

/// <summary>A milestone as recorded: the event, when it was recorded, and whether it was voided since.</summary>
public sealed record RecordedMilestone(
    Milestone Milestone,
    DateTimeOffset RecordedAt,
    bool Voided = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? VoidReason = null);

/// <summary>Folds a student's stream into <see cref="Student"/>; registered inline.</summary>
public sealed partial class StudentProjection : SingleStreamProjection<Student, Guid>
{
    public override Student? Evolve(Student? snapshot, Guid id, IEvent e) => e.Data switch
    {
        StudentRegistered registered => Student.Registered(registered, e.Timestamp),
        Milestone milestone when snapshot is not null => snapshot.Record(milestone, e.Timestamp),
        Privacy.StudentErased when snapshot is not null => Privacy.IdentityCorrections.Erase(snapshot),
        _ => snapshot,
    };
}
