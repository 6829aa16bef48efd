using Microsoft.AspNetCore.Mvc;

namespace ProgressTracker.Infrastructure;

/// <summary>The RFC 9457 answers the API gives (api.md "Conventions"). Never put personal data in them.</summary>
public static class Problems
{
    public static IResult NotFound(string what, Guid id) => NotFound(what, $"No {what} has the id {id}.");

    public static IResult NotFound(string what, string detail) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: $"Unknown {what}",
        detail: detail);

    /// <summary>410: the student was erased (domain.md 7); nothing of the record is left to answer.</summary>
    public static IResult Gone(Guid studentId) => Results.Problem(
        statusCode: StatusCodes.Status410Gone,
        title: "Erased",
        detail: $"The record of student {studentId} was erased.");

    public static IResult Forbidden(string what) => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Not allowed",
        detail: $"Your role does not give access to {what}.");

    /// <summary>409: the command breaks a pathway rule; <paramref name="rule"/> is a stable code clients can switch on.</summary>
    public static IResult Rule(string rule, string detail) => Results.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "The command breaks a pathway rule",
        detail: detail,
        extensions: new Dictionary<string, object?> { ["rule"] = rule });

    public static IResult Validation(IDictionary<string, string[]> errors) => Results.ValidationProblem(errors);

    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult StaleVersion(long expected, long actual) => Results.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "The record has changed",
        detail: $"If-Match names version {expected}, but the record is at version {actual}. Read it again and retry.");

    /// <summary>The Wolverine form of a 400 with per-field errors, for <c>Validate</c> methods.</summary>
    public static ProblemDetails ValidationDetails(IDictionary<string, string[]> errors) =>
        new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest };
}
