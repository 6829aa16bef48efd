using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students.Timeline;
using Wolverine.Http;

namespace ProgressTracker.Reports.Outcomes;

public static class GetOutcomesReportEndpoint
{
    [Authorize(Policy = Policies.OwnCollege)]
    [WolverineGet("/api/colleges/{collegeId}/outcomes", Name = "GetOutcomesReport")]
    [Tags("Reports")]
    [ProducesResponseType<OutcomesReport>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(
        Guid collegeId, string? academicYear, string? asOf, IQuerySession session, ReportsVersions reports, HttpContext http, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        var year = AcademicYear.Parse(academicYear);
        if (year is null) errors["academicYear"] = ["academicYear is required, as the APAR year: e.g. 2025-26 (1 Aug 2025 - 31 Jul 2026)."];
        if (!AsOf.TryParse(asOf, out var instant)) errors["asOf"] = [AsOf.Message];
        if (errors.Count > 0) return Problems.Validation(errors);

        var ct = http.RequestAborted;
        if (!await ReportQueries.CollegeExists(session, collegeId, ct)) return Problems.NotFound("college", collegeId);

        // asOf: the students and the programs' accreditation as recorded then, so a filed APAR figure is reproduced.
        var students = await Rosters.CollegeAsync(reports.Reads(session, http), collegeId, ct, instant);
        var programs = await session.Query<AcademicProgram>().Where(p => p.CollegeId == collegeId).ToListAsync(ct);
        var known = instant is { } at ? programs.Select(p => p.AsRecordedAt(at)) : programs;
        var on = instant is { } day ? DateOnly.FromDateTime(day.UtcDateTime) : clock.Today();
        return Results.Ok(OutcomeFigures.Report(students, known, collegeId, year!, on, instant));
    }
}
