using CsvHelper;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students;
using ProgressTracker.Students.Timeline;
using Wolverine.Http;

namespace ProgressTracker.Reports.Cohorts;

/// <summary>A measure as a CSV row: the figure and the formula beside it; columns named as in the JSON.</summary>
[CsvRecord]
public sealed partial record MeasureRow(
    [property: CsvColumn("name")] string Name,
    [property: CsvColumn("numerator")] int Numerator,
    [property: CsvColumn("denominator")] int Denominator,
    [property: CsvColumn("rate")] double? Rate,
    [property: CsvColumn("formula")] string Formula);

public static class GetCohortReportEndpoint
{
    [Authorize(Policy = Policies.OwnCollege)]
    [WolverineGet("/api/colleges/{collegeId}/cohorts/{cohort}/report", Name = "GetCohortReport")]
    [Tags("Reports")]
    [ProducesResponseType<CohortReport>(StatusCodes.Status200OK)]
    [Produces("application/json", "text/csv")]
    public static async Task<IResult> Get(
        Guid collegeId, string cohort, string? programId, string? asOf, IQuerySession session, ReportsVersions reports, HttpContext http)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ReportQueries.IsCohort(cohort)) errors["cohort"] = ["cohort must be an entry term: YYYY-SP, YYYY-SU or YYYY-FA."];
        if (!ReportQueries.TryParseGuid(programId, out var program)) errors["programId"] = ["programId must be a program id (GUID)."];
        if (!AsOf.TryParse(asOf, out var instant)) errors["asOf"] = ["asOf must be a date (yyyy-MM-dd) or an ISO 8601 timestamp with offset."];
        if (errors.Count > 0) return Problems.Validation(errors);

        var ct = http.RequestAborted;
        // The college and the cohort's compact rows in one round trip, by indexed key (ops/bench: the cohort report is
        // a p99 target). The current report is computed from the rows; a past one replays the students of every row
        // (voided enrollments too: they may have been active then) up to asOf.
        var key = CohortKey.Of(collegeId, cohort);
        var batch = reports.Reads(session, http).CreateBatchQuery();
        var collegeLoad = batch.Load<College>(collegeId);
        var rowsLoad = batch.Query<CohortRow>().Where(r => r.CohortKey == key).ToList();
        await batch.Execute(ct);
        if (await collegeLoad is null) return Problems.NotFound("college", collegeId);

        var rows = await rowsLoad;
        var members = instant is { } at
            ? CohortFigures.Members(await ReportQueries.AsOf(session, Rosters.StudentsOf(rows), at, ct), collegeId, cohort, program)
            : CohortRow.Members(rows, program);

        // The decision states (inline, always current) say whether the college records registrations for the term.
        var recorded = await RetentionTerms.RecordedAsync(
            session, collegeId, program, TermCalendar.OneYearAfter(cohort.ToUpperInvariant()), instant, ct);
        var report = CohortFigures.ReportOn(members, collegeId, cohort, program, instant, recorded);
        return ReportQueries.WantsCsv(http)
            ? CsvFiles.Csv(report.Measures.Select(m => new MeasureRow(m.Name, m.Numerator, m.Denominator, m.Rate, m.Formula)),
                $"cohort-{report.Cohort}.csv")
            : Results.Ok(report);
    }
}
