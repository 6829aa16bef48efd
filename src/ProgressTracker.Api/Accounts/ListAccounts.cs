using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using ProgressTracker.Reports;
using Wolverine.Http;

namespace ProgressTracker.Accounts;

/// <summary>One account as the directory lists it: no login subject, no inviter (neither is the page's business).</summary>
public sealed record AccountSummary(
    Guid Id, string Email, string Role, Guid? AdvisorId, Guid? CollegeId, Guid? StudentId, AccountState State,
    DateTimeOffset InvitedAt, DateTimeOffset? LastSignInAt)
{
    public static AccountSummary Of(Account a) =>
        new(a.Id, a.Email, a.Role, a.AdvisorId, a.CollegeId, a.StudentId, a.State, a.InvitedAt, a.LastSignInAt);
}

public static class ListAccountsEndpoint
{
    private static readonly string[] KnownRoles = [Roles.Admin, Roles.Advisor, Roles.College, Roles.Student];

    /// <summary>
    /// Admin: every account, or with <c>collegeId</c> the accounts within that college's scope (its staff and its
    /// students). College staff: only their own college's scope; another college's id answers 404.
    /// </summary>
    [Authorize(Policy = Policies.AccountManagers)]
    [WolverineGet("/api/accounts", Name = "ListAccounts")]
    [Tags("Accounts")]
    [ProducesResponseType<IReadOnlyList<AccountSummary>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? role, Guid? collegeId, IQuerySession session, ReportsVersions reports, HttpContext http)
    {
        var ct = http.RequestAborted;
        var caller = Caller.From(http.User);
        if (!caller.IsAdmin)
        {
            if (caller.CollegeId is not { } own) return Problems.Forbidden("the account directory");
            if (collegeId is { } asked && asked != own)
            {
                http.MarkRefused("account-scope");
                return Problems.NotFound("college", asked);
            }
            collegeId = own;
        }
        if (role is not null && !KnownRoles.Contains(role))
            return Problems.Validation("role", "'role' must be one of admin, advisor, college, student.");

        IReadOnlyList<Account> accounts = collegeId is { } college
            // The college's students are found by their cohort rows: read where reports are read during an upgrade.
            ? await AccountScope.OfCollegeAsync(reports.Reads(session, http), college, http, ct)
            : await session.Query<Account>().ToListAsync(ct);
        return Results.Ok(accounts
            .Where(a => role is null || a.Role == role)
            .OrderBy(a => a.Email, StringComparer.Ordinal).ThenBy(a => a.InvitedAt)
            .Select(AccountSummary.Of)
            .ToList());
    }
}
