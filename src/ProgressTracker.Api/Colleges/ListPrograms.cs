using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Colleges;

public static class ListProgramsEndpoint
{
    [Authorize(Policy = Policies.CollegeCatalog)]
    [WolverineGet("/api/colleges/{collegeId}/programs", Name = "ListPrograms")]
    [Tags("Reference data")]
    [ProducesResponseType<IReadOnlyList<AcademicProgram>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid collegeId, IQuerySession session, HttpContext http)
    {
        if (await session.LoadAsync<College>(collegeId, http.RequestAborted) is null)
            return Problems.NotFound("college", collegeId);

        var programs = await session.Query<AcademicProgram>()
            .Where(p => p.CollegeId == collegeId)
            .OrderBy(p => p.Name)
            .ToListAsync(http.RequestAborted);
        return Results.Ok(programs);
    }
}
