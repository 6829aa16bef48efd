using System.Net.Http.Headers;
using JasperFx;
using Marten;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Infrastructure.Telemetry;

namespace ProgressTracker.Students;

/// <summary>
/// The one way milestones reach a student's stream: fetch the record (locked, or at the version the client saw),
/// let a pure decision function answer, append what it returns, and tell the client the new version.
/// Endpoints stay thin; the rules stay pure.
/// </summary>
public static class StudentStreams
{
    public static Task<IResult> Append(
        IDocumentSession session, HttpContext http, Guid studentId, Write write, Func<Student, Decision> decide) =>
        Append(session, http, studentId, write, student => ValueTask.FromResult(decide(student)));

    public static async Task<IResult> Append(
        IDocumentSession session, HttpContext http, Guid studentId, Write write, Func<Student, ValueTask<Decision>> decide) =>
        await CheckAccessAsync(session, http, studentId, write.Kind) ?? await AppendCheckedAsync(session, http, studentId, write, decide);

    /// <summary>
    /// For milestones about a program (enrollment, course, withdrawal, degree): once the caller may see the student,
    /// the program must exist (404), and its college is what the access rule checks for college staff.
    /// </summary>
    public static async Task<IResult> AppendForProgram(
        IDocumentSession session, HttpContext http, Guid studentId, Guid programId, MilestoneKind kind,
        Func<Student, AcademicProgram, Decision> decide)
    {
        if (await CheckAccessAsync(session, http, studentId, kind) is { } denied) return denied;
        var program = await session.LoadAsync<AcademicProgram>(programId, http.RequestAborted);
        if (program is null) return Problems.NotFound("program", programId);
        return await AppendCheckedAsync(session, http, studentId, new Write(kind, program.CollegeId),
            student => ValueTask.FromResult(decide(student, program)));
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
    /// Fetches the stream (locked, or at the version the client saw), checks the write on that record, decides and
    /// appends. Callers have passed <see cref="CheckAccessAsync"/>.
    /// </summary>
    public static async Task<IResult> AppendCheckedAsync(
        IDocumentSession session, HttpContext http, Guid studentId, Write write, Func<Student, ValueTask<Decision>> decide)
    {
        if (!TryReadIfMatch(http.Request, out var expectedVersion))
        {
            return Problems.Validation("If-Match", "If-Match must be a version the server sent as an ETag, e.g. \"7\".");
        }

        var ct = http.RequestAborted;
        try
        {
            // Without If-Match the stream row is locked, so concurrent writers queue and none is lost;
            // with it, the client asked to fail rather than write over a version it has not seen.
            var stream = expectedVersion is { } version
                ? await session.Events.FetchForWriting<Student>(studentId, version, cancellation: ct)
                : await session.Events.FetchForExclusiveWriting<Student>(studentId, ct);
            if (stream.Aggregate is null) return Problems.NotFound("student", studentId);
            // Checked again on the locked record: it may have changed since (a reassignment, a withdrawal).
            var caller = Caller.From(http.User);
            var (access, today) = AccessNow(http);
            if (!StudentAccess.CanRecord(caller, stream.Aggregate, write.Kind, write.ProgramCollegeId, access, today))
            {
                return StudentAccess.CanRead(caller, stream.Aggregate, access, today)
                    ? Problems.Forbidden("recording this milestone for this student")
                    : StudentReads.Refused(http, studentId);
            }
            if (stream.Aggregate.Erased) return Problems.Gone(studentId);

            var decision = await decide(stream.Aggregate);
            if (decision.Rejection is { UnknownThing: { } thing } unknown) return Problems.NotFound(thing, unknown.Reason);
            if (decision.Rejection is { } rejection) return Problems.Rule(rejection.Rule, rejection.Reason);

            stream.AppendMany(decision.Milestones);
            var newVersion = (stream.StartingVersion ?? 0) + decision.Milestones.Count;
            var answer = await Idempotency.SaveCreatedAsync(session, http, $"/api/students/{studentId}/timeline", newVersion,
                new MilestoneWritten(decision.Milestones[0].MilestoneId, newVersion));
            ServiceMetrics.MilestonesWritten(write.Kind, decision.Milestones.Count);
            return answer;
        }
        catch (ConcurrencyException) when (expectedVersion is not null)
        {
            // Wolverine saves the session again after the endpoint: nothing of the refused write may be left in it.
            session.EjectAllPendingChanges();
            var actual = await session.Events.FetchStreamStateAsync(studentId, ct);
            if (actual is null) return Problems.NotFound("student", studentId);
            return Problems.StaleVersion(expectedVersion.Value, actual.Version);
        }
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

/// <summary>What is being written, for <see cref="StudentAccess.CanRecord"/>.</summary>
public sealed record Write(MilestoneKind Kind, Guid? ProgramCollegeId = null);

/// <summary>The answer to every milestone write (api.md).</summary>
public sealed record MilestoneWritten(Guid MilestoneId, long Version);
