using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students;

/// <summary>A graduate's first-destination status when it is not a job (NACE), e.g. continuing education.</summary>
public sealed record ReportOutcome(OutcomeStatus? Status, DateOnly? ReportedOn)
{
    public static readonly AbstractValidator<ReportOutcome> Rules = new Validator();

    private sealed class Validator : AbstractValidator<ReportOutcome>
    {
        public Validator()
        {
            RuleFor(x => x.Status).NotNull();
            RuleFor(x => x.ReportedOn).RequiredDate();
        }
    }

    public Decision Decide(Student student, Caller by)
    {
        var degree = student.Degrees.OrderBy(d => d.ConferredOn).FirstOrDefault();
        if (degree is null) return new Rejection("not-graduated", "Outcomes are reported for graduates; the student has no degree.");
        if (ReportedOn < degree.ConferredOn)
            return new Rejection("before-degree", $"An outcome cannot precede the degree (conferred {degree.ConferredOn:yyyy-MM-dd}).");

        return new GraduateOutcomeReported(Guid.CreateVersion7(), student.Id, Status!.Value, ReportedOn!.Value, by.Subject);
    }
}

public static class ReportOutcomeEndpoint
{
    public static ProblemDetails Validate(ReportOutcome command, TimeProvider clock) =>
        Validation.Check(ReportOutcome.Rules, command, clock);

    /// <summary>Access without a lock, then the student's locked record.</summary>
    public static Task<(IResult, StudentWrite?)> LoadAsync(Guid id, IDocumentSession session, HttpContext http) =>
        StudentWrites.LoadAsync(session, http, id, MilestoneKind.Outcome);

    [Authorize(Policy = Policies.Staff)]
    [WolverinePost("/api/students/{id}/outcomes", Name = "ReportOutcome")]
    [Tags("Milestones")]
    [ProducesResponseType<MilestoneWritten>(StatusCodes.Status201Created)]
    public static IResult Post(ReportOutcome command, StudentWrite write) => write.Record(command.Decide(write.Student, write.By));
}
