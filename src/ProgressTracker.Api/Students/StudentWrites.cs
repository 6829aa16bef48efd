using System.Net.Http.Headers;
using Marten;
using JasperFx.Events;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Infrastructure.Telemetry;
using Wolverine.Http;

namespace ProgressTracker.Students;

/// <summary>
/// The one way milestones reach a student's stream, as Wolverine runs it: the endpoint's <c>Validate</c> (400), its
/// <c>LoadAsync</c> (access without a lock, then what the command names, then <see cref="FetchAsync"/>: the locked
/// record, If-Match, access again, erasure), a pure <c>Decide</c> and <see cref="StudentWrite.Record"/>. Wolverine
/// commits the session once, with the answer kept for an Idempotency-Key (<see cref="KeptAnswers"/>).
/// </summary>
public static class StudentWrites
{
    /// <summary>Access, then the locked record: for milestones about nothing but the student.</summary>
    public static async Task<(IResult, StudentWrite?)> LoadAsync(
        IDocumentSession session, HttpContext http, Guid studentId, MilestoneKind kind) =>
        await CheckAccessAsync(session, http, studentId, kind) is { } denied
            ? (denied, null)
            : await FetchAsync(session, http, studentId, new Write(kind));

    /// <summary>
    /// For milestones about a program (enrollment, course, withdrawal, degree): once the caller may see the student,
    /// the program must exist (404), and its college is what the access rule checks for college staff.
    /// </summary>
    public static async Task<(IResult, StudentWrite?)> LoadForProgramAsync(
        IDocumentSession session, HttpContext http, Guid studentId, Guid programId, MilestoneKind kind)
    {
        if (await CheckAccessAsync(session, http, studentId, kind) is { } denied) return (denied, null);
        var program = await session.LoadAsync<AcademicProgram>(programId, http.RequestAborted);
        if (program is null) return (Problems.NotFound("program", programId), null);
        var (result, write) = await FetchAsync(session, http, studentId, new Write(kind, program.CollegeId));
        return (result, write is null ? null : write with { Program = program });
    }

    /// <summary>
    /// Access before any work: 403 when the caller's role never records this kind of milestone, 404 (as for an unknown
    /// student) when the caller may not see the student, decided on the record as last committed, without a lock, so a
    /// refused caller neither waits for nor holds the stream's row lock. Null when the caller may go on.
    /// </summary>
    public static async Task<IResult?> CheckAccessAsync(IDocumentSession session, HttpContext http, Guid studentId, MilestoneKind kind)
    {
        var caller = Caller.From(http.User);
        if (!StudentAccess.MayEverRecord(caller, kind)) return Problems.Forbidden("recording this kind of milestone");

        // Marten refuses the empty GUID as a stream id (an exception, so a 500); no student has it.
        if (studentId == Guid.Empty) return Problems.NotFound("student", studentId);
        // Admins see every record: an unknown one is found out on the fetch, with no extra read here.
        if (caller.IsAdmin) return null;
        var student = await session.LoadAsync<Student>(studentId, http.RequestAborted);
        if (student is null) return Problems.NotFound("student", studentId);
        var (access, today) = AccessNow(http);
        return StudentAccess.CanRead(caller, student, access, today) ? null : StudentReads.Refused(http, studentId);
    }

