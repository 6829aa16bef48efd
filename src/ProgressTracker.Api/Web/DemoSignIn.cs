using Marten;
using ProgressTracker.Accounts;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Web;

/// <summary>One person the demo's sign-in page suggests: the e-mail to sign in with at the local provider.</summary>
public sealed record DemoPerson(string Role, string Email, string Description);

/// <summary>
/// The demo's sign-in hints: in Development only, the sign-in page lists the invited demo people so that a visitor
/// knows which e-mail to type at the local provider (ops/oidc). Nobody is signed in here: sign-in is the real OIDC one.
/// </summary>
public static class DemoSignIn
{
    /// <summary>One student per stage would need the record; a handful of each role is enough to show every page.</summary>
    private const int PerRole = 8;

    public static void MapDemoSignIn(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) return;
        app.MapGet("/auth/demo/people", ListAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> ListAsync(IQuerySession session, CancellationToken ct)
    {
        var accounts = await session.Query<Account>()
            .Where(a => a.State != AccountState.Revoked)
            .OrderBy(a => a.Email)
            .Take(500)
            .ToListAsync(ct);
        var people = accounts
            .GroupBy(a => a.Role)
            .SelectMany(g => g.Take(PerRole))
            .Select(a => new DemoPerson(a.Role, a.Email, Describe(a.Role)));
        return Results.Ok(people);
    }

    private static string Describe(string role) => role switch
    {
        Roles.Admin => "Admin: accounts, reference data, every record (each read is logged)",
        Roles.Advisor => "Advisor: caseload, timelines, milestones, alerts",
        Roles.College => "College staff: reports, roster imports, its students' accounts",
        _ => "Student: their own record and who read it",
    };
}
