using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Accounts;

/// <summary>
/// The web pages' sign-in: OpenID Connect (authorization code + PKCE) against the institution's provider, then a
/// cookie session held by the service. The browser never holds a token: the cookie is HttpOnly, and it carries only
/// who the person is at their provider (issuer and subject); their role comes from their account on every request
/// (<see cref="AccountResolution"/>).
/// </summary>
public static class SignIn
{
    /// <summary>When the session began (Unix seconds): it ends <c>Auth:SessionMaxHours</c> later, however active.</summary>
    private const string SessionStart = "session_start";
    private const string IssuerItem = "pt.issuer";

    public static void AddProgressTrackerSignIn(this WebApplicationBuilder builder, AuthOptions auth)
    {
        // The cookie itself is Infrastructure's; a session also ends Auth:SessionMaxHours after sign-in, however active.
        builder.Services.PostConfigure<CookieAuthenticationOptions>(AuthSchemes.Session,
            cookie => cookie.Events.OnValidatePrincipal = c => EndOldSessions(c, auth));

        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = CsrfCheck.HeaderName;
            o.Cookie.Name = "pt.csrf";
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });

        if (!auth.HasOidc) return;
        new AuthenticationBuilder(builder.Services).AddOpenIdConnect(AuthSchemes.Oidc, oidc =>
        {
            oidc.Authority = auth.Oidc.Authority;
            oidc.ClientId = auth.Oidc.ClientId;
            oidc.ClientSecret = auth.Oidc.ClientSecret;
            oidc.RequireHttpsMetadata = auth.Oidc.RequireHttpsMetadata;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.UsePkce = true;
            // No front-channel sign-out from the provider: anyone could send the browser there (the session holds no sid).
            oidc.RemoteSignOutPath = "/auth/no-remote-sign-out";
            oidc.SignInScheme = AuthSchemes.Session;
            // The service needs who the person is, not their tokens: nothing is kept.
            oidc.SaveTokens = false;
            oidc.MapInboundClaims = false;
            oidc.GetClaimsFromUserInfoEndpoint = true;
            oidc.Scope.Clear();
            foreach (var scope in new[] { "openid", "email", "profile" }) oidc.Scope.Add(scope);
            oidc.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
            oidc.Events = new OpenIdConnectEvents
            {
                OnTokenValidated = c =>
                {
                    c.Properties!.Items[IssuerItem] = c.SecurityToken.Issuer;
                    return Task.CompletedTask;
                },
                OnTicketReceived = OnSignedInAsync,
                OnRemoteFailure = OnFailedAsync,
            };
        });
    }

    public static void MapSignIn(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<AuthOptions>();
        var group = app.MapGroup("/auth").AllowAnonymous().ExcludeFromDescription();

        group.MapGet("/sign-in", (string? returnUrl) => auth.HasOidc
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalReturnUrl(returnUrl) }, [AuthSchemes.Oidc])
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Sign-in is not configured",
                detail: "This server has no identity provider (Auth:Oidc:Authority). Ask your administrator."));

        // Ends the service's session (CsrfCheck has checked the request came from our own page), and answers where
        // the provider ends its own: otherwise, on a shared computer, the next person's sign-in would be the last one's.
        group.MapPost("/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(AuthSchemes.Session);
            return Results.Ok(new { endSession = auth.HasOidc ? await EndSessionUrlAsync(http, auth) : null });
        });

        // The token the pages send back in X-CSRF-TOKEN with every write.
        group.MapGet("/csrf", (HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new { token = antiforgery.GetAndStoreTokens(http).RequestToken });
        });
    }

    /// <summary>The provider's end-session address (RP-initiated logout), coming back to this site's sign-in page.</summary>
    private static async Task<string?> EndSessionUrlAsync(HttpContext http, AuthOptions auth)
    {
        var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<OpenIdConnectOptions>>()
            .Get(AuthSchemes.Oidc);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(http.RequestAborted);
        if (string.IsNullOrEmpty(configuration.EndSessionEndpoint)) return null;
        var back = $"{http.Request.Scheme}://{http.Request.Host}/";
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(configuration.EndSessionEndpoint,
            new Dictionary<string, string?> { ["client_id"] = auth.Oidc.ClientId, ["post_logout_redirect_uri"] = back });
    }

    /// <summary>
    /// Only a path on this site: <c>//evil.example</c>, <c>/\evil.example</c> (browsers read both as another host) and
    /// anything absolute or with control characters fall back to the home page.
    /// </summary>
    public static string LocalReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/') return "/";
        if (returnUrl.Length > 1 && (returnUrl[1] == '/' || returnUrl[1] == '\\')) return "/";
        if (returnUrl.Any(c => char.IsControl(c) || c == '\\')) return "/";
        return returnUrl;
    }

    /// <summary>The provider vouched for the person: bind an invitation on the first sign-in, then keep a slim session.</summary>
    private static async Task OnSignedInAsync(TicketReceivedContext context)
    {
        var principal = context.Principal!;
        var issuer = context.Properties!.Items.TryGetValue(IssuerItem, out var iss) ? iss : null;
        var subject = principal.FindFirstValue("sub");
        if (issuer is null || subject is null)
        {
            context.Fail("The provider's answer names no issuer or subject.");
            return;
        }

        var services = context.HttpContext.RequestServices;
        var binding = await services.GetRequiredService<AccountBinding>().BindAsync(issuer, subject,
            principal.FindFirstValue("email"), IsTrue(principal.FindFirstValue("email_verified")),
            principal.FindFirstValue("name"), context.HttpContext.RequestAborted);

        var identity = new ClaimsIdentity(
        [
            new Claim("sub", subject),
            new Claim("iss", issuer),
            new Claim(SessionStart, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], AuthSchemes.Session, "sub", "role");
        context.Principal = new ClaimsPrincipal(identity);
        await services.GetRequiredService<SecurityEvents>().SignedInAsync(context.HttpContext, subject, binding);
    }

    private static async Task OnFailedAsync(RemoteFailureContext context)
    {
        await context.HttpContext.RequestServices.GetRequiredService<SecurityEvents>()
            .SignInFailedAsync(context.HttpContext, context.Failure?.GetType().Name ?? "unknown");
        context.Response.Redirect("/?signin=failed");
        context.HandleResponse();
    }

    private static async Task EndOldSessions(CookieValidatePrincipalContext context, AuthOptions auth)
    {
        var started = long.TryParse(context.Principal?.FindFirstValue(SessionStart), out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;
        if (DateTimeOffset.UtcNow - started > TimeSpan.FromHours(auth.SessionMaxHours))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Session);
        }
    }

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
