using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students.Timeline;
using Wolverine.Http;

namespace ProgressTracker.Students;

public sealed record ConferDegree(Guid? ProgramId, Award? Award, DateOnly? ConferredOn)
{
    public static readonly AbstractValidator<ConferDegree> Rules = new Validator();

    private sealed class Validator : AbstractValidator<ConferDegree>
    {
        public Validator()
        {
            RuleFor(x => x.ProgramId).NotNull().NotEqual(Guid.Empty);
            RuleFor(x => x.Award).NotNull();
            RuleFor(x => x.ConferredOn).RequiredDate();
        }
    }

    /// <summary>Rules 3, 4 and 5: an open enrollment, every required category completed by the conferral date.</summary>
    public Decision Decide(Student student, AcademicProgram program, Caller by)
    {
        var enrollment = Pathway.ActiveEnrollment(student, program.Id);
        if (enrollment is null) return Rejections.NotEnrolled("confer a degree");
        if (ConferredOn < enrollment.StartedOn) return Rejections.BeforeEnrollment("A degree", enrollment);
        if (Award != program.Award)
            return new Rejection("award-mismatch", $"{program.Name} awards an {Json.KebabName(program.Award).ToUpperInvariant()}, not an {Json.KebabName(Award!.Value).ToUpperInvariant()}.");

        var done = student.Courses
            .Where(c => c.ProgramId == program.Id && c.CompletedOn <= ConferredOn)
            .Select(c => c.Category)
            .ToHashSet();
        var missing = enrollment.RequiredCategories.Where(c => !done.Contains(c)).ToList();
        if (missing.Count > 0)
            return new Rejection("missing-categories",
                $"A degree needs every required course category; missing: {string.Join(", ", missing.Select(NextSteps.Words))}.");

        return new DegreeConferred(Guid.CreateVersion7(), student.Id, program.Id, Award!.Value, ConferredOn!.Value, by.Subject);
    }
}

public static class ConferDegreeEndpoint
{
    public static ProblemDetails Validate(ConferDegree command, TimeProvider clock) =>
        Validation.Check(ConferDegree.Rules, command, clock);

    /// <summary>Access without a lock, the program (404), then the student's locked record.</summary>
    public static Task<(IResult, StudentWrite?)> LoadAsync(Guid id, ConferDegree command, IDocumentSession session, HttpContext http) =>
        StudentWrites.LoadForProgramAsync(session, http, id, command.ProgramId!.Value, MilestoneKind.Degree);

    [Authorize(Policy = Policies.Staff)]
    [WolverinePost("/api/students/{id}/degrees", Name = "ConferDegree")]
    [Tags("Milestones")]
    [ProducesResponseType<MilestoneWritten>(StatusCodes.Status201Created)]
    public static IResult Post(ConferDegree command, StudentWrite write) => write.Record(command.Decide(write.Student, write.Program!, write.By));
}
