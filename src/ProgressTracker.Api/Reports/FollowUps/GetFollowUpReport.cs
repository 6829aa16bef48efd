using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Advisors.FollowUps;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Reports.FollowUps;

public static class GetFollowUpReportEndpoint
{
    /// <summary>
    /// The follow-ups of the alerts raised (between <c>from</c> and <c>to</c>, inclusive, when given) for students who
    /// ever enrolled at the college, grouped by each student's current advisor. Counts only: not a read of any record.
    /// </summary>
    [Authorize(Policy = Policies.OwnCollege)]
    [WolverineGet("/api/colleges/{collegeId}/follow-up-report", Name = "GetFollowUpReport")]
    [Tags("Reports")]
    [ProducesResponseType<FollowUpReport>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid collegeId, string? from, string? to, IQuerySession session, HttpContext http)
    {
        var ct = http.RequestAborted;
        if (!TryDate(from, out var fromDay)) return Problems.Validation("from", "from must be a date (yyyy-MM-dd).");
        if (!TryDate(to, out var toDay)) return Problems.Validation("to", "to must be a date (yyyy-MM-dd).");
        if (fromDay > toDay) return Problems.Validation("to", "to cannot precede from.");
        if (await session.LoadAsync<College>(collegeId, ct) is null) return Problems.NotFound("college", collegeId);

        var students = await Rosters.CollegeAsync(session, collegeId, ct);
        var advisorOf = students.ToDictionary(s => s.Id, s => s.AdvisorId);
        var ids = advisorOf.Keys.ToArray();
        var followUps = ids.Length == 0 ? [] : await session.Query<FollowUp>().Where(f => f.StudentId.IsOneOf(ids)).ToListAsync(ct);
        var inRange = followUps.Where(f => (fromDay is null || f.RaisedOn >= fromDay) && (toDay is null || f.RaisedOn <= toDay)).ToList();

        var byAdvisor = inRange.GroupBy(f => advisorOf[f.StudentId]).ToList();
        var advisors = (await session.LoadManyAsync<Advisor>(ct, byAdvisor.Select(g => g.Key))).ToDictionary(a => a.Id);
        var rows = byAdvisor
            .Select(g => FollowUpFigures.For(g.Key, advisors.GetValueOrDefault(g.Key)?.Name ?? "", g.ToList()))
            .OrderBy(r => r.AdvisorName, StringComparer.Ordinal).ToList();
        return Results.Ok(new FollowUpReport(collegeId, fromDay, toDay, rows));
    }

    private static bool TryDate(string? raw, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(raw)) return true;
        if (!DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        day = parsed;
        return true;
    }
}
