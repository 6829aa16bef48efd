namespace ProgressTracker.Infrastructure.Security;

/// <summary>
/// One security-relevant event: a sign-in, a failed sign-in or a refused access. Ids and reason codes only, never a
/// name or an e-mail: <paramref name="Subject"/> is the token's <c>sub</c> (or the identity provider's subject),
/// <paramref name="AccountId"/> the account directory's id, <paramref name="Route"/> a route template
/// (<c>GET /api/students/{studentId}/timeline</c>), never a path with its values.
/// </summary>
public sealed record SecurityEvent(
    string Kind, string? Subject = null, Guid? AccountId = null, string? Route = null, int? Status = null, string? Reason = null)
{
    public static class Kinds
    {
        public const string SignIn = "sign-in";
        public const string SignInFailed = "sign-in-failed";
        public const string AccessRefused = "access-refused";
        public const string AccountRevokedRefused = "account-revoked-refused";
    }
}
