using System.Security.Claims;
using Marten;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Accounts;

/// <summary>
/// Gives a person signed in through an identity provider (the session cookie, or a bearer token of
/// <c>Auth:Authority</c>) the role and scope of their account, on every request: so revoking the account takes effect at
/// the person's next request, whatever their cookie or token still says. Without an active account an /api request
/// is refused with 403 before any other work. The service's own tokens carry their role themselves.
/// </summary>
public sealed class AccountResolution(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, IQuerySession session, SecurityEvents security)
    {
        var identity = http.User.Identity as ClaimsIdentity;
        if (identity is { IsAuthenticated: true, AuthenticationType: AuthSchemes.Session or AuthSchemes.Authority })
        {
            var account = await FindAsync(http.User, session, http.RequestAborted);
            if (account is { State: AccountState.Active })
            {
                http.User.AddIdentity(ScopeOf(account));
            }
            else if (http.Request.Path.StartsWithSegments("/api"))
            {
                var reason = account is null ? "no-account" : "account-revoked";
                await security.RefusedAsync(http, reason);
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden,
                    title: account is null ? "No access" : "Account revoked",
                    detail: account is null
                        ? "You are signed in, but ProgressTracker has no account for you. Ask your college's administrator for an invitation."
                        : "Your account has been revoked.",
                    extensions: new Dictionary<string, object?> { ["rule"] = reason }).ExecuteAsync(http);
                return;
            }
        }
        await next(http);
    }

    private static async Task<Account?> FindAsync(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var issuer = user.FindFirstValue("iss");
        var subject = user.FindFirstValue("sub");
        if (issuer is null || subject is null) return null;
        var login = Account.LoginOf(issuer, subject);
        return await session.Query<Account>().Where(a => a.Login == login).FirstOrDefaultAsync(ct);
    }

    /// <summary>The claims the rest of the service reads (<see cref="Caller"/>, the route policies).</summary>
    private static ClaimsIdentity ScopeOf(Account account)
    {
        List<Claim> claims = [new("role", account.Role), new("account_id", account.Id.ToString())];
        if (account.AdvisorId is { } advisor) claims.Add(new("advisor_id", advisor.ToString()));
        if (account.CollegeId is { } college) claims.Add(new("college_id", college.ToString()));
        if (account.StudentId is { } student) claims.Add(new("student_id", student.ToString()));
        if (account.DisplayName is { } name) claims.Add(new("name", name));
        return new ClaimsIdentity(claims, "account", "sub", "role");
    }
}
