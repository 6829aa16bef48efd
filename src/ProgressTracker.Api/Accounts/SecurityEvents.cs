using ProgressTracker.Infrastructure;

namespace ProgressTracker.Accounts;

/// <summary>What sign-in tells the security log: ids and reasons, never a name or an e-mail (domain.md section 2).</summary>
public sealed class SecurityEvents(ILogger<SecurityEvents> logger)
{
    public Task SignedInAsync(HttpContext http, string subject, Binding binding)
    {
        logger.LogInformation("Sign-in {Outcome} for account {AccountId}", binding.Outcome, binding.AccountId);
        return Task.CompletedTask;
    }

    public Task SignInFailedAsync(HttpContext http, string reason)
    {
        logger.LogWarning("Sign-in failed: {Reason}", reason);
        return Task.CompletedTask;
    }

    public Task RefusedAsync(HttpContext http, string reason)
    {
        http.MarkRefused(reason);
        return Task.CompletedTask;
    }
}
