using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Colleges;

/// <summary>Ends a program's open accreditation period on a day: CAHIIM withdrew it or the program went inactive.</summary>
public sealed record EndAccreditation(string? Body, DateOnly? EndedOn, AccreditationEndReason? Reason)
{
    public static readonly AbstractValidator<EndAccreditation> Rules = new Validator();

    private sealed class Validator : AbstractValidator<EndAccreditation>
    {
        public Validator()
        {
            RuleFor(x => x.Body).RequiredText(40);
            RuleFor(x => x.EndedOn).NotNull();
            RuleFor(x => x.Reason).NotNull();
        }
    }

    /// <summary>
    /// The program with its open period of <see cref="Body"/> ended on <see cref="EndedOn"/>, or why not: there must
    /// be exactly one open period of that body, begun on or before the day (the day is its last accredited one).
    /// </summary>
    public (AcademicProgram? Program, Rejection? Rejection) Decide(AcademicProgram program, DateTimeOffset recordedAt)
    {
        var body = Body!.Trim();
        var open = program.Accreditations
            .Where(a => a.To is null && string.Equals(a.Body, body, StringComparison.OrdinalIgnoreCase)).ToList();
        if (open.Count == 0)
            return (null, new("no-open-accreditation", $"The program has no open {body} accreditation period to end."));
        var period = open[0];
        if (EndedOn!.Value < period.From)
            return (null, new("before-accreditation", $"The open {body} period began on {period.From:yyyy-MM-dd}; it cannot end before that."));

        var ended = period with { To = EndedOn, EndReason = Reason, EndRecordedAt = recordedAt };
        return (program with { Accreditations = [.. program.Accreditations.Select(a => ReferenceEquals(a, period) ? ended : a)] }, null);
    }
}

public static class EndAccreditationEndpoint
{
    public static ProblemDetails Validate(EndAccreditation command, TimeProvider clock) =>
        Validation.Check(EndAccreditation.Rules, command, clock);

    /// <summary>
    /// Records the end of the open period; the period's history stays, so eligibility and reports for earlier days and
    /// <c>asOf</c> earlier instants still see it open. Optimistic concurrency on programs keeps two admins from
    /// overwriting each other.
    /// </summary>
    [Authorize(Policy = Policies.Admin)]
    [WolverinePost("/api/programs/{programId}/accreditations/end", Name = "EndAccreditation")]
    [Tags("Reference data")]
    [ProducesResponseType<AcademicProgram>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(
        Guid programId, EndAccreditation command, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        var program = await session.LoadAsync<AcademicProgram>(programId, http.RequestAborted);
        if (program is null) return Problems.NotFound("program", programId);

        var (ended, rejection) = command.Decide(program, clock.GetUtcNow());
        if (rejection is not null) return Problems.Rule(rejection.Rule, rejection.Reason);

        session.Update(ended!);
        return new Answer(StatusCodes.Status200OK, $"/api/colleges/{program.CollegeId}/programs", ended!);
    }
}
