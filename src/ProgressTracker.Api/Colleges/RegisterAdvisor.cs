using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Colleges;

public sealed record RegisterAdvisor(string? Name, string? Email)
{
    public static readonly AbstractValidator<RegisterAdvisor> Rules = new Validator();

    private sealed class Validator : AbstractValidator<RegisterAdvisor>
    {
        public Validator()
        {
            RuleFor(x => x.Name).RequiredText(200);
            RuleFor(x => x.Email).RequiredEmail();
        }
    }
}


public static class RegisterAdvisorEndpoint
{
    public static ProblemDetails Validate(RegisterAdvisor command, TimeProvider clock) =>
        Validation.Check(RegisterAdvisor.Rules, command, clock);

    [Authorize(Policy = Policies.Admin)]
    [WolverinePost("/api/advisors", Name = "RegisterAdvisor")]
    [Tags("Reference data")]
    [ProducesResponseType<Created>(StatusCodes.Status201Created)]
    public static IResult Post(RegisterAdvisor command, IDocumentSession session, HttpContext http)
    {
        var advisor = new Advisor(Guid.CreateVersion7(), command.Name!.Trim(), command.Email!.Trim());
        // Wolverine's transactional middleware commits the session after this returns.
        session.Insert(advisor);
        return new Answer(StatusCodes.Status201Created, $"/api/advisors/{advisor.Id}", new Created(advisor.Id));
    }
}
