using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students;

public sealed record EnrollInProgram(Guid? ProgramId, string? Cohort, Intensity? Intensity, DateOnly? StartedOn)
{
    public static readonly AbstractValidator<EnrollInProgram> Rules = new Validator();

    private sealed class Validator : AbstractValidator<EnrollInProgram>
    {
        public Validator()
        {
            RuleFor(x => x.ProgramId).NotNull().NotEqual(Guid.Empty);
            // One definition of a term everywhere (ASCII digits, from 1900): the term calendar computes with what is stored.
            RuleFor(x => x.Cohort).NotEmpty().Must(TermCalendar.IsTerm)
                .WithMessage("'cohort' is the entry term: YYYY-SP, YYYY-SU or YYYY-FA.");
            RuleFor(x => x.Intensity).NotNull();
            RuleFor(x => x.StartedOn).RequiredDate();
        }
    }

    /// <summary>
    /// One open enrollment per program; a re-enrollment starts after the previous one in that program ended.
    /// The event carries the program's catalog requirements as they stand today (the student's catalog year).
    /// </summary>
    public Decision Decide(Student student, AcademicProgram program, Caller by)
    {
        var previous = Pathway.LatestEnrollment(student, program.Id);
        if (previous is not null)
        {
            switch (Pathway.StatusOf(student, previous))
            {
                case EnrollmentStatus.Active:
                    return new Rejection("already-enrolled", $"The student is already enrolled in {program.Name}.");
                case EnrollmentStatus.Graduated:
                    return new Rejection("already-graduated", $"The student has already graduated from {program.Name}.");
                case EnrollmentStatus.Withdrawn when Pathway.EndOf(student, previous) is { } ended && StartedOn <= ended:
                    return new Rejection("enrollment-overlap",
                        $"A re-enrollment must start after the withdrawal on {ended:yyyy-MM-dd}.");
            }
        }

        return new EnrolledInProgram(Guid.CreateVersion7(), student.Id, program.CollegeId, program.Id, Cohort!,
            Intensity!.Value, StartedOn!.Value, program.RequiredCategories, program.NormalDurationMonths, by.Subject);
    }
}

public static class EnrollInProgramEndpoint
{
    public static ProblemDetails Validate(EnrollInProgram command, TimeProvider clock) =>
        Validation.Check(EnrollInProgram.Rules, command, clock);

    /// <summary>Access without a lock, the program (404), then the student's locked record.</summary>
    public static Task<(IResult, StudentWrite?)> LoadAsync(Guid id, EnrollInProgram command, IDocumentSession session, HttpContext http) =>
        StudentWrites.LoadForProgramAsync(session, http, id, command.ProgramId!.Value, MilestoneKind.Enrollment);

    [Authorize(Policy = Policies.Staff)]
    [WolverinePost("/api/students/{id}/enrollments", Name = "EnrollInProgram")]
    [Tags("Milestones")]
    [ProducesResponseType<MilestoneWritten>(StatusCodes.Status201Created)]
    public static IResult Post(EnrollInProgram command, StudentWrite write) => write.Record(command.Decide(write.Student, write.Program!, write.By));
}
