using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Colleges;

public sealed record RegisterCollege(string? Name)
{
    public static readonly AbstractValidator<RegisterCollege> Rules = new Validator();

    private sealed class Validator : AbstractValidator<RegisterCollege>
    {
        public Validator() => RuleFor(x => x.Name).RequiredText(200);
    }
}

public static class RegisterCollegeEndpoint
{
    public static ProblemDetails Validate(RegisterCollege command, TimeProvider clock) =>
        Validation.Check(RegisterCollege.Rules, command, clock);

    [Authorize(Policy = Policies.Admin)]
    [WolverinePost("/api/colleges", Name = "RegisterCollege")]
    [Tags("Reference data")]
    [ProducesResponseType<Created>(StatusCodes.Status201Created)]
    public static IResult Post(RegisterCollege command, IDocumentSession session, HttpContext http)
    {
        var college = new College(Guid.CreateVersion7(), command.Name!.Trim());
        session.Insert(college);
        return new Answer(StatusCodes.Status201Created, $"/api/colleges/{college.Id}", new Created(college.Id));
    }
}
