using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students.Privacy;

/// <summary>POST /api/students/{id}/consents: the student consents to share named parts of the record; answers the link.</summary>
public sealed record GiveConsent(string? Recipient, string? Purpose, IReadOnlyList<string>? Parts, DateOnly? ExpiresOn)
{
    /// <summary>A consent is for a stated time: at most two years ahead.</summary>
    public const int MaxDays = 731;

    public static readonly AbstractValidator<GiveConsent> Rules = new Validator();

    private sealed class Validator : AbstractValidator<GiveConsent>
    {
        public Validator()
        {
            RuleFor(x => x.Recipient).RequiredText(200);
            RuleFor(x => x.Purpose).RequiredText(500);
            RuleFor(x => x.Parts).NotEmpty()
                .Must(p => p!.All(Consent.AllParts.Contains) && p!.Distinct().Count() == p!.Count)
                .When(x => x.Parts is not null)
                .WithMessage($"'parts' names each of {string.Join(", ", Consent.AllParts)} at most once.");
            RuleFor(x => x.Parts).NotNull();
            RuleFor(x => x.ExpiresOn).NotNull().WithMessage("'expiresOn' is required (yyyy-MM-dd).")
                .Must((_, date, ctx) => date is null || (date >= Today(ctx) && date <= Today(ctx).AddDays(MaxDays)))
                .WithMessage($"'expiresOn' must be from today to {MaxDays} days ahead.");
        }

        private static DateOnly Today(ValidationContext<GiveConsent> ctx) => (DateOnly)ctx.RootContextData["today"];
    }
}

/// <summary>The answer: the link, once. A repeat under the same Idempotency-Key gets the consent's id without it.</summary>
public sealed record ConsentCreated(Guid Id, string? ShareUrl);

public static class GiveConsentEndpoint
{
    public static ProblemDetails Validate(GiveConsent command, TimeProvider clock) =>
        Validation.Check(GiveConsent.Rules, command, clock);

    [Authorize(Policy = PrivacyAccess.StudentPolicy)]
    [WolverinePost("/api/students/{id}/consents", Name = "GiveConsent")]
    [Tags("Privacy")]
    [ProducesResponseType<ConsentCreated>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(Guid id, GiveConsent command, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        if (PrivacyAccess.RefuseUnlessOwn(http, id) is { } refused) return refused;
        var student = await session.LoadAsync<Student>(id, http.RequestAborted);
        if (student is null) return Problems.NotFound("student", id);
        if (student.Erased) return Problems.Gone(id);

        var token = ShareTokens.New();
        var consent = new Consent
        {
            Id = Guid.CreateVersion7(),
            StudentId = id,
            Recipient = command.Recipient!.Trim(),
            Purpose = command.Purpose!.Trim(),
            Parts = [.. Consent.AllParts.Where(command.Parts!.Contains)],
            ExpiresOn = command.ExpiresOn!.Value,
            SignedBy = Caller.From(http.User).Subject,
            SignedAt = clock.GetUtcNow(),
            TokenHash = ShareTokens.Hash(token),
        };
        session.Store(consent);
        // The link is shown once and never stored: a repeat under the same Idempotency-Key gets the id only.
        return new Answer(StatusCodes.Status201Created, $"/api/students/{id}/consents",
            new ConsentCreated(consent.Id, $"{http.Request.Scheme}://{http.Request.Host}/shared/{token}"))
        {
            KeptBody = new ConsentCreated(consent.Id, null),
        };
    }
}
