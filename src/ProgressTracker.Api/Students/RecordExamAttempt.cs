using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students;

public sealed record RecordExamAttempt(Exam? Exam, DateOnly? TakenOn, bool? Passed, int? Score)
{
    public const int PassMark = 300;
    public static readonly AbstractValidator<RecordExamAttempt> Rules = new Validator();

    private sealed class Validator : AbstractValidator<RecordExamAttempt>
    {
        public Validator()
        {
            RuleFor(x => x.Exam).NotNull();
            RuleFor(x => x.TakenOn).RequiredDate();
            RuleFor(x => x.Passed).NotNull();
            RuleFor(x => x.Score).InclusiveBetween(100, 400).When(x => x.Score is not null)
                .WithMessage("'score' is a scaled score from 100 to 400.");
            RuleFor(x => x.Passed).Must((x, passed) => passed == x.Score >= PassMark)
                .When(x => x.Score is >= 100 and <= 400 && x.Passed is not null)
                .WithMessage($"'passed' must agree with the score (the pass mark is {PassMark}).");
        }
    }

    /// <summary>Rules 1 and 2: AHIMA eligibility on the exam day, and the wait between attempts.</summary>
    public Decision Decide(Student student, IReadOnlyDictionary<Guid, AcademicProgram> programs, int retakeWaitDays, Caller by)
    {
        var takenOn = TakenOn!.Value;
        var attempts = student.Attempts;
        if (attempts.Any(a => a.Passed && a.TakenOn <= takenOn))
            return new Rejection("already-credentialed", "The student has already passed the RHIT exam.");

        var tooClose = attempts.FirstOrDefault(a => Math.Abs(a.TakenOn.DayNumber - takenOn.DayNumber) < retakeWaitDays);
        if (tooClose is not null)
            return new Rejection("rhit-retake-too-soon",
                $"RHIT attempts must be at least {retakeWaitDays} days apart; another attempt was taken on {tooClose.TakenOn:yyyy-MM-dd}.");

        var eligibility = RhitEligibility.Evaluate(student, programs, takenOn);
        if (!eligibility.Eligible) return new Rejection("rhit-not-eligible", eligibility.Reason);

        return new CertificationExamTaken(Guid.CreateVersion7(), student.Id, Exam!.Value, takenOn, Passed!.Value, Score, by.Subject);
    }
}

public static class RecordExamAttemptEndpoint
{
    public static ProblemDetails Validate(RecordExamAttempt command, TimeProvider clock) =>
        Validation.Check(RecordExamAttempt.Rules, command, clock);

    /// <summary>Access without a lock, then the student's locked record.</summary>
    public static Task<(IResult, StudentWrite?)> LoadAsync(Guid id, IDocumentSession session, HttpContext http) =>
        StudentWrites.LoadAsync(session, http, id, MilestoneKind.ExamAttempt);

    [Authorize(Policy = Policies.Staff)]
    [WolverinePost("/api/students/{id}/exam-attempts", Name = "RecordExamAttempt")]
    [Tags("Milestones")]
    [ProducesResponseType<MilestoneWritten>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        RecordExamAttempt command, StudentWrite write, IDocumentSession session, PathwayOptions pathway, CancellationToken ct)
    {
        // Eligibility depends on the accreditation of the programs the student attended, read under the lock.
        var programs = await StudentPrograms.OfAsync(session, write.Student, ct);
        return write.Record(command.Decide(write.Student, programs, pathway.RhitRetakeWaitDays, write.By));
    }
}
