using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students;

public sealed record RegisterStudent(string? Name, string? Email, Guid? AdvisorId, string? StudentNumber)
{
    public static readonly AbstractValidator<RegisterStudent> Rules = new Validator();

    private sealed class Validator : AbstractValidator<RegisterStudent>
    {
        public Validator()
        {
            RuleFor(x => x.Name).RequiredText(200);
            RuleFor(x => x.Email).RequiredEmail();
            RuleFor(x => x.AdvisorId).NotNull().NotEqual(Guid.Empty);
            RuleFor(x => x.StudentNumber).MaximumLength(40).Matches("^[A-Za-z0-9._-]+$")
                .When(x => x.StudentNumber is not null)
                .WithMessage("'{PropertyName}' may hold letters, digits, '.', '_' and '-' only.");
        }
    }

    /// <summary>Registration starts the student's stream: the student is at the Exploring stage.</summary>
    public StudentRegistered Decide(Guid studentId, Caller by, DateOnly today) => new(
        Guid.CreateVersion7(), studentId, Name!.Trim(), Email!.Trim(), StudentNumber?.Trim(), AdvisorId!.Value, today,
        by.Subject);
}

public static class RegisterStudentEndpoint
{
    public static ProblemDetails Validate(RegisterStudent command, TimeProvider clock) =>
        Validation.Check(RegisterStudent.Rules, command, clock);

    [Authorize(Policy = Policies.Staff)]
    [WolverinePost("/api/students", Name = "RegisterStudent")]
    [Tags("Students")]
    [ProducesResponseType<Created>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        RegisterStudent command, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        var caller = Caller.From(http.User);
        if (!StudentAccess.CanRegister(caller, command.AdvisorId!.Value))
        {
            // Another advisor's caseload is not the caller's to see: as if that advisor were unknown. Colleges never register here.
            if (caller.Role != Roles.Advisor) return Problems.Forbidden("registering students");
            http.MarkRefused("advisor-not-visible");
            return Problems.NotFound("advisor", command.AdvisorId.Value);
        }
        if (await session.LoadAsync<Advisor>(command.AdvisorId!.Value, http.RequestAborted) is null)
            return Problems.NotFound("advisor", command.AdvisorId.Value);

        var registered = command.Decide(Guid.CreateVersion7(), caller, clock.Today());
        session.Events.StartStream<Student>(registered.StudentId, registered);
        return Answer.Created($"/api/students/{registered.StudentId}/timeline", new Created(registered.StudentId), version: 1);
    }
}
