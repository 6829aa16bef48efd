using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Colleges;

public static class ListCollegesEndpoint
{
    /// <summary>
    /// Every college, by name (beyond api.md, Accounts/README.md): the admin page's list and pickers, and the
    /// catalogs an advisor picks a program from. Names of colleges are no student data; staff may list them.
    /// </summary>
    [Authorize(Policy = Policies.Staff)]
    [WolverineGet("/api/colleges", Name = "ListColleges")]
    [Tags("Reference data")]
    [ProducesResponseType<IReadOnlyList<College>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<College>> Get(IQuerySession session, HttpContext http) =>
        await session.Query<College>().OrderBy(c => c.Name).ToListAsync(http.RequestAborted);
}
