using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students;

public sealed record RecordJobPlacement(
    string? Employer, CareSetting? Setting, Specialty? Specialty, bool? FullTime, bool? InField, DateOnly? StartedOn)
{
    public static readonly AbstractValidator<RecordJobPlacement> Rules = new Validator();

    private sealed class Validator : AbstractValidator<RecordJobPlacement>
    {
        public Validator()
        {
            RuleFor(x => x.Employer).RequiredText(200);
            RuleFor(x => x.Setting).NotNull();
            RuleFor(x => x.Specialty).NotNull();
            RuleFor(x => x.FullTime).NotNull();
            RuleFor(x => x.InField).NotNull();
            RuleFor(x => x.StartedOn).RequiredDate();
        }
    }

    public Decision Decide(Student student, Caller by) => new JobPlaced(
        Guid.CreateVersion7(), student.Id, Employer!.Trim(), Setting!.Value, Specialty!.Value, FullTime!.Value, InField!.Value,
        StartedOn!.Value, by.Subject);
}

public static class RecordJobPlacementEndpoint
{
    public static ProblemDetails Validate(RecordJobPlacement command, TimeProvider clock) =>
        Validation.Check(RecordJobPlacement.Rules, command, clock);

    /// <summary>Access without a lock, then the student's locked record.</summary>
    public static Task<(IResult, StudentWrite?)> LoadAsync(Guid id, IDocumentSession session, HttpContext http) =>
        StudentWrites.LoadAsync(session, http, id, MilestoneKind.JobPlacement);

    [Authorize(Policy = Policies.Staff)]
    [WolverinePost("/api/students/{id}/job-placements", Name = "RecordJobPlacement")]
    [Tags("Milestones")]
    [ProducesResponseType<MilestoneWritten>(StatusCodes.Status201Created)]
    public static IResult Post(RecordJobPlacement command, StudentWrite write) => write.Record(command.Decide(write.Student, write.By));
}
