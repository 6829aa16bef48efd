using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students.AccessLog;
using Wolverine.Http;

namespace ProgressTracker.Advisors.FollowUps;

public static class GetFollowUpsEndpoint
{
    /// <summary>
    /// The follow-ups of the students on the advisor's caseload now, oldest first (a follow-up moves with its student).
    /// <c>?state=open</c>: those not resolved yet (open or contacted); <c>contacted</c>, <c>resolved</c>: that state.
    /// They say who is struggling: a read of each named student's record, logged before it is answered.
    /// </summary>
    [Authorize(Policy = Policies.OwnAdvisor)]
    [WolverineGet("/api/advisors/{advisorId}/follow-ups", Name = "GetFollowUps")]
    [Tags("Follow-up")]
    [ProducesResponseType<IReadOnlyList<FollowUpView>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid advisorId, string? state, IQuerySession session, AccessLog accessLog, HttpContext http, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        if (!TryParseState(state, out var filter))
            return Problems.Validation("state", "state must be open (not resolved yet), contacted or resolved.");
        if (await session.LoadAsync<Advisor>(advisorId, ct) is null) return Problems.NotFound("advisor", advisorId);

        var caseload = await Caseloads.StudentsOfAsync(session, advisorId, ct);
        if (caseload.Length == 0) return Results.Ok(Array.Empty<FollowUpView>());
        var query = session.Query<FollowUp>().Where(f => f.StudentId.IsOneOf(caseload));
        query = filter switch
        {
            FollowUpState.Open => query.Where(f => f.State != FollowUpState.Resolved),
            { } only => query.Where(f => f.State == only),
            null => query,
        };
        var followUps = await query.OrderBy(f => f.RaisedOn).ThenBy(f => f.OpenedAt).Take(1000).ToListAsync(ct);
        await accessLog.RecordAsync(http, clock, followUps.Select(f => f.StudentId).Distinct());
        return Results.Ok(followUps.Select(FollowUpView.Of).ToList());
    }

    private static bool TryParseState(string? raw, out FollowUpState? state)
    {
        state = raw?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "open" => FollowUpState.Open,
            "contacted" => FollowUpState.Contacted,
            "resolved" => FollowUpState.Resolved,
            _ => (FollowUpState)(-1),
        };
        return state is null || Enum.IsDefined(state.Value);
    }
}
