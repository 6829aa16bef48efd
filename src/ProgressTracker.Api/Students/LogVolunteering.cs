using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students;

public sealed record LogVolunteering(
    string? Organization, CareSetting? Setting, decimal? Hours, DateOnly? StartedOn, DateOnly? EndedOn)
{
    public static readonly AbstractValidator<LogVolunteering> Rules = new Validator();

    private sealed class Validator : AbstractValidator<LogVolunteering>
    {
        public Validator()
        {
            RuleFor(x => x.Organization).RequiredText(200);
            RuleFor(x => x.Setting).NotNull();
            RuleFor(x => x.StartedOn).RequiredDate();
            RuleFor(x => x.EndedOn).RequiredDate()
                .GreaterThanOrEqualTo(x => x.StartedOn).When(x => x.StartedOn is not null)
                .WithMessage("'{PropertyName}' cannot precede the start date.");
            // Hours must be positive and at most 24 for each day of the period (domain.md rule 7).
            RuleFor(x => x.Hours).NotNull().GreaterThan(0)
                .LessThanOrEqualTo(x => 24m * x.Days).When(x => x.Days > 0)
                .WithMessage(x => $"'Hours' can be at most 24 per day of the period ({24m * x.Days} for {x.Days} days).");
        }
    }

    private int Days => StartedOn is { } s && EndedOn is { } e && e >= s ? e.DayNumber - s.DayNumber + 1 : 0;

    public Decision Decide(Student student, Caller by) => new VolunteeringLogged(
        Guid.CreateVersion7(), student.Id, Organization!.Trim(), Setting!.Value, Hours!.Value, StartedOn!.Value,
        EndedOn!.Value, by.Subject);
}

public static class LogVolunteeringEndpoint
{
    public static ProblemDetails Validate(LogVolunteering command, TimeProvider clock) =>
        Validation.Check(LogVolunteering.Rules, command, clock);

    /// <summary>Access without a lock, then the student's locked record.</summary>
    public static Task<(IResult, StudentWrite?)> LoadAsync(Guid id, IDocumentSession session, HttpContext http) =>
        StudentWrites.LoadAsync(session, http, id, MilestoneKind.Volunteering);

    [Authorize(Policy = Policies.Staff)]
    [WolverinePost("/api/students/{id}/volunteering", Name = "LogVolunteering")]
    [Tags("Milestones")]
    [ProducesResponseType<MilestoneWritten>(StatusCodes.Status201Created)]
    public static IResult Post(LogVolunteering command, StudentWrite write) => write.Record(command.Decide(write.Student, write.By));
}
