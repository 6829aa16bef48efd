using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students;

public sealed record CompleteCourse(
    Guid? ProgramId, string? CourseCode, string? Title, CourseCategory? Category, decimal? Credits, string? Grade,
    DateOnly? CompletedOn)
{
    public static readonly AbstractValidator<CompleteCourse> Rules = new Validator();

    private sealed class Validator : AbstractValidator<CompleteCourse>
    {
        public Validator()
        {
            RuleFor(x => x.ProgramId).NotNull().NotEqual(Guid.Empty);
            RuleFor(x => x.CourseCode).RequiredText(20);
            RuleFor(x => x.Title).RequiredText(200);
            RuleFor(x => x.Category).NotNull();
            RuleFor(x => x.Credits).NotNull().GreaterThan(0).LessThanOrEqualTo(20);
            // A failing grade is not a completion; pass/fail, credit and transfer credit are.
            RuleFor(x => x.Grade).NotEmpty().Matches("^([A-D][+-]?|P|S|CR|TR)$")
                .WithMessage("'grade' must be a passing grade: A-D (with + or -), P, S, CR or TR.");
            RuleFor(x => x.CompletedOn).RequiredDate();
        }
    }

    /// <summary>Rules 3 and 5: an open enrollment in the program, and not before it started.</summary>
    public Decision Decide(Student student, Caller by)
    {
        var enrollment = Pathway.ActiveEnrollment(student, ProgramId!.Value);
        if (enrollment is null) return Rejections.NotEnrolled("record a course completion");
        if (CompletedOn < enrollment.StartedOn) return Rejections.BeforeEnrollment("A course completion", enrollment);

        return new CourseCompleted(Guid.CreateVersion7(), student.Id, ProgramId.Value, CourseCode!.Trim(), Title!.Trim(),
            Category!.Value, Credits!.Value, Grade!, CompletedOn!.Value, by.Subject);
    }
}

public static class CompleteCourseEndpoint
{
    public static ProblemDetails Validate(CompleteCourse command, TimeProvider clock) =>
        Validation.Check(CompleteCourse.Rules, command, clock);

    /// <summary>Access without a lock, the program (404), then the student's locked record.</summary>
    public static Task<(IResult, StudentWrite?)> LoadAsync(Guid id, CompleteCourse command, IDocumentSession session, HttpContext http) =>
        StudentWrites.LoadForProgramAsync(session, http, id, command.ProgramId!.Value, MilestoneKind.CourseCompletion);

    [Authorize(Policy = Policies.Staff)]
    [WolverinePost("/api/students/{id}/course-completions", Name = "CompleteCourse")]
    [Tags("Milestones")]
    [ProducesResponseType<MilestoneWritten>(StatusCodes.Status201Created)]
    public static IResult Post(CompleteCourse command, StudentWrite write) => write.Record(command.Decide(write.Student, write.By));
}
