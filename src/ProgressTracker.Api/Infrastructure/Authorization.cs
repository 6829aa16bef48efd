using Microsoft.AspNetCore.Authorization;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// Route-level rules, one policy each (domain.md section 2). Rules that depend on a student's record (caseload,
/// enrollment at a college) live in Students/StudentAccess.cs. Everything else under
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

    public static void AddProgressTrackerPolicies(this IServiceCollection services)
    {
        // Another college's or advisor's route answers 404, as an unknown one (ScopeRefusals); a wrong role 403.
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ScopeRefusals>();
        services.AddAuthorizationBuilder()
            // A role too: a person signed in without an account (or with a revoked one) has none and gets nothing.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim("role").Build())
            .AddPolicy(Admin, p => p.RequireClaim("role", Roles.Admin))
            .AddPolicy(Staff, p => p.RequireClaim("role", Roles.Admin, Roles.Advisor, Roles.College))
            .AddPolicy(AccountManagers, p => p.RequireClaim("role", Roles.Admin, Roles.College))
            .AddPolicy(OwnCollege, p => p.RequireClaim("role", Roles.Admin, Roles.College).AddRequirements(CollegeScope()))
            .AddPolicy(OwnAdvisor, p => p.RequireClaim("role", Roles.Admin, Roles.Advisor)
                .AddRequirements(new ScopeRequirement(Roles.Advisor, "advisor_id", "advisorId", "advisor")))
            .AddPolicy(CollegeCatalog, p => p.RequireClaim("role", Roles.Admin, Roles.Advisor, Roles.College).AddRequirements(CollegeScope()));
    }

    /// <summary>College staff only for the route's <c>{collegeId}</c>, their <c>college_id</c>.</summary>
    private static ScopeRequirement CollegeScope() => new(Roles.College, "college_id", "collegeId", "college");
}
