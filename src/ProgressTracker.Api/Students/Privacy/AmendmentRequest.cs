using System.Text.Json.Serialization;
using Marten;
using Marten.Services.BatchQuerying;

namespace ProgressTracker.Students.Privacy;

public enum AmendmentState { Pending, Granted, Denied }

/// <summary>
/// A student's request to amend their record (34 CFR 99.20-99.22, domain.md 7): what they believe inaccurate (a
/// milestone, or a field of their identity) and why; an admin's decision; after a denial, the student's statement of
/// disagreement, shown with the record from then on. A document, not an event: it is about the record, and an erasure
/// deletes it with the rest of the student's free text.
/// </summary>
public sealed record AmendmentRequest
{
    public Guid Id { get; init; }
    public Guid StudentId { get; init; }
    public Guid? MilestoneId { get; init; }

    /// <summary>For an identity field: <c>name</c>, <c>email</c> or <c>studentNumber</c>; else what the student names.</summary>
    public string? Field { get; init; }

    /// <summary>What the student asks for: for an identity field, the value it should hold.</summary>
    public string Requested { get; init; } = "";

    public string Reason { get; init; } = "";
    public AmendmentState State { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecidedBy { get; init; }

    /// <summary>The admin's note: on a denial, the reason for it.</summary>
    public string? Note { get; init; }

    /// <summary>The correction or void a grant recorded: the milestone id on the student's stream.</summary>
    public Guid? GrantedMilestoneId { get; init; }

    public string? Statement { get; init; }
    public DateTimeOffset? StatementAt { get; init; }

    public const string HearingNotice =
        "You have the right to a hearing to challenge this decision (34 CFR 99.21). Ask the registrar for one. You may also " +
        "place a statement of disagreement: it is shown with your record wherever the record is shown or exported.";

    /// <summary>Identity fields a grant corrects by itself; any other request names a milestone, which a grant voids.</summary>
    public static readonly string[] IdentityFields = ["name", "email", "studentNumber"];
}

/// <summary>An amendment request as the API answers it.</summary>
public sealed record AmendmentRequestView(
    Guid Id, Guid StudentId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? MilestoneId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field,
    string Requested, string Reason, string State, DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt, string? Note, Guid? GrantedMilestoneId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Hearing,
    string? Statement, DateTimeOffset? StatementAt)
{
    public static AmendmentRequestView Of(AmendmentRequest r) => new(
        r.Id, r.StudentId, r.MilestoneId, r.Field, r.Requested, r.Reason, r.State.ToString().ToLowerInvariant(), r.RequestedAt,
        r.DecidedAt, r.Note, r.GrantedMilestoneId, r.State == AmendmentState.Denied ? AmendmentRequest.HearingNotice : null,
        r.Statement, r.StatementAt);
}

/// <summary>A statement of disagreement as it is shown with the record (timeline, shared record).</summary>
public sealed record DisagreementStatement(
    Guid RequestId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? MilestoneId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field,
    string Text, DateTimeOffset PlacedAt)
{
    /// <summary>The student's statements, oldest first: shown with the record for as long as it exists.</summary>
    public static async Task<IReadOnlyList<DisagreementStatement>> OfAsync(IQuerySession session, Guid studentId, CancellationToken ct) =>
        Shown(await session.Query<AmendmentRequest>().Where(r => r.StudentId == studentId && r.Statement != null).ToListAsync(ct));

    /// <summary>The same, as one query of a batch; completes when the batch has run.</summary>
    public static async Task<IReadOnlyList<DisagreementStatement>> Of(IBatchedQuery batch, Guid studentId) =>
        Shown(await batch.Query<AmendmentRequest>().Where(r => r.StudentId == studentId && r.Statement != null).ToList());

    private static IReadOnlyList<DisagreementStatement> Shown(IEnumerable<AmendmentRequest> requests) =>
        [.. requests.OrderBy(r => r.StatementAt).Select(r => new DisagreementStatement(r.Id, r.MilestoneId, r.Field, r.Statement!, r.StatementAt!.Value))];

    /// <summary>For an export of many records: each student's statements, oldest first, in one text.</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> ByStudentAsync(IQuerySession session, IEnumerable<Guid> studentIds, CancellationToken ct)
    {
        Guid[] ids = [.. studentIds.Distinct()];
        if (ids.Length == 0) return new Dictionary<Guid, string>();
        var requests = await session.Query<AmendmentRequest>()
            .Where(r => r.StudentId.IsOneOf(ids) && r.Statement != null)
            .ToListAsync(ct);
        return requests.GroupBy(r => r.StudentId)
            .ToDictionary(g => g.Key, g => string.Join(" | ", g.OrderBy(r => r.StatementAt).Select(r => r.Statement)));
    }
}
