using Microsoft.AspNetCore.Antiforgery;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Accounts;

/// <summary>
/// A request carried by the session cookie that the browser marks cross-site is refused, and a write must also carry
/// the antiforgery token the page fetched from /auth/csrf: a browser sends the cookie along with another site's
/// request, but that site cannot read the token. Bearer tokens are not sent by browsers on their own, so bearer
/// writes need no token.
/// </summary>
public sealed class CsrfCheck(RequestDelegate next)
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async Task InvokeAsync(HttpContext http, IAntiforgery antiforgery, SecurityEvents security)
    {
        // Reads log an access in the reader's name, so another site must not make the browser read either: a request
        // the browser itself marks cross-site (a link, an image, a top-level navigation) gets nothing with the cookie.
        if (http.User.Identity is { IsAuthenticated: true, AuthenticationType: AuthSchemes.Session }
            && http.Request.Path.StartsWithSegments("/api")
            && string.Equals(http.Request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            await security.RefusedAsync(http, "cross-site-request");
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                detail: "Another site asked for this with your ProgressTracker session; open it from ProgressTracker's own pages.")
                .ExecuteAsync(http);
            return;
        }
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && !HttpMethods.IsOptions(http.Request.Method)
            && http.User.Identity is { IsAuthenticated: true, AuthenticationType: AuthSchemes.Session }
            && !await antiforgery.IsRequestValidAsync(http))
        {
            await security.RefusedAsync(http, "csrf-token-missing-or-invalid");
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                detail: "This write did not come from a ProgressTracker page (antiforgery token missing or invalid). Reload the page and try again.")
                .ExecuteAsync(http);
            return;
        }
        await next(http);
    }
}
