using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Advisors.FollowUps;

public sealed record RecordContact(ContactMethod? Method, DateOnly? On, string? Note)
{
    public static readonly AbstractValidator<RecordContact> Rules = new Validator();

    private sealed class Validator : AbstractValidator<RecordContact>
    {
        public Validator()
        {
            RuleFor(x => x.Method).NotNull().WithMessage("'method' is required: email, phone, meeting or text.");
            RuleFor(x => x.On).RequiredDate();
            RuleFor(x => x.Note).MaximumLength(2000);
        }
    }
}

public sealed record ContactRecorded(Guid Id, Guid FollowUpId, FollowUpState State);

public static class RecordContactEndpoint
{
    public static ProblemDetails Validate(RecordContact command, TimeProvider clock) => Validation.Check(RecordContact.Rules, command, clock);

    /// <summary>A contact with the student about the follow-up; the first one moves it from open to contacted.</summary>
    [Authorize(Policy = FollowUpAccess.AdvisorOnly)]
    [WolverinePost("/api/advisors/{advisorId}/follow-ups/{followUpId}/contacts", Name = "RecordFollowUpContact")]
    [Tags("Follow-up")]
    [ProducesResponseType<ContactRecorded>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        Guid advisorId, Guid followUpId, RecordContact command, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        var (followUp, denied) = await FollowUpAccess.OpenAsync(session, http, advisorId, followUpId);
        if (denied is not null) return denied;
        if (Decide(followUp!, command) is { } rejected) return rejected;

        var contact = new FollowUpContact(Guid.CreateVersion7(), command.Method!.Value, command.On!.Value, Note(command.Note),
            Caller.From(http.User).Subject, clock.GetUtcNow());
        var updated = followUp! with
        {
            Contacts = [.. followUp.Contacts, contact],
            State = followUp.State == FollowUpState.Open ? FollowUpState.Contacted : followUp.State,
        };
        session.Update(updated);
        return new Answer(StatusCodes.Status201Created,
            $"/api/advisors/{advisorId}/follow-ups?state=open", new ContactRecorded(contact.Id, followUpId, updated.State));
    }

    /// <summary>A resolved follow-up takes no more contacts; a contact cannot precede the alert it answers.</summary>
    public static IResult? Decide(FollowUp followUp, RecordContact command) =>
        followUp.State == FollowUpState.Resolved
            ? Problems.Rule("follow-up-resolved", "This follow-up is resolved; it takes no more contacts.")
            : command.On < followUp.RaisedOn
                ? Problems.Validation("on", $"'on' cannot precede the day the alert was raised ({followUp.RaisedOn:yyyy-MM-dd}).")
                : null;

    internal static string? Note(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}
