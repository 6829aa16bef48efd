using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students.Privacy;

/// <summary>
/// POST /api/students/{id}/amendment-requests: the student asks for a record they believe inaccurate to be amended
/// (34 CFR 99.20): a milestone (<c>milestoneId</c>, optionally naming its field) or an identity field
/// (<c>field</c>: name, email, studentNumber), what it should say, and why.
/// </summary>
public sealed record RequestAmendment(Guid? MilestoneId, string? Field, string? Requested, string? Reason)
{
    public static readonly AbstractValidator<RequestAmendment> Rules = new Validator();

    private sealed class Validator : AbstractValidator<RequestAmendment>
    {
        public Validator()
        {
            RuleFor(x => x.Requested).RequiredText(1000);
            RuleFor(x => x.Reason).RequiredText(1000);
            RuleFor(x => x.Field).MaximumLength(100);
            RuleFor(x => x.Field).Must(f => AmendmentRequest.IdentityFields.Contains(f))
                .When(x => x.MilestoneId is null)
                .WithMessage("Name a milestone (milestoneId) or one of the fields name, email, studentNumber.");
            RuleFor(x => x.MilestoneId).NotEqual(Guid.Empty);
        }
    }
}

public static class RequestAmendmentEndpoint
{
    public static ProblemDetails Validate(RequestAmendment command, TimeProvider clock) =>
        Validation.Check(RequestAmendment.Rules, command, clock);

    [Authorize(Policy = PrivacyAccess.StudentPolicy)]
    [WolverinePost("/api/students/{id}/amendment-requests", Name = "RequestAmendment")]
    [Tags("Privacy")]
    [ProducesResponseType<Created>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(Guid id, RequestAmendment command, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        if (PrivacyAccess.RefuseUnlessOwn(http, id) is { } refused) return refused;
        var student = await session.LoadAsync<Student>(id, http.RequestAborted);
        if (student is null) return Problems.NotFound("student", id);
        if (student.Erased) return Problems.Gone(id);
        if (command.MilestoneId is { } milestoneId && !student.Knows(milestoneId)) return Problems.NotFound("milestone", milestoneId);

        var request = new AmendmentRequest
        {
            Id = Guid.CreateVersion7(),
            StudentId = id,
            MilestoneId = command.MilestoneId,
            Field = command.Field?.Trim() is { Length: > 0 } f ? f : null,
            Requested = command.Requested!.Trim(),
            Reason = command.Reason!.Trim(),
            State = AmendmentState.Pending,
            RequestedAt = clock.GetUtcNow(),
        };
        session.Store(request);
        return new Answer(StatusCodes.Status201Created,
            $"/api/students/{id}/amendment-requests", new Created(request.Id));
    }
}
