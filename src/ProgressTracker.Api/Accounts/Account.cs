using Marten;

namespace ProgressTracker.Accounts;

public enum AccountState { Invited, Active, Revoked }

/// <summary>
/// A person's account in the service's own directory (domain.md section 2): invited by e-mail with a role and the
/// scope of that role, bound on the first sign-in whose verified e-mail matches (to that person's issuer and subject
/// at their identity provider), revoked at once. The role a signed-in person has comes from here, never from the
/// identity provider's token.
/// </summary>
public sealed record Account
{
    public Guid Id { get; init; }
    /// <summary>Lower-cased and trimmed: the invitation is matched against the provider's verified e-mail.</summary>
    public string Email { get; init; } = "";
    public string Role { get; init; } = "";
    public Guid? AdvisorId { get; init; }
    public Guid? CollegeId { get; init; }
    public Guid? StudentId { get; init; }
    public AccountState State { get; init; }
    /// <summary>"{issuer} {subject}" once bound: the one person this account is.</summary>
    public string? Login { get; init; }
    /// <summary>The login a revoked account had before a new invitation of the same person took it over (history).</summary>
    public string? FormerLogin { get; init; }
    public string? DisplayName { get; init; }
    public string InvitedBy { get; init; } = "";
    public DateTimeOffset InvitedAt { get; init; }
    public DateTimeOffset? BoundAt { get; init; }
    public DateTimeOffset? LastSignInAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static string LoginOf(string issuer, string subject) => $"{issuer} {subject}";
}

public static class AccountsConfiguration
{
    public static void ConfigureAccounts(this StoreOptions opts) =>
        opts.Schema.For<Account>()
            .Index(x => x.Email)
            // One open account per e-mail, enforced by the database: two invitations racing each other cannot both
            // commit (POST /api/accounts answers the loser 409 account-exists). Revoked accounts stay as history.
            .Index(x => x.Email, index =>
            {
                index.Name = InviteAccountEndpoint.OpenEmailIndex;
                index.IsUnique = true;
                index.Predicate = "(data ->> 'state') <> 'revoked'";
            })
            // One person, one account: a subject at a provider binds once.
            .UniqueIndex(x => x.Login!)
            // A sign-in writing its time and a revocation landing together: one of them is refused and retried,
            // so a sign-in can never write a revoked account back to active.
            .UseOptimisticConcurrency(true);
}
