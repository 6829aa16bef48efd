using Marten;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students.AccessLog;

public static class GetAccessLogEndpoint
{
    /// <summary>
    /// Who read this student's record, newest first. Reading it is itself logged. Optional paging: <c>limit</c> (1 to
    /// 1,000) answers at most that many entries, with a <c>Link: rel="next"</c> header while older ones remain.
    /// </summary>
    [WolverineGet("/api/students/{id}/access-log", Name = "GetAccessLog")]
    [Tags("Students")]
    [ProducesResponseType<IReadOnlyList<AccessLogEntry>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(
        Guid id, string? limit, string? before, IQuerySession session, AccessLog accessLog, HttpContext http, TimeProvider clock)
    {
        // Only students and admins ever read access logs: any other role is refused whichever the student (no oracle).
        if (!StudentAccess.MayReadAccessLogs(Caller.From(http.User)))
            return Problems.Forbidden("access logs");
        if (!AccessLogPaging.TryParseLimit(limit, out var pageSize))
            return Problems.Validation("limit", $"limit must be a whole number from 1 to {AccessLogPaging.MaxLimit}.");
        if (!AccessLogCursor.TryParse(before, out var cursor))
            return Problems.Validation("before", "before must be the value from a previous page's Link header.");

        // An erased student's log stays readable: it holds ids only (the record of disclosures outlives the record).
        var read = await StudentReads.OpenAsync(session, accessLog, http, clock, id, StudentAccess.CanReadAccessLog, erasedIsGone: false);
        if (read.Denied is not null) return read.Denied;
        // Committed before the page is read: the page shows this read too.
        await read.Logged;

        // One entry more than the page shows tells whether an older page exists.
        var entries = await Privacy.Disclosures.NameAsync(session, read.Student!.Id,
            await accessLog.ReadAsync(read.Student!.Id, http.RequestAborted, pageSize + 1, cursor), http.RequestAborted);
        if (pageSize is not { } size || entries.Count <= size) return Results.Ok(entries);

        var page = entries.Take(size).ToList();
        var next = new AccessLogCursor(page[^1].At, page[^1].Id);
        http.Response.Headers.Link =
            $"</api/students/{read.Student.Id}/access-log?limit={size}&before={Uri.EscapeDataString(next.ToString())}>; rel=\"next\"";
        return Results.Ok(page);
    }
}
