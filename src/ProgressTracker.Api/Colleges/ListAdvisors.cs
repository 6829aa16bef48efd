using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Colleges;

public static class ListAdvisorsEndpoint
{
    /// <summary>Every advisor, by name: the admin page's list and pickers (beyond api.md, Accounts/README.md).</summary>
    [Authorize(Policy = Policies.Admin)]
    [WolverineGet("/api/advisors", Name = "ListAdvisors")]
    [Tags("Reference data")]
    [ProducesResponseType<IReadOnlyList<Advisor>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<Advisor>> Get(IQuerySession session, HttpContext http) =>
        await session.Query<Advisor>().OrderBy(a => a.Name).ToListAsync(http.RequestAborted);
}
