namespace ProgressTracker.Infrastructure.Security;

/// <summary>
/// Records every refused access in the security log: each 401 and 403 answer, and each 404 that a route marked as a
/// record the caller may not see (<see cref="AccessRefusals.MarkRefused"/>). Other answers write nothing, so normal
/// requests cost one status check.
/// </summary>
public sealed class RefusalRecorder(RequestDelegate next)
{
    /// <summary>
    /// Set in <see cref="HttpContext.Items"/> by code that has recorded its own event for this answer (a failed sign-in
    /// answering 401), so the refusal is not recorded twice.
    /// </summary>
    public const string RecordedKey = "pt.security-recorded";

    public async Task InvokeAsync(HttpContext http, SecurityLog log)
    {
        await next(http);

        var status = http.Response.StatusCode;
        var reason = status switch
        {
            StatusCodes.Status401Unauthorized => http.Request.Headers.Authorization.Count == 0 ? "no-credentials" : "invalid-credentials",
            StatusCodes.Status403Forbidden => AccessRefusals.RefusalOf(http) ?? "forbidden",
            StatusCodes.Status404NotFound => AccessRefusals.RefusalOf(http),
            _ => null,
        };
        if (reason is null || http.Items.ContainsKey(RecordedKey)) return;

        var caller = http.User.Identity?.IsAuthenticated == true ? Caller.From(http.User) : null;
        Guid? account = Guid.TryParse(http.User.FindFirst("account_id")?.Value, out var id) ? id : null;
        // Recorded even if the client has gone: the refusal happened.
        await log.RecordAsync(new SecurityEvent(SecurityEvent.Kinds.AccessRefused, caller?.Subject, account,
            RouteOf(http), status, reason), CancellationToken.None);
    }

    /// <summary>The method and route template, not the path: the template carries no ids or query values.</summary>
    private static string RouteOf(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template }
            ? $"{http.Request.Method} /{template.TrimStart('/')}"
            : $"{http.Request.Method} (no route)";
}
