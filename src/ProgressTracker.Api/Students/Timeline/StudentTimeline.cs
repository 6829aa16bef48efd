using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx.Events;
using Marten.Events.Aggregation;
using JasperFx;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Students.Timeline;

/// <summary>
/// A student's milestones as GET timeline shows them, stored in that shape (ordered by the day they happened, then by
/// when they were recorded; voided ones marked), so that a read sends the stored JSON as it is. What depends on the
/// day or on the programs (stage, exam eligibility, next steps) is derived on read from the decision state.
/// </summary>
public sealed class StudentTimeline
{
    [Identity]
    public Guid StudentId { get; set; }

    /// <summary>The stream version; Marten sets it.</summary>
    public int Version { get; set; }

    public List<JsonObject> Milestones { get; set; } = [];

    /// <summary>Inserts after every milestone of the same day or earlier: events arrive in the order recorded.</summary>
    public StudentTimeline Add(JsonObject milestone)
    {
        var day = (string)milestone["occurredOn"]!;
        var at = Milestones.FindLastIndex(m => string.CompareOrdinal((string)m["occurredOn"]!, day) <= 0);
        Milestones.Insert(at + 1, milestone);
        return this;
    }

    /// <summary>A void is shown on the milestone it voids, not as a milestone of its own.</summary>
    public StudentTimeline Void(MilestoneVoided voided)
    {
        var id = voided.VoidedMilestoneId.ToString();
        foreach (var m in Milestones.Where(m => (string?)m["id"] == id))
        {
            m["voided"] = true;
            m["voidReason"] = voided.Reason;
        }
        return this;
    }

    /// <summary>
    /// <c>{id, type, occurredOn, recordedAt, recordedBy, voided, ...fields}</c>: the header every milestone shares,
    /// then the fields of its kind.
    /// </summary>
    public static JsonObject ToJson(Milestone m, DateTimeOffset recordedAt)
    {
        var fields = JsonSerializer.SerializeToNode(m, Json.Http)!.AsObject();
        var json = new JsonObject
        {
            // Text, as read back from the store, so that a timeline compares ids alike before and after a save.
            ["id"] = m.MilestoneId.ToString(),
            ["type"] = fields["type"]?.DeepClone(),
            ["occurredOn"] = m.OccurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            // Text in one fixed form (microseconds, as the store keeps event times), so that a rebuilt timeline is
            // byte for byte the live one (a serializer trims trailing zeros of the fraction, another does not).
            ["recordedAt"] = recordedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture),
            ["recordedBy"] = m.RecordedBy,
            ["voided"] = false,
        };
        foreach (var (name, value) in fields)
        {
            if (name is "type" or "milestoneId" or "studentId" or "recordedBy" or "occurredOn") continue;
            json[name] = value?.DeepClone();
        }
        return json;
    }
}

/// <summary>Folds a student's stream into <see cref="StudentTimeline"/>; registered inline.</summary>
public sealed partial class StudentTimelineProjection : SingleStreamProjection<StudentTimeline, Guid>
{
    public override StudentTimeline? Evolve(StudentTimeline? snapshot, Guid id, IEvent e) => e.Data switch
    {
        StudentRegistered registered => new StudentTimeline { StudentId = id, Milestones = [StudentTimeline.ToJson(registered, e.Timestamp)] },
        MilestoneVoided voided when snapshot is not null => snapshot.Void(voided),
        Privacy.StudentIdentityCorrected corrected when snapshot is not null => Privacy.IdentityCorrections.Apply(snapshot, corrected, e.Timestamp),
        Privacy.StudentErased when snapshot is not null => Privacy.IdentityCorrections.Erase(snapshot),
        Milestone milestone when snapshot is not null => snapshot.Add(StudentTimeline.ToJson(milestone, e.Timestamp)),
        _ => snapshot,
    };
}
