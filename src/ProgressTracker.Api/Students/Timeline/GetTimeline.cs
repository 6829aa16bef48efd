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
        // Access is decided on the record as it stands now; the read is logged (read.Logged) before anything is answered.
        var read = await StudentReads.OpenAsync(session, accessLog, http, clock, id,
            (caller, record) => StudentAccess.CanRead(caller, record, access, clock.Today()));
        if (read.Denied is not null) return read.Denied;

        var caller = Caller.From(http.User);
        Guid? collegeView = caller.Role == Roles.College ? caller.CollegeId : null;
        if (instant is null && collegeView is null)
        {
            // The common read: the stored timeline's JSON is sent as it is, with what depends on the day put before it.
            // Once access is decided, the rest in one round trip.
            var student = read.Student!;
            var batch = session.CreateBatchQuery();
            var programsRead = StudentPrograms.Of(batch, student);
            var storedRead = batch.AddItem(new StoredJson<StudentTimeline>(id));
            var statementsRead = Privacy.DisagreementStatement.Of(batch, id);
            await batch.Execute(ct);
            var (programs, stored, statements) = (await programsRead, await storedRead, await statementsRead);
            await read.Logged;
            if (stored is null) return Problems.NotFound("student", id);
            StudentWrites.SetETag(http, student.Version);
            var head = Head(student, programs, clock.Today(), pathway.RhitRetakeWaitDays, null) with { Statements = statements };
            return Results.Text(Splice(head, stored), "application/json; charset=utf-8");
        }

        // A past record is replayed from the events recorded by then; a college's view is filtered; both are rarer.
        var state = instant is { } at ? await session.Events.AggregateStreamAsync<Student>(id, timestamp: at, token: ct) : read.Student;
        var timeline = instant is { } when ? await session.Events.AggregateStreamAsync<StudentTimeline>(id, timestamp: when, token: ct)
            : await session.LoadAsync<StudentTimeline>(id, ct);
        if (state is null || timeline is null)
        {
            await read.Logged;
            return Problems.NotFound("student", id);
        }
        var pastPrograms = await StudentPrograms.OfAsync(session, state, ct);
        var shownStatements = await Privacy.DisagreementStatement.OfAsync(session, id, ct);
        await read.Logged;
        if (instant is { } recorded)    // their accreditation as recorded then, too
            pastPrograms = pastPrograms.ToDictionary(p => p.Key, p => p.Value.AsRecordedAt(recorded));
        var today = instant is { } day ? DateOnly.FromDateTime(day.UtcDateTime) : clock.Today();
        StudentWrites.SetETag(http, state.Version);
        return Results.Ok(Build(state, timeline, pastPrograms, today, pathway.RhitRetakeWaitDays, collegeView) with { Statements = shownStatements });
    }

    /// <summary>
    /// What a timeline shows beside its milestones: derived on read, as it depends on the day and the programs, and the
    /// student's statements of disagreement (documents of their own, not events).
    /// </summary>
    private sealed record TimelineHead(string Name, Stage Stage, ExamEligibility ExamEligibility, IReadOnlyList<string> NextSteps)
    {
        public IReadOnlyList<Privacy.DisagreementStatement> Statements { get; init; } = [];
    }

    /// <summary>
    /// The timeline; for a college (<paramref name="collegeView"/>) only the milestones it may see
    /// (<see cref="CollegeView.ScopeOf"/>), while stage, eligibility and next steps stay summaries of the whole record.
    /// </summary>
    public static TimelineView Build(
        Student student, StudentTimeline timeline, IReadOnlyDictionary<Guid, AcademicProgram> programs, DateOnly today,
        int retakeWaitDays, Guid? collegeView = null)
    {
        var head = Head(student, programs, today, retakeWaitDays, collegeView);
        var milestones = collegeView is { } college ? Shown(timeline.Milestones, CollegeView.ScopeOf(student, college)) : timeline.Milestones;
        return new TimelineView(student.Id, student.Name, head.Stage, student.Version, milestones, head.ExamEligibility, head.NextSteps);
    }

    private static TimelineHead Head(
        Student student, IReadOnlyDictionary<Guid, AcademicProgram> programs, DateOnly today, int retakeWaitDays, Guid? collegeView)
    {
        // A college's summaries are judged on every program, but name only its own (the others' names would tell where
        // else the student studied).
        if (collegeView is { } own)
            programs = programs.ToDictionary(p => p.Key, p => p.Value.CollegeId == own ? p.Value : p.Value with { Name = CollegeView.OtherProgram });
        var stage = Pathway.StageOf(student);
        var eligibility = RhitEligibility.Evaluate(student, programs, today);
        return new TimelineHead(student.Name, stage, eligibility, NextSteps.For(student, stage, eligibility, programs, today, retakeWaitDays));
    }

    /// <summary>The head's fields, then the stored document's (<c>version</c>, <c>milestones</c>), as one object.</summary>
    private static string Splice(TimelineHead head, string stored)
    {
        // The stored document is {"studentId": ..., "version": ..., "milestones": [...]}.
        var json = JsonSerializer.Serialize(head, Json.Http);
        return string.Concat(json.AsSpan(0, json.Length - 1), ",", stored.AsSpan(1));
    }

    /// <summary>The milestones a college sees (domain.md section 2): its programs' own, and what followed its enrollment.</summary>
    private static List<JsonObject> Shown(IEnumerable<JsonObject> milestones, CollegeView.Scope scope) =>
    [
        .. milestones.Where(m => (string?)m["type"] switch
        {
            "student-registered" => true,
            "enrolled-in-program" => Guid.TryParse((string?)m["collegeId"], out var college) && college == scope.CollegeId,
            "course-completed" or "program-withdrawn" or "degree-conferred" or "term-registered" =>
                Guid.TryParse((string?)m["programId"], out var program) && scope.ShowsProgram(program),
            "certification-exam-taken" or "job-placed" or "graduate-outcome-reported" =>
                DateOnly.TryParse((string?)m["occurredOn"], CultureInfo.InvariantCulture, out var on) && scope.ShowsDated(on),
            _ => false,
        }),
    ];
}

/// <summary>
/// <c>asOf</c> on timelines and reports: a timestamp, or a date meaning the end of that day in UTC (domain.md 5).
/// </summary>
public static class AsOf
{
    public const string Message = "asOf must be a date (yyyy-MM-dd) or an ISO 8601 timestamp with offset.";

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
