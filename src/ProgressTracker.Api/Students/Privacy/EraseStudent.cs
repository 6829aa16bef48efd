using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students.Privacy;

/// <summary>
/// POST /api/students/{id}/erasure (admin): erases the student (<see cref="StudentErasure"/>). The reason is required,
/// so that an erasure is deliberate, but kept nowhere: free text about a person could name them.
/// </summary>
public sealed record EraseStudent(string? Reason)
{
    public static readonly AbstractValidator<EraseStudent> Rules = new Validator();

    private sealed class Validator : AbstractValidator<EraseStudent>
    {
        public Validator() => RuleFor(x => x.Reason).RequiredText(500);
    }
}

public static class EraseStudentEndpoint
{
    public static ProblemDetails Validate(EraseStudent command, TimeProvider clock) =>
        Validation.Check(EraseStudent.Rules, command, clock);

    /// <summary>202 once the record answers 410; the report read models follow with the "Reports" projection.</summary>
    [Authorize(Policy = Policies.Admin)]
    [WolverinePost("/api/students/{id}/erasure", Name = "EraseStudent")]
    [Tags("Privacy")]
    [ProducesResponseType(StatusCodes.Status202Accepted)]
    public static async Task<IResult> Post(Guid id, EraseStudent command, StudentErasure erasure, HttpContext http)
    {
        if (id == Guid.Empty) return Problems.NotFound("student", id);
        if (!await erasure.EraseAsync(id, Caller.From(http.User).Subject, http.RequestAborted)) return Problems.NotFound("student", id);
        return Results.Accepted($"/api/students/{id}/timeline");
    }
}
