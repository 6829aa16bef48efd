using ProgressTracker.Infrastructure;
using ProgressTracker.Infrastructure.Security;

namespace ProgressTracker.Accounts;

/// <summary>
/// What sign-in tells the security log (domain.md section 2): every sign-in and failed sign-in, with the provider's
/// subject, the account id and a reason code; never a name or an e-mail. Refused requests are recorded by
/// <see cref="RefusalRecorder"/> from their answer; here they only get their reason.
/// </summary>
public sealed class SecurityEvents(SecurityLog log)
{
    private const string Callback = "GET /signin-oidc";

    public Task SignedInAsync(HttpContext http, string subject, Binding binding)
    {
        var (kind, reason) = binding.Outcome switch
        {
            SignInOutcome.Bound => (SecurityEvent.Kinds.SignIn, "invitation-bound"),
            SignInOutcome.SignedIn => (SecurityEvent.Kinds.SignIn, "signed-in"),
            SignInOutcome.Unverified => (SecurityEvent.Kinds.SignInFailed, "email-not-verified"),
            SignInOutcome.Revoked => (SecurityEvent.Kinds.SignInFailed, "account-revoked"),
            _ => (SecurityEvent.Kinds.SignInFailed, "no-account"),
        };
        return log.RecordAsync(new SecurityEvent(kind, subject, binding.AccountId, Callback, StatusCodes.Status302Found, reason),
            CancellationToken.None);
    }

    public Task SignInFailedAsync(HttpContext http, string reason)
    {
        http.Items[RefusalRecorder.RecordedKey] = true;
        return log.RecordAsync(new SecurityEvent(SecurityEvent.Kinds.SignInFailed, null, null, Callback, StatusCodes.Status302Found,
            reason), CancellationToken.None);
    }

    public Task RefusedAsync(HttpContext http, string reason)
    {
        http.MarkRefused(reason);
        return Task.CompletedTask;
    }
}
