using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students.Privacy;

/// <summary>
/// POST /api/students/{id}/amendment-requests/{requestId}/statement: after a denial, the student's statement of
/// disagreement (34 CFR 99.21(b)(2)), shown with the record everywhere it is shown from then on. One per request.
/// </summary>
public sealed record PlaceStatement(string? Text)
{
    public static readonly AbstractValidator<PlaceStatement> Rules = new Validator();

    private sealed class Validator : AbstractValidator<PlaceStatement>
    {
        public Validator() => RuleFor(x => x.Text).RequiredText(2000);
    }
}

public static class PlaceStatementEndpoint
{
    public static ProblemDetails Validate(PlaceStatement command, TimeProvider clock) =>
        Validation.Check(PlaceStatement.Rules, command, clock);

    [Authorize(Policy = PrivacyAccess.StudentPolicy)]
    [WolverinePost("/api/students/{id}/amendment-requests/{requestId}/statement", Name = "PlaceStatement")]
    [Tags("Privacy")]
    [ProducesResponseType<AmendmentRequestView>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        Guid id, Guid requestId, PlaceStatement command, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        if (PrivacyAccess.RefuseUnlessOwn(http, id) is { } refused) return refused;
        var request = await session.LoadAsync<AmendmentRequest>(requestId, http.RequestAborted);
        if (request is null || request.StudentId != id) return Problems.NotFound("amendment request", requestId);
        if (request.State != AmendmentState.Denied)
            return Problems.Rule("not-denied", "A statement of disagreement follows a denied request.");
        if (request.Statement is not null) return Problems.Rule("statement-exists", "This request already has your statement.");

        var placed = request with { Statement = command.Text!.Trim(), StatementAt = clock.GetUtcNow() };
        session.Store(placed);
        return new Answer(StatusCodes.Status201Created,
            $"/api/students/{id}/amendment-requests", AmendmentRequestView.Of(placed));
    }
}
