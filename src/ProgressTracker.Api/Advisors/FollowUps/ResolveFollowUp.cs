using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Advisors.FollowUps;

public sealed record ResolveFollowUp(FollowUpOutcome? Outcome, string? Note)
{
    public static readonly AbstractValidator<ResolveFollowUp> Rules = new Validator();

    private sealed class Validator : AbstractValidator<ResolveFollowUp>
    {
        public Validator()
        {
            RuleFor(x => x.Outcome).NotNull().WithMessage("'outcome' is required: done, referred or not-needed.");
            RuleFor(x => x.Note).MaximumLength(2000);
        }
    }
}

public static class ResolveFollowUpEndpoint
{
    public static ProblemDetails Validate(ResolveFollowUp command, TimeProvider clock) => Validation.Check(ResolveFollowUp.Rules, command, clock);

    [Authorize(Policy = FollowUpAccess.AdvisorOnly)]
    [WolverinePost("/api/advisors/{advisorId}/follow-ups/{followUpId}/resolve", Name = "ResolveFollowUp")]
    [Tags("Follow-up")]
    [ProducesResponseType<FollowUpView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(
        Guid advisorId, Guid followUpId, ResolveFollowUp command, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        var (followUp, denied) = await FollowUpAccess.OpenAsync(session, http, advisorId, followUpId);
        if (denied is not null) return denied;
        if (followUp!.State == FollowUpState.Resolved)
            return Problems.Rule("follow-up-resolved", "This follow-up is already resolved.");

        var resolved = followUp with
        {
            State = FollowUpState.Resolved,
            Resolution = new FollowUpResolution(command.Outcome!.Value, RecordContactEndpoint.Note(command.Note),
                Caller.From(http.User).Subject, clock.GetUtcNow()),
        };
        session.Update(resolved);
        return new Answer(StatusCodes.Status200OK,
            $"/api/advisors/{advisorId}/follow-ups", FollowUpView.Of(resolved));
    }
}
