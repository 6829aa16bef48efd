using System.Net.Http.Headers;
using JasperFx;
using Marten;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;

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
        IDocumentSession session, HttpContext http, Guid studentId, Write write, Func<Student, ValueTask<Decision>> decide)
    {
        if (!TryReadIfMatch(http.Request, out var expectedVersion))
        {
            return Problems.Validation("If-Match", "If-Match must be a version the server sent as an ETag, e.g. \"7\".");
        }

        // Marten refuses the empty GUID as a stream id (an exception, so a 500); no student has it.
        if (studentId == Guid.Empty) return Problems.NotFound("student", studentId);

        var ct = http.RequestAborted;
        try
        {
            // Without If-Match the stream row is locked, so concurrent writers queue and none is lost;
            // with it, the client asked to fail rather than write over a version it has not seen.
            var stream = expectedVersion is { } version
                ? await session.Events.FetchForWriting<Student>(studentId, version, cancellation: ct)
                : await session.Events.FetchForExclusiveWriting<Student>(studentId, ct);
            if (stream.Aggregate is null) return Problems.NotFound("student", studentId);
            if (!StudentAccess.CanRecord(Caller.From(http.User), stream.Aggregate, write.Kind, write.ProgramCollegeId))
                return Problems.Forbidden("recording this milestone for this student");

            var decision = await decide(stream.Aggregate);
            if (decision.Rejection is { UnknownThing: { } thing } unknown) return Problems.NotFound(thing, unknown.Reason);
            if (decision.Rejection is { } rejection) return Problems.Rule(rejection.Rule, rejection.Reason);

            stream.AppendMany(decision.Milestones);
            var newVersion = (stream.StartingVersion ?? 0) + decision.Milestones.Count;
            return await Idempotency.SaveCreatedAsync(session, http, $"/api/students/{studentId}/timeline", newVersion,
                new MilestoneWritten(decision.Milestones[0].MilestoneId, newVersion));
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

    /// <summary>
    /// For milestones about a program (enrollment, course, withdrawal, degree): the program must exist (404), and
    /// its college is what the access rule checks for college staff.
    /// </summary>
    public static async Task<IResult> AppendForProgram(
        IDocumentSession session, HttpContext http, Guid studentId, Guid programId, MilestoneKind kind,
        Func<Student, AcademicProgram, Decision> decide)
    {
        var program = await session.LoadAsync<AcademicProgram>(programId, http.RequestAborted);
        if (program is null) return Problems.NotFound("program", programId);
        return await Append(session, http, studentId, new Write(kind, program.CollegeId), student => decide(student, program));
    }

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
