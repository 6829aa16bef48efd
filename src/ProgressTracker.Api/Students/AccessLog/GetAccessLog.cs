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
    public static async Task<IResult> Get(Guid id, IQuerySession session, AccessLog accessLog, HttpContext http, TimeProvider clock)
    {
        var read = await StudentReads.OpenAsync(session, accessLog, http, clock, id, StudentAccess.CanReadAccessLog);
        if (read.Denied is not null) return read.Denied;

        return Results.Ok(await accessLog.ReadAsync(read.Student!.Id, http.RequestAborted));
    }
}
