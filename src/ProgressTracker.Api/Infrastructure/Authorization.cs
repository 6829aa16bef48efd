using Microsoft.AspNetCore.Authorization;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// Route-level rules, one policy each (domain.md section 2). Rules that depend on a student's record (caseload,
/// enrollment at a college) live in <see cref="ProgressTracker.Students.StudentAccess"/>. Everything else under
/// /api needs at least a valid token (the fallback policy).
/// </summary>
public static class Policies
{
    /// <summary>Reference data: colleges, programs, accreditation, advisors.</summary>
    public const string Admin = "admin";

    /// <summary>Anyone who records milestones: admin, advisors, college staff. Which student, StudentAccess decides.</summary>
    public const string Staff = "staff";

    /// <summary>A college's own data: admin, or college staff whose <c>college_id</c> is the route's <c>{collegeId}</c>.</summary>
    public const string OwnCollege = "own-college";

    /// <summary>An advisor's own data: admin, or the advisor whose <c>advisor_id</c> is the route's <c>{advisorId}</c>.</summary>
    public const string OwnAdvisor = "own-advisor";

    /// <summary>A college's catalog: admin, advisors, and that college's staff.</summary>
    public const string CollegeCatalog = "college-catalog";

    /// <summary>The account directory: admin, and college staff for their own staff and students (Accounts/AccountScope).</summary>
    public const string AccountManagers = "account-managers";

    public static void AddProgressTrackerPolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            // A role too: a person signed in without an account (or with a revoked one) has none and gets nothing.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim("role").Build())
            .AddPolicy(Admin, p => p.RequireClaim("role", Roles.Admin))
            .AddPolicy(Staff, p => p.RequireClaim("role", Roles.Admin, Roles.Advisor, Roles.College))
            .AddPolicy(AccountManagers, p => p.RequireClaim("role", Roles.Admin, Roles.College))
            .AddPolicy(OwnCollege, p => p.RequireAssertion(c => Scoped(c, Roles.College, "college_id", "collegeId")))
            .AddPolicy(OwnAdvisor, p => p.RequireAssertion(c => Scoped(c, Roles.Advisor, "advisor_id", "advisorId")))
            .AddPolicy(CollegeCatalog, p => p.RequireAssertion(c =>
                c.User.HasClaim("role", Roles.Advisor) || Scoped(c, Roles.College, "college_id", "collegeId")));

    /// <summary>Admin, or <paramref name="role"/> whose scope claim equals the route value of the same name.</summary>
    private static bool Scoped(AuthorizationHandlerContext context, string role, string claim, string routeValue)
    {
        if (context.User.HasClaim("role", Roles.Admin)) return true;
        if (!context.User.HasClaim("role", role)) return false;
        var http = context.Resource as HttpContext;
        var value = http?.GetRouteValue(routeValue)?.ToString();
        return value is not null && Guid.TryParse(value, out var routeId)
            && Guid.TryParse(context.User.FindFirst(claim)?.Value, out var own) && own == routeId;
    }
}
