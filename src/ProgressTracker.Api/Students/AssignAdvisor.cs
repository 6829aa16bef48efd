using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students;

public sealed record AssignAdvisor(Guid? AdvisorId)
{
    public static readonly AbstractValidator<AssignAdvisor> Rules = new Validator();

    private sealed class Validator : AbstractValidator<AssignAdvisor>
    {
        public Validator() => RuleFor(x => x.AdvisorId).NotNull().NotEqual(Guid.Empty);
    }

    public Decision Decide(Student student, Caller by, DateOnly today) =>
        student.AdvisorId == AdvisorId
            ? new Rejection("advisor-unchanged", "The student is already on that advisor's caseload.")
            : new AdvisorAssigned(Guid.CreateVersion7(), student.Id, AdvisorId!.Value, today, by.Subject);
}

public static class AssignAdvisorEndpoint
{
    public static ProblemDetails Validate(AssignAdvisor command, TimeProvider clock) =>
        Validation.Check(AssignAdvisor.Rules, command, clock);

    /// <summary>
    /// The student first: for a student the caller may not see, an unknown advisor must not answer differently.
    /// Then the advisor (404), then the student's locked record.
    /// </summary>
    public static async Task<(IResult, StudentWrite?)> LoadAsync(Guid id, AssignAdvisor command, IDocumentSession session, HttpContext http)
    {
        if (await StudentWrites.CheckAccessAsync(session, http, id, MilestoneKind.AdvisorAssignment) is { } denied) return (denied, null);
        if (await session.LoadAsync<Advisor>(command.AdvisorId!.Value, http.RequestAborted) is null)
            return (Problems.NotFound("advisor", command.AdvisorId.Value), null);
        return await StudentWrites.FetchAsync(session, http, id, new Write(MilestoneKind.AdvisorAssignment));
    }

    [Authorize(Policy = Policies.Staff)]
    [WolverinePut("/api/students/{id}/advisor", Name = "AssignAdvisor")]
    [Tags("Milestones")]
    [ProducesResponseType<MilestoneWritten>(StatusCodes.Status201Created)]
    public static IResult Put(AssignAdvisor command, StudentWrite write, TimeProvider clock) =>
        write.Record(command.Decide(write.Student, write.By, clock.Today()));
}
