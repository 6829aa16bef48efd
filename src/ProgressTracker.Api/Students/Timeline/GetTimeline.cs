using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students.Timeline;

/// <summary>GET /api/students/{id}/timeline: the student's record as a person reads it.</summary>
public sealed record TimelineView(
    Guid StudentId,
    string Name,
    Stage Stage,
    long Version,
    IReadOnlyList<JsonObject> Milestones,
    ExamEligibility ExamEligibility,
    IReadOnlyList<string> NextSteps)
{
    /// <summary>The student's statements of disagreement, shown with the record wherever it is shown (domain.md 7).</summary>
    public IReadOnlyList<Privacy.DisagreementStatement> Statements { get; init; } = [];
}

public static class GetTimelineEndpoint
{
    [WolverineGet("/api/students/{id}/timeline", Name = "GetTimeline")]
    [Tags("Students")]
    [ProducesResponseType<TimelineView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(
        Guid id, string? asOf, IQuerySession session, AccessLog.AccessLog accessLog, HttpContext http, TimeProvider clock,
        PathwayOptions pathway, AccessOptions access)
    {
        if (!AsOf.TryParse(asOf, out var instant))
            return Problems.Validation("asOf", "asOf must be a date (yyyy-MM-dd) or an ISO 8601 timestamp with offset.");

        var ct = http.RequestAborted;
        // Access is decided on the record as it stands now; the read is logged before anything is answered.
        var read = await StudentReads.OpenAsync(session, accessLog, http, clock, id,
            (caller, record) => StudentAccess.CanRead(caller, record, access, clock.Today()));
        if (read.Denied is not null) return read.Denied;

        // A past record is replayed from the events recorded by then, and its programs are read for it.
        var student = instant is { } at ? await session.Events.AggregateStreamAsync<Student>(id, timestamp: at, token: ct) : read.Student;
        if (student is null) return Problems.NotFound("student", id);
        var programs = await Programs.OfAsync(session, student, ct);
        if (instant is { } recorded)    // their accreditation as recorded then, too
            programs = programs.ToDictionary(p => p.Key, p => p.Value.AsRecordedAt(recorded));

        var today = instant is { } day ? DateOnly.FromDateTime(day.UtcDateTime) : clock.Today();
        StudentStreams.SetETag(http, student.Version);
        var caller = Caller.From(http.User);
        return Results.Ok(Build(student, programs, today, pathway.RhitRetakeWaitDays, caller.Role == Roles.College ? caller.CollegeId : null)
            with { Statements = await Privacy.DisagreementStatement.OfAsync(session, id, ct) });
    }

    /// <summary>
    /// The timeline; for a college (<paramref name="collegeView"/>) only the milestones it may see
    /// (<see cref="CollegeView.Of"/>), while stage, eligibility and next steps stay summaries of the whole record.
    /// </summary>
    public static TimelineView Build(
        Student student, IReadOnlyDictionary<Guid, AcademicProgram> programs, DateOnly today, int retakeWaitDays,
        Guid? collegeView = null)
    {
        // A college's summaries are judged on every program, but name only its own (the others' names would tell where
        // else the student studied).
        if (collegeView is { } own)
            programs = programs.ToDictionary(p => p.Key, p => p.Value.CollegeId == own ? p.Value : p.Value with { Name = CollegeView.OtherProgram });
        var stage = Pathway.StageOf(student);
        var eligibility = RhitEligibility.Evaluate(student, programs, today);
        var shown = collegeView is { } college ? CollegeView.Of(student, college) : student;
        return new TimelineView(student.Id, student.Name, stage, student.Version, Milestones(shown), eligibility,
            NextSteps.For(student, stage, eligibility, programs, today, retakeWaitDays));
    }

    private static List<JsonObject> Milestones(Student student) =>
        [.. student.Milestones.OrderBy(m => m.Milestone.OccurredOn).ThenBy(m => m.RecordedAt).Select(ToJson)];

    /// <summary>
    /// <c>{id, type, occurredOn, recordedAt, recordedBy, voided, voidReason?, ...fields}</c>: the header every
    /// milestone shares, then the fields of its kind.
    /// </summary>
    private static JsonObject ToJson(RecordedMilestone recorded)
    {
        var m = recorded.Milestone;
        var fields = JsonSerializer.SerializeToNode(m, Json.Http)!.AsObject();
        var json = new JsonObject
        {
            ["id"] = m.MilestoneId,
            ["type"] = fields["type"]?.DeepClone(),
            ["occurredOn"] = m.OccurredOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["recordedAt"] = recorded.RecordedAt,
            ["recordedBy"] = m.RecordedBy,
            ["voided"] = recorded.Voided,
        };
        if (recorded.VoidReason is not null) json["voidReason"] = recorded.VoidReason;
        foreach (var (name, value) in fields)
        {
            if (name is "type" or "milestoneId" or "studentId" or "recordedBy" or "occurredOn") continue;
            json[name] = value?.DeepClone();
        }
        return json;
    }
}

/// <summary>
/// <c>asOf</c> on timelines and reports: a timestamp, or a date meaning the end of that day in UTC (domain.md 5).
/// </summary>
public static class AsOf
{
    public static bool TryParse(string? raw, out DateTimeOffset? instant)
    {
        instant = null;
        if (string.IsNullOrWhiteSpace(raw)) return true;
        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            instant = new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1);
            return true;
        }
        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            instant = at;
            return true;
        }
        return false;
    }
}
