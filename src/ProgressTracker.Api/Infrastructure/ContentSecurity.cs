namespace ProgressTracker.Infrastructure;

/// <summary>The pages' Content-Security-Policy, also sent by the API routes that answer a page of their own.</summary>
public static class ContentSecurity
{
    /// <summary>Only this host's own scripts, styles and API; no inline script, no third-party origin, no framing.</summary>
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}
