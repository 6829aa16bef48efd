using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students;

/// <summary>POST /api/students/{id}/term-registrations: the student is registered in the program for the term.</summary>
public sealed record RegisterForTerm(Guid? ProgramId, string? Term)
{
    /// <summary>Students register ahead, but not this far: a term starting later is a typing mistake (2062-FA).</summary>
    public const int MaxMonthsAhead = 12;

    public static readonly AbstractValidator<RegisterForTerm> Rules = new Validator();

    private sealed class Validator : AbstractValidator<RegisterForTerm>
    {
        public Validator()
        {
            RuleFor(x => x.ProgramId).NotNull().NotEqual(Guid.Empty);
            RuleFor(x => x.Term).NotEmpty()
                .Must(TermCalendar.IsTerm).WithMessage("'term' must be a term: YYYY-SP, YYYY-SU or YYYY-FA.")
                .Must((_, term, ctx) => !TermCalendar.IsTerm(term) || TermCalendar.Start(term!) <= Validation.TodayOf(ctx).AddMonths(MaxMonthsAhead))
                .WithMessage($"'term' cannot start more than {MaxMonthsAhead} months from today.");
        }
    }

    /// <summary>
    /// The term must fall in an enrollment episode of the program: not before its entry term (the cohort), and not
    /// starting after the episode ended (a withdrawal or the degree). Backfilling an earlier term of a graduate is
    /// fine. A second registration for the same program and term is refused (409 <c>already-registered</c>): a
    /// retry of the same request is recognized by its <c>Idempotency-Key</c> instead, and an import's repeated row by
    /// its row id.
    /// </summary>
    public Decision Decide(Student student, AcademicProgram program, Caller by, DateOnly today)
    {
        var term = Term!;
        var episodes = student.ActiveEnrollments.Where(e => e.ProgramId == ProgramId).ToList();
        if (episodes.Count == 0) return Rejections.NotEnrolled("record a term registration");
        var episode = episodes.Where(e => TermCalendar.IsTerm(e.Cohort) && TermCalendar.Compare(e.Cohort, term) <= 0).OrderBy(e => e.StartedOn).LastOrDefault();
        if (episode is null)
            return new Rejection("before-enrollment",
                $"The term {term} precedes the student's entry term in that program ({episodes.Min(e => e.Cohort)}).");
        if (Pathway.EndOf(student, episode) is { } ended && ended < TermCalendar.Start(term))
            return new Rejection("not-enrolled",
                $"The student's enrollment in that program ended on {ended:yyyy-MM-dd}, before {term} starts ({TermCalendar.Start(term):yyyy-MM-dd}).");
        if (student.RegisteredTerms.Any(r => r.ProgramId == ProgramId && r.Term == term))
            return new Rejection("already-registered", $"The student is already registered in that program for {term}.");

        return new TermRegistered(Guid.CreateVersion7(), student.Id, program.CollegeId, program.Id, term, today, by.Subject);
    }
}

public static class RegisterForTermEndpoint
{
    public static ProblemDetails Validate(RegisterForTerm command, TimeProvider clock) =>
        Validation.Check(RegisterForTerm.Rules, command, clock);

    /// <summary>Access without a lock, the program (404), then the student's locked record.</summary>
    public static Task<(IResult, StudentWrite?)> LoadAsync(Guid id, RegisterForTerm command, IDocumentSession session, HttpContext http) =>
        StudentWrites.LoadForProgramAsync(session, http, id, command.ProgramId!.Value, MilestoneKind.TermRegistration);

    [Authorize(Policy = Policies.Staff)]
    [WolverinePost("/api/students/{id}/term-registrations", Name = "RegisterForTerm")]
    [Tags("Milestones")]
    [ProducesResponseType<MilestoneWritten>(StatusCodes.Status201Created)]
    public static IResult Post(RegisterForTerm command, StudentWrite write, TimeProvider clock) =>
        write.Record(command.Decide(write.Student, write.Program!, write.By, clock.Today()));
}
