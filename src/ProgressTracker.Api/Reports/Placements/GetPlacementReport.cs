using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students.Timeline;
using Wolverine.Http;

namespace ProgressTracker.Reports.Placements;

public static class GetPlacementReportEndpoint
{
    [Authorize(Policy = Policies.OwnCollege)]
    [WolverineGet("/api/colleges/{collegeId}/placements", Name = "GetPlacementReport")]
    [Tags("Reports")]
    [ProducesResponseType<PlacementReport>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(
        Guid collegeId, string? from, string? to, string? asOf, IQuerySession session, ReportsVersions reports, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ReportQueries.TryParseDate(from, out var start)) errors["from"] = ["from must be a date (yyyy-MM-dd)."];
        if (!ReportQueries.TryParseDate(to, out var end)) errors["to"] = ["to must be a date (yyyy-MM-dd)."];
        if (start is not null && end is not null && end < start) errors["to"] = ["to cannot precede from."];
        if (!AsOf.TryParse(asOf, out var instant)) errors["asOf"] = [AsOf.Message];
        if (errors.Count > 0) return Problems.Validation(errors);

        var ct = http.RequestAborted;
        if (!await ReportQueries.CollegeExists(session, collegeId, ct)) return Problems.NotFound("college", collegeId);

        return Results.Ok(PlacementFigures.Report(await Rosters.CollegeAsync(reports.Reads(session, http), collegeId, ct, instant), collegeId, start, end));
    }
}
