using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students.Privacy;

/// <summary>
/// POST /api/students/{id}/amendment-requests/{requestId}/decision: an admin grants or denies (34 CFR 99.21). A grant
/// records the correction (an identity field) or the void (a milestone) on the student's stream, linked to the request,
/// in the same transaction; a denial keeps the note as its reason and tells the student of the right to a hearing.
/// </summary>
public sealed record DecideAmendment(string? Decision, string? Note)
{
    public static readonly AbstractValidator<DecideAmendment> Rules = new Validator();

    private sealed class Validator : AbstractValidator<DecideAmendment>
    {
        public Validator()
        {
            RuleFor(x => x.Decision).Must(d => d is "granted" or "denied").WithMessage("'decision' must be granted or denied.");
            RuleFor(x => x.Note).RequiredText(1000);
        }
    }

    /// <summary>What a grant appends: the correction or void the request asks for, as those commands decide it.</summary>
    public Decision Grant(AmendmentRequest request, Student student, Caller by, DateOnly today)
    {
        var reason = $"Amendment request {request.Id} granted: {Note!.Trim()}";
        if (request.MilestoneId is { } milestoneId) return new VoidMilestone(reason).Decide(student, milestoneId, by, today);

        var correction = request.Field switch
        {
            "name" => new CorrectIdentity(request.Requested, null, null, reason),
            "email" => new CorrectIdentity(null, request.Requested, null, reason),
            _ => new CorrectIdentity(null, null, request.Requested, reason),
        };
        var errors = Validation.Errors(CorrectIdentity.Rules, correction, today);
        if (errors.Count > 0)
            return new Rejection("amendment-not-applicable", $"The requested value cannot be recorded: {string.Join(" ", errors.Values.SelectMany(v => v))}");
        return correction.Decide(student, by, today, request.Id);
    }
}

public static class DecideAmendmentEndpoint
{
    public static ProblemDetails Validate(DecideAmendment command, TimeProvider clock) =>
        Validation.Check(DecideAmendment.Rules, command, clock);

    [Authorize(Policy = Policies.Admin)]
    [WolverinePost("/api/students/{id}/amendment-requests/{requestId}/decision", Name = "DecideAmendment")]
    [Tags("Privacy")]
    [ProducesResponseType<AmendmentRequestView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(
        Guid id, Guid requestId, DecideAmendment command, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        var request = await session.LoadAsync<AmendmentRequest>(requestId, ct);
        if (request is null || request.StudentId != id) return Problems.NotFound("amendment request", requestId);
        if (request.State != AmendmentState.Pending) return Problems.Rule("already-decided", "This request was already decided.");

        var caller = Caller.From(http.User);
        var now = clock.GetUtcNow();
        var decided = request with { DecidedAt = now, DecidedBy = caller.Subject, Note = command.Note!.Trim() };
        if (command.Decision == "denied")
        {
            decided = decided with { State = AmendmentState.Denied };
        }
        else
        {
            // The stream is locked while the grant is decided on it: a concurrent write cannot slip in between.
            var stream = await session.Events.FetchForExclusiveWriting<Student>(id, ct);
            if (stream.Aggregate is null) return Problems.NotFound("student", id);
            if (stream.Aggregate.Erased) return Problems.Gone(id);
            var decision = command.Grant(request, stream.Aggregate, caller, clock.Today());
            if (decision.Rejection is { UnknownThing: { } thing } unknown) return Problems.NotFound(thing, unknown.Reason);
            if (decision.Rejection is { } rejection) return Problems.Rule(rejection.Rule, rejection.Reason);
            stream.AppendMany(decision.Milestones);
            decided = decided with { State = AmendmentState.Granted, GrantedMilestoneId = decision.Milestones[0].MilestoneId };
        }
        session.Store(decided);
        return new Answer(StatusCodes.Status200OK,
            $"/api/students/{id}/amendment-requests", AmendmentRequestView.Of(decided));
    }
}
