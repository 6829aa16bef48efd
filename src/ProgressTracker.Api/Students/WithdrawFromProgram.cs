using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students;

public sealed record WithdrawFromProgram(Guid? ProgramId, DateOnly? WithdrawnOn, WithdrawalReason? Reason)
{
    public static readonly AbstractValidator<WithdrawFromProgram> Rules = new Validator();

    private sealed class Validator : AbstractValidator<WithdrawFromProgram>
    {
        public Validator()
        {
            RuleFor(x => x.ProgramId).NotNull().NotEqual(Guid.Empty);
            RuleFor(x => x.WithdrawnOn).RequiredDate();
            RuleFor(x => x.Reason).NotNull();
        }
    }

    public Decision Decide(Student student, Caller by)
    {
        var enrollment = Pathway.ActiveEnrollment(student, ProgramId!.Value);
        if (enrollment is null) return Rejections.NotEnrolled("record a withdrawal");
        if (WithdrawnOn < enrollment.StartedOn) return Rejections.BeforeEnrollment("A withdrawal", enrollment);

        return new ProgramWithdrawn(Guid.CreateVersion7(), student.Id, ProgramId.Value, WithdrawnOn!.Value, Reason!.Value, by.Subject);
    }
}

public static class WithdrawFromProgramEndpoint
{
    public static ProblemDetails Validate(WithdrawFromProgram command, TimeProvider clock) =>
        Validation.Check(WithdrawFromProgram.Rules, command, clock);

    /// <summary>Access without a lock, the program (404), then the student's locked record.</summary>
    public static Task<(IResult, StudentWrite?)> LoadAsync(Guid id, WithdrawFromProgram command, IDocumentSession session, HttpContext http) =>
        StudentWrites.LoadForProgramAsync(session, http, id, command.ProgramId!.Value, MilestoneKind.Withdrawal);

    [Authorize(Policy = Policies.Staff)]
    [WolverinePost("/api/students/{id}/withdrawals", Name = "WithdrawFromProgram")]
    [Tags("Milestones")]
    [ProducesResponseType<MilestoneWritten>(StatusCodes.Status201Created)]
    public static IResult Post(WithdrawFromProgram command, StudentWrite write) => write.Record(command.Decide(write.Student, write.By));
}
