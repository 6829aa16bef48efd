using System.Text.Json.Serialization;

namespace ProgressTracker.Students.Privacy;

/// <summary>
/// A correction of the student's identity (domain.md 7): only the fields given change, and the current identity is the
/// latest one. The record keeps this milestone without its values (<see cref="Redacted"/>): the timeline says that a
/// correction happened and which fields, never the old or the new value.
/// </summary>
/// <remarks><see cref="AmendmentRequestId"/> links a correction granted on a student's amendment request.</remarks>
public sealed record StudentIdentityCorrected(
    Guid MilestoneId, Guid StudentId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StudentNumber,
    IReadOnlyList<string> Corrected,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    DateOnly CorrectedOn, string RecordedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? AmendmentRequestId = null)
    : Milestone(MilestoneId, StudentId, RecordedBy)
{
    public override DateOnly OccurredOn => CorrectedOn;

    /// <summary>What the record and its timeline keep: which fields changed, not to what, nor the reason given.</summary>
    public StudentIdentityCorrected Redacted() => this with { Name = null, Email = null, StudentNumber = null, Reason = null };
}

/// <summary>
/// The student was erased (domain.md 7): every identifying value of the stream's events was masked before this was
/// appended, and the decision state and the stored timeline fold into their erased forms
/// (<see cref="IdentityCorrections.Erase(Student)"/>). Reads answer 410.
/// Not a milestone: it is no part of the pathway and no timeline shows it.
/// </summary>
public sealed record StudentErased(Guid StudentId, DateOnly ErasedOn, string RecordedBy);
