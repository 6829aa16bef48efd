using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Students.Privacy;

/// <summary>POST /api/students/{id}/identity: corrects the name, e-mail or student number (domain.md 7).</summary>
public sealed record CorrectIdentity(string? Name, string? Email, string? StudentNumber, string? Reason)
{
    public static readonly AbstractValidator<CorrectIdentity> Rules = new Validator();

    private sealed class Validator : AbstractValidator<CorrectIdentity>
    {
        public Validator()
        {
            RuleFor(x => x.Name).RequiredText(200).When(x => x.Name is not null);
            RuleFor(x => x.Email).RequiredEmail().When(x => x.Email is not null);
            RuleFor(x => x.StudentNumber).NotEmpty().MaximumLength(40).Matches("^[A-Za-z0-9._-]+$")
                .When(x => x.StudentNumber is not null)
                .WithMessage("'{PropertyName}' may hold letters, digits, '.', '_' and '-' only.");
            RuleFor(x => x.Reason).RequiredText(500);
            RuleFor(x => x.Name).NotNull().When(x => x.Email is null && x.StudentNumber is null)
                .WithMessage("Give at least one of name, email and studentNumber.");
        }
    }

    /// <summary>A correction that changes nothing is refused, so the timeline never shows an empty one.</summary>
    public Decision Decide(Student student, Caller by, DateOnly today, Guid? amendmentRequestId = null)
    {
        var name = Changed(Name, student.Name);
        var email = Changed(Email, student.Email);
        var number = Changed(StudentNumber, student.StudentNumber);
        List<string> corrected = [.. new[] { ("name", name), ("email", email), ("studentNumber", number) }
            .Where(f => f.Item2 is not null).Select(f => f.Item1)];
        if (corrected.Count == 0) return new Rejection("identity-unchanged", "The record already holds these values.");
        return new StudentIdentityCorrected(Guid.CreateVersion7(), student.Id, name, email, number, corrected,
            Reason!.Trim(), today, by.Subject, amendmentRequestId);
    }

    private static string? Changed(string? value, string? current) =>
        value?.Trim() is { Length: > 0 } v && !string.Equals(v, current, StringComparison.Ordinal) ? v : null;
}

public static class CorrectIdentityEndpoint
{
    public static ProblemDetails Validate(CorrectIdentity command, TimeProvider clock) =>
        Validation.Check(CorrectIdentity.Rules, command, clock);

    /// <summary>Access without a lock, then the student's locked record; a college corrects only students it serves.</summary>
    public static async Task<(IResult, StudentWrite?)> LoadAsync(Guid id, IDocumentSession session, HttpContext http) =>
        await StudentWrites.CheckAccessAsync(session, http, id, MilestoneKind.IdentityCorrection) is { } denied
            ? (denied, null)
            : await StudentWrites.FetchAsync(session, http, id, new Write(MilestoneKind.IdentityCorrection, Caller.From(http.User).CollegeId));

    /// <summary>The student's advisor, a college that serves the student, or an admin.</summary>
    [Authorize(Policy = Policies.Staff)]
    [WolverinePost("/api/students/{id}/identity", Name = "CorrectIdentity")]
    [Tags("Privacy")]
    [ProducesResponseType<MilestoneWritten>(StatusCodes.Status201Created)]
    public static IResult Post(CorrectIdentity command, StudentWrite write, TimeProvider clock) =>
        write.Record(command.Decide(write.Student, write.By, clock.Today()));

    /// <summary>
    /// The college's student numbers are unique in the database, which refuses the commit of a second holder: that is
    /// the rule answering, not a fault (Wolverine's commit runs inside this handler's try).
    /// </summary>
    public static IResult OnException(Exception e)
    {
        if (!StudentNumbers.IsTaken(e)) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
        return Problems.Rule("student-number-taken", "Another student of that college already has this student number.");
    }
}
