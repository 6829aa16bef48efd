using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Accounts;

public static class RevokeAccountEndpoint
{
    /// <summary>
    /// Revokes an account at once: the per-request account lookup refuses its next request. Revoking a revoked
    /// account answers 204 again and changes nothing (a retried DELETE must not fail), keeping the first RevokedAt.
    /// </summary>
    [Authorize(Policy = Policies.AccountManagers)]
    [WolverineDelete("/api/accounts/{id}", Name = "RevokeAccount")]
    [Tags("Accounts")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Delete(Guid id, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        var account = await session.LoadAsync<Account>(id, ct);
        if (account is null) return Problems.NotFound("account", id);
        if (!await AccountScope.ManagesAsync(Caller.From(http.User), account, session, http, ct))
        {
            http.MarkRefused("account-scope");
            return Problems.NotFound("account", id);
        }

        if (account.State != AccountState.Revoked)
            session.Update(account with { State = AccountState.Revoked, RevokedAt = clock.GetUtcNow() });
        return Results.NoContent();
    }
}
