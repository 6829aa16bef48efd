using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Reports.Outcomes;

public static class GetOutcomesReportEndpoint
{
    [Authorize(Policy = Policies.OwnCollege)]
    [WolverineGet("/api/colleges/{collegeId}/outcomes", Name = "GetOutcomesReport")]
    [Tags("Reports")]
    [ProducesResponseType<OutcomesReport>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(
        Guid collegeId, string? academicYear, IQuerySession session, ReportsVersions reports, HttpContext http, TimeProvider clock)
    {
        if (AcademicYear.Parse(academicYear) is not { } year)
            return Problems.Validation("academicYear", "academicYear is required, as the APAR year: e.g. 2025-26 (1 Aug 2025 - 31 Jul 2026).");

        var ct = http.RequestAborted;
        if (!await ReportQueries.CollegeExists(session, collegeId, ct)) return Problems.NotFound("college", collegeId);

        var students = await Rosters.CollegeAsync(reports.Reads(session, http), collegeId, ct);
        var programs = await session.Query<AcademicProgram>().Where(p => p.CollegeId == collegeId).ToListAsync(ct);
        return Results.Ok(OutcomeFigures.Report(students, programs, collegeId, year, clock.Today()));
    }
}
