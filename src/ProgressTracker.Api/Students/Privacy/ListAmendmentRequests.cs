using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students.Privacy;

public static class ListAmendmentRequestsEndpoint
{
    /// <summary>GET /api/students/{id}/amendment-requests: the student's requests with their states, newest first.</summary>
    [Authorize(Policy = PrivacyAccess.StudentOrAdminPolicy)]
    [AdminMay]
    [WolverineGet("/api/students/{id}/amendment-requests", Name = "ListAmendmentRequests")]
    [Tags("Privacy")]
    [ProducesResponseType<IReadOnlyList<AmendmentRequestView>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http)
    {
        if (PrivacyAccess.RefuseUnlessOwn(http, id) is { } refused) return refused;
        var student = await session.LoadAsync<Student>(id, http.RequestAborted);
        if (student is null) return Problems.NotFound("student", id);
        if (student.Erased) return Problems.Gone(id);
        var requests = await session.Query<AmendmentRequest>().Where(r => r.StudentId == id).ToListAsync(http.RequestAborted);
        return Results.Ok(requests.OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id).Select(AmendmentRequestView.Of).ToList());
    }

    /// <summary>
    /// GET /api/amendment-requests?state=pending (admin; beyond api.md, for the admin page): requests of every student,
    /// oldest first, so the longest-waiting is decided first. Ids only: the admin opens the record to see whose it is.
    /// </summary>
    [Authorize(Policy = Policies.Admin)]
    [WolverineGet("/api/amendment-requests", Name = "ListAllAmendmentRequests")]
    [Tags("Privacy")]
    [ProducesResponseType<IReadOnlyList<AmendmentRequestView>>(StatusCodes.Status200OK)]
    public static async Task<IResult> GetAll(string? state, IQuerySession session, HttpContext http)
    {
        AmendmentState? wanted = state switch
        {
            null or "" => null,
            "pending" => AmendmentState.Pending,
            "granted" => AmendmentState.Granted,
            "denied" => AmendmentState.Denied,
            _ => (AmendmentState)(-1),
        };
        if (wanted is (AmendmentState)(-1)) return Problems.Validation("state", "state must be pending, granted or denied.");
        var query = session.Query<AmendmentRequest>().AsQueryable();
        if (wanted is { } s) query = query.Where(r => r.State == s);
        var requests = await query.OrderBy(r => r.RequestedAt).Take(500).ToListAsync(http.RequestAborted);
        return Results.Ok(requests.Select(AmendmentRequestView.Of).ToList());
    }
}