    /// <summary>
    /// Fetches the stream with its row locked, so concurrent writers queue and none is lost, and checks the write on
    /// that record. With If-Match the client asked to fail rather than write over a version it has not seen: the
    /// version is compared under the lock, so nothing can be appended between the check and the commit (412 here,
    /// never a concurrency failure at the commit). Callers have passed <see cref="CheckAccessAsync"/>.
    /// </summary>
    public static async Task<(IResult, StudentWrite?)> FetchAsync(IDocumentSession session, HttpContext http, Guid studentId, Write write)
    {
        if (!TryReadIfMatch(http.Request, out var expectedVersion))
        {
            return (Problems.Validation("If-Match", "If-Match must be a version the server sent as an ETag, e.g. \"7\"."), null);
        }

        var stream = await session.Events.FetchForExclusiveWriting<Student>(studentId, http.RequestAborted);
        if (stream.Aggregate is null) return (Problems.NotFound("student", studentId), null);
        // Checked again on the locked record: it may have changed since (a reassignment, a withdrawal).
        var caller = Caller.From(http.User);
        var (access, today) = AccessNow(http);
        if (!StudentAccess.CanRecord(caller, stream.Aggregate, write.Kind, write.ProgramCollegeId, access, today))
        {
            return (StudentAccess.CanRead(caller, stream.Aggregate, access, today)
                ? Problems.Forbidden("recording this milestone for this student")
                : StudentReads.Refused(http, studentId), null);
        }
        if (stream.Aggregate.Erased) return (Problems.Gone(studentId), null);
        var version = stream.StartingVersion ?? 0;
        if (expectedVersion is { } expected && expected != version)
        {
            // Not kept under an Idempotency-Key: the client reads the new version and retries with the same key.
            Idempotency.Momentary(http);
            return (Problems.StaleVersion(expected, version), null);
        }

        return (WolverineContinue.Result(), new StudentWrite(stream, caller, write.Kind));
    }

    /// <summary>The access settings and today's date, for the rules that depend on them (a college's access ends).</summary>
    private static (AccessOptions Access, DateOnly Today) AccessNow(HttpContext http) =>
        (http.RequestServices.GetRequiredService<AccessOptions>(), http.RequestServices.GetRequiredService<TimeProvider>().Today());

    public static void SetETag(HttpContext http, long version) => http.Response.Headers.ETag = VersionTag.Of(version);

    /// <summary>Accepts <c>"7"</c> and <c>W/"7"</c>; no header means "no precondition".</summary>
    private static bool TryReadIfMatch(HttpRequest request, out long? version)
    {
        version = null;
        var raw = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(raw) || raw.Trim() == "*") return true;
        if (!EntityTagHeaderValue.TryParse(raw.Trim(), out var tag)) return false;
        if (!long.TryParse(tag.Tag.Trim('"'), out var parsed) || parsed < 1) return false;
        version = parsed;
        return true;
    }
}

/// <summary>
/// A student's stream, locked for this request and checked for the caller: what a milestone endpoint decides on.
/// <see cref="Program"/> is the program a program milestone names.
/// </summary>
public sealed record StudentWrite(IEventStream<Student> Stream, Caller By, MilestoneKind Kind, AcademicProgram? Program = null)
{
    public Student Student => Stream.Aggregate!;

    /// <summary>
    /// Appends what the decision returns and answers 201 with the new version, or answers the rule it breaks
    /// (409, or 404 for something the command names that does not exist) and appends nothing.
    /// </summary>
    public IResult Record(Decision decision)
    {
        if (decision.Rejection is { UnknownThing: { } thing } unknown) return Problems.NotFound(thing, unknown.Reason);
        if (decision.Rejection is { } rejection) return Problems.Rule(rejection.Rule, rejection.Reason);

        Stream.AppendMany(decision.Milestones);
        var version = (Stream.StartingVersion ?? 0) + decision.Milestones.Count;
        ServiceMetrics.MilestonesWritten(Kind, decision.Milestones.Count);
        return Answer.Created($"/api/students/{Stream.Id}/timeline", new MilestoneWritten(decision.Milestones[0].MilestoneId, version), version);
    }
}

/// <summary>What is being written, for <see cref="StudentAccess.CanRecord"/>.</summary>
public sealed record Write(MilestoneKind Kind, Guid? ProgramCollegeId = null);

/// <summary>The answer to every milestone write (api.md).</summary>
public sealed record MilestoneWritten(Guid MilestoneId, long Version);
