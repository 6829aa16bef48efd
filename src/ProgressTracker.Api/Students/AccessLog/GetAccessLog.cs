using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ProgressTracker.Students.AccessLog;

public static class GetAccessLogEndpoint
{
    /// <summary>Who read this student's record, newest first. Reading it is itself logged.</summary>
    [WolverineGet("/api/students/{id}/access-log", Name = "GetAccessLog")]
    [Tags("Students")]
    [ProducesResponseType<IReadOnlyList<AccessLogEntry>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        var (student, denied) = await StudentReads.OpenAsync(session, http, clock, id, StudentAccess.CanReadAccessLog);
        if (denied is not null) return denied;

        var entries = await session.Query<AccessLogEntry>()
            .Where(e => e.StudentId == student!.Id)
            .OrderByDescending(e => e.At)
            .ToListAsync(http.RequestAborted);
        return Results.Ok(entries);
    }
}
