using System.Security.Claims;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// Who is calling, from the claims of the service's own token or of the caller's account (api.md "Conventions"):
/// <c>sub</c>, <c>role</c> and the scope claim of the role (<c>advisor_id</c>, <c>college_id</c> or <c>student_id</c>).
/// </summary>
public sealed record Caller(string Subject, string Role, Guid? AdvisorId = null, Guid? CollegeId = null, Guid? StudentId = null)
{
    public const string Anonymous = "anonymous";

    public bool IsAdmin => Role == Roles.Admin;
    public bool IsAdvisor(Guid advisorId) => Role == Roles.Advisor && AdvisorId == advisorId;
    public bool IsCollege(Guid collegeId) => Role == Roles.College && CollegeId == collegeId;
    public bool IsStudent(Guid studentId) => Role == Roles.Student && StudentId == studentId;

    /// <summary>A person with an account is known by it ("account-{id}"): an id for the logs, whatever the provider's subject.</summary>
    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue("account_id") is { } account ? $"account-{account}" : user.FindFirstValue("sub") ?? Anonymous,
        user.FindFirstValue("role") ?? Anonymous,
        GuidClaim(user, "advisor_id"),
        GuidClaim(user, "college_id"),
        GuidClaim(user, "student_id"));

    private static Guid? GuidClaim(ClaimsPrincipal user, string type) =>
        Guid.TryParse(user.FindFirstValue(type), out var id) ? id : null;
}

public static class Roles
{
    public const string Admin = "admin";
    public const string Advisor = "advisor";
    public const string College = "college";
    public const string Student = "student";
}
