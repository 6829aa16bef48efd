using Marten;

namespace ProgressTracker.Accounts;

public enum SignInOutcome { SignedIn, Bound, NoAccount, Unverified, Revoked }

public sealed record Binding(SignInOutcome Outcome, Guid? AccountId);

/// <summary>
/// The first sign-in binds an invitation (domain.md section 2): the provider's verified e-mail must match the invited
/// one, and from then on the account is that person's (issuer, subject), whatever their e-mail becomes. Later sign-ins
/// find the account by that login.
/// </summary>
public sealed class AccountBinding(IDocumentStore store, TimeProvider clock)
{
    public async Task<Binding> BindAsync(string issuer, string subject, string? email, bool emailVerified, string? name,
        CancellationToken ct)
    {
        try
        {
            return await TryBindAsync(issuer, subject, email, emailVerified, name, ct);
        }
        catch (JasperFx.ConcurrencyException)
        {
            // The account changed meanwhile (a revocation, another sign-in): decide again on what it is now.
            return await TryBindAsync(issuer, subject, email, emailVerified, name, ct);
        }
    }

    private async Task<Binding> TryBindAsync(string issuer, string subject, string? email, bool emailVerified, string? name,
        CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var login = Account.LoginOf(issuer, subject);
        var now = clock.GetUtcNow();

        var bound = await session.Query<Account>().Where(a => a.Login == login).FirstOrDefaultAsync(ct);
        if (bound is { State: not AccountState.Revoked })
        {
            session.Store(bound with { LastSignInAt = now, DisplayName = name ?? bound.DisplayName });
            await session.SaveChangesAsync(ct);
            return new(SignInOutcome.SignedIn, bound.Id);
        }

        var normalized = string.IsNullOrWhiteSpace(email) ? null : Account.NormalizeEmail(email);
        var invitation = normalized is null ? null : await session.Query<Account>()
            .Where(a => a.Email == normalized && a.State == AccountState.Invited && a.Login == null)
            .FirstOrDefaultAsync(ct);
        if (invitation is null) return bound is null ? new(SignInOutcome.NoAccount, null) : new(SignInOutcome.Revoked, bound.Id);
        if (bound is not null && emailVerified)
        {
            // Revoked, then invited again: the new invitation takes the login over; the old account keeps it as history.
            session.Store(bound with { Login = null, FormerLogin = bound.Login });
            await session.SaveChangesAsync(ct);
        }
        // An unverified address proves nothing: whoever typed it must not take the invitation.
        if (!emailVerified) return new(SignInOutcome.Unverified, invitation.Id);

        // The unique index on Login refuses a second account for one person; of two people racing for one
        // invitation, optimistic concurrency lets one bind it.
        session.Store(invitation with
        {
            Login = login, State = AccountState.Active, BoundAt = now, LastSignInAt = now, DisplayName = name,
        });
        await session.SaveChangesAsync(ct);
        return new(SignInOutcome.Bound, invitation.Id);
    }
}
