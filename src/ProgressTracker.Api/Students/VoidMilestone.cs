using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students;

/// <summary>
/// Voids a mistaken milestone: nothing is edited or deleted, every projection treats it as absent from now on,
/// and the timeline shows it struck with the reason (like xAPI voiding statements).
/// </summary>
public sealed record VoidMilestone(string? Reason)
{
    public static readonly AbstractValidator<VoidMilestone> Rules = new Validator();

    private sealed class Validator : AbstractValidator<VoidMilestone>
    {
        public Validator() => RuleFor(x => x.Reason).RequiredText(500);
    }

    /// <summary>Rule 6, plus: identity milestones are corrected by new ones, and nothing may be left hanging.</summary>
    public Decision Decide(Student student, Guid milestoneId, Caller by, DateOnly today)
    {
        if (student.Voided.Contains(milestoneId)) return new Rejection("already-voided", "That milestone was already voided.");
        if (student.Paperwork.Contains(milestoneId))
            return new Rejection("not-voidable", "Registration, advisor assignment and identity corrections are not voided; assign another advisor or correct the identity again instead.");
        if (!student.Stands(milestoneId)) return Rejection.Unknown("milestone", milestoneId);
        if (Dependents(student, milestoneId) is { } dependent)
            return new Rejection("has-dependents", $"Void the {dependent} that depends on it first.");

        return new MilestoneVoided(Guid.CreateVersion7(), student.Id, milestoneId, Reason!.Trim(), today, by.Subject);
    }

    /// <summary>What would be left without its basis: an enrollment's courses, term registrations and outcome, a withdrawal's re-enrollment, a degree's coursework.</summary>
    private static string? Dependents(Student s, Guid id)
    {
        if (s.ActiveEnrollments.FirstOrDefault(x => x.MilestoneId == id) is { } e)
        {
            if (s.Courses.Any(c => c.ProgramId == e.ProgramId && c.CompletedOn >= e.StartedOn)) return "course completions";
            if (s.Degrees.Any(d => d.ProgramId == e.ProgramId && d.ConferredOn >= e.StartedOn)) return "degree";
            if (s.Withdrawals.Any(w => w.ProgramId == e.ProgramId && w.WithdrawnOn >= e.StartedOn)) return "withdrawal";
            if (s.RegisteredTerms.Any(r => r.ProgramId == e.ProgramId && TermCalendar.IsTerm(e.Cohort) && TermCalendar.Compare(r.Term, e.Cohort) >= 0))
                return "term registrations";
            return null;
        }
        // Rule 6: without the withdrawal the earlier enrollment would be open beside the later one.
        if (s.Withdrawals.FirstOrDefault(x => x.MilestoneId == id) is { } w)
            return s.ActiveEnrollments.Any(x => x.ProgramId == w.ProgramId && x.StartedOn >= w.WithdrawnOn) ? "later enrollment" : null;
        if (s.Courses.FirstOrDefault(x => x.MilestoneId == id) is { } c)
            return s.Degrees.Any(d => d.ProgramId == c.ProgramId) ? "degree" : null;
        if (s.Degrees.Any(x => x.MilestoneId == id))
            return s.Outcomes.Count > 0 ? "graduate outcome" : null;
        return null;
    }
}

public static class VoidMilestoneEndpoint
{
    public static ProblemDetails Validate(VoidMilestone command, TimeProvider clock) =>
        Validation.Check(VoidMilestone.Rules, command, clock);

    /// <summary>Access without a lock, then the student's locked record (the milestone id is parsed before either).</summary>
    public static Task<(IResult, StudentWrite?)> LoadAsync(Guid id, Guid milestoneId, IDocumentSession session, HttpContext http) =>
        StudentWrites.LoadAsync(session, http, id, MilestoneKind.Void);

    [Authorize(Policy = Policies.Staff)]
    [WolverinePost("/api/students/{id}/milestones/{milestoneId}/void", Name = "VoidMilestone")]
    [Tags("Milestones")]
    [ProducesResponseType<MilestoneWritten>(StatusCodes.Status201Created)]
    public static IResult Post(VoidMilestone command, StudentWrite write, Guid milestoneId, TimeProvider clock) => write.Record(command.Decide(write.Student, milestoneId, write.By, clock.Today()));
}
