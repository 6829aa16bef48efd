using ProgressTracker.Infrastructure;

namespace ProgressTracker.Students.Privacy;

/// <summary>
/// Who uses the privacy routes (api.md "Privacy rights"). Route policies refuse a role that never may (403) before any
/// work; a caller of the right role asking about a record not theirs gets the 404 of an unknown student.
/// </summary>
public static class PrivacyAccess
{
    /// <summary>Only the student asks for amendments, places statements and gives or revokes consents.</summary>
    public const string StudentPolicy = "privacy-student";

    /// <summary>The student and admins read amendment requests and consents.</summary>
    public const string StudentOrAdminPolicy = "privacy-student-or-admin";

    public static void AddPrivacyPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddPolicy(StudentPolicy, p => p.RequireClaim("role", Roles.Student))
            .AddPolicy(StudentOrAdminPolicy, p => p.RequireClaim("role", Roles.Student, Roles.Admin));

    /// <summary>The 404 for another student's record, marked for the security log; null when the record is the caller's own.</summary>
    public static IResult? RefuseUnlessOwn(HttpContext http, Guid studentId)
    {
        var caller = Caller.From(http.User);
        if (caller.IsAdmin && http.GetEndpoint()?.Metadata.GetMetadata<AdminMayAttribute>() is not null) return null;
        return caller.IsStudent(studentId) ? null : StudentReads.Refused(http, studentId);
    }
}

/// <summary>Marks a privacy route an admin may use as well as the student.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AdminMayAttribute : Attribute;
