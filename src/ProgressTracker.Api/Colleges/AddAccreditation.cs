using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Colleges;

public static class AddAccreditationEndpoint
{
    public static ProblemDetails Validate(AccreditationPeriod command, TimeProvider clock) =>
        Validation.Check(AccreditationPeriod.Rules, command, clock);

    /// <summary>
    /// Adds a dated accreditation period. Periods are only ever added (an open one is ended, see EndAccreditation): eligibility of past students depends on
    /// what was true during their attendance. Programs use optimistic concurrency, so two admins adding at once
    /// cannot lose one of the periods (the loser gets a 409 and retries).
    /// </summary>
    [Authorize(Policy = Policies.Admin)]
    [WolverinePost("/api/programs/{programId}/accreditations", Name = "AddAccreditation")]
    [Tags("Reference data")]
    [ProducesResponseType(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        Guid programId, AccreditationPeriod command, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        var program = await session.LoadAsync<AcademicProgram>(programId, http.RequestAborted);
        if (program is null) return Problems.NotFound("program", programId);

        var accreditation = command.ToAccreditation(clock.GetUtcNow());
        session.Update(program with { Accreditations = [.. program.Accreditations, accreditation] });
        return new Answer(StatusCodes.Status201Created, $"/api/colleges/{program.CollegeId}/programs", accreditation);
    }
}
