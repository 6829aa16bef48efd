using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ProgressTracker.Infrastructure;

/// <summary>The "Auth" configuration section (api.md "Conventions", Accounts/README.md).</summary>
public sealed class AuthOptions
{
    public const int MinimumKeyBytes = 32;

    /// <summary>Issuer and audience of the service's own HS256 tokens.</summary>
    public string Issuer { get; set; } = "";
    public string Audience { get; set; } = "";
    /// <summary>HS256 key of the service's own tokens (integrations, operators, tests); at least 32 bytes.</summary>
    public string SigningKey { get; set; } = "";
    /// <summary>An institution's OIDC authority whose access tokens the API accepts as bearer tokens.</summary>
    public string Authority { get; set; } = "";
    /// <summary>The audience those tokens must carry; <see cref="Audience"/> when empty.</summary>
    public string AuthorityAudience { get; set; } = "";
    /// <summary>Sign-in of the web pages (authorization code + PKCE).</summary>
    public OidcOptions Oidc { get; set; } = new();
    /// <summary>A page session ends after this long without a request (it renews while used)...</summary>
    public int SessionIdleMinutes { get; set; } = 60;
    /// <summary>...and after this long in any case: then the person signs in again.</summary>
    public int SessionMaxHours { get; set; } = 12;

    public bool HasOwnTokens => !string.IsNullOrWhiteSpace(SigningKey);
    public bool HasAuthority => !string.IsNullOrWhiteSpace(Authority);
    public bool HasOidc => !string.IsNullOrWhiteSpace(Oidc.Authority);

    /// <summary>Why this configuration cannot run, one sentence each: the service refuses to start on any (api.md).</summary>
    public IReadOnlyList<string> Problems()
    {
        List<string> problems = [];
        if (!HasOwnTokens && !HasAuthority && !HasOidc)
        {
            problems.Add("No way to authenticate is configured: set Auth:Oidc:Authority (web sign-in), Auth:Authority " +
                "(bearer tokens of your identity provider) or Auth:SigningKey (the service's own tokens).");
        }
        if (HasOwnTokens && Encoding.UTF8.GetByteCount(SigningKey) < MinimumKeyBytes)
            problems.Add($"Auth:SigningKey is shorter than {MinimumKeyBytes} bytes.");
        if (HasOwnTokens && (string.IsNullOrWhiteSpace(Issuer) || string.IsNullOrWhiteSpace(Audience)))
            problems.Add("Auth:Issuer and Auth:Audience must be set for the service's own tokens.");
        if (HasAuthority && string.IsNullOrWhiteSpace(AuthorityAudience) && string.IsNullOrWhiteSpace(Audience))
            problems.Add("Auth:AuthorityAudience (or Auth:Audience) must be set to accept tokens of Auth:Authority.");
        if (HasAuthority && !SecureOrLoopback(Authority, allowLoopbackHttp: true))
            problems.Add("Auth:Authority must be an https address (http only on this machine's loopback).");
        if (HasOidc)
        {
            if (string.IsNullOrWhiteSpace(Oidc.ClientId)) problems.Add("Auth:Oidc:ClientId must be set with Auth:Oidc:Authority.");
            if (!SecureOrLoopback(Oidc.Authority, allowLoopbackHttp: !Oidc.RequireHttpsMetadata))
            {
                problems.Add("Auth:Oidc:Authority must be an https address; only a provider on this machine's loopback may " +
                    "use http, with Auth:Oidc:RequireHttpsMetadata=false.");
            }
        }
        if (SessionIdleMinutes <= 0 || SessionMaxHours <= 0)
            problems.Add("Auth:SessionIdleMinutes and Auth:SessionMaxHours must be positive.");
        return problems;
    }

    /// <summary>https always passes; http only for a loopback host (a local provider in the demo and the tests).</summary>
    private static bool SecureOrLoopback(string address, bool allowLoopbackHttp)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme == Uri.UriSchemeHttps) return true;
        return allowLoopbackHttp && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
    }
}

public sealed class OidcOptions
{
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public bool RequireHttpsMetadata { get; set; } = true;
}

/// <summary>The authentication schemes, by name.</summary>
public static class AuthSchemes
{
    /// <summary>The service's own HS256 tokens: their role claims are honored.</summary>
    public const string Own = JwtBearerDefaults.AuthenticationScheme;
    /// <summary>Access tokens of the institution's provider: no role of theirs is honored; the account gives it.</summary>
    public const string Authority = "authority";
    /// <summary>The web pages' session cookie, set by the OIDC sign-in.</summary>
    public const string Session = "session";
    public const string Oidc = "oidc";
    /// <summary>Picks one of the above per request: a bearer token by its issuer, else the session cookie.</summary>
    public const string Select = "select";
}

public static class Authentication
{
    /// <summary>The algorithms an identity provider may sign with: asymmetric only, never "none" or a shared key.</summary>
    private static readonly string[] ProviderAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public const string SessionCookie = "pt.session";

    public static AuthOptions AddProgressTrackerAuthentication(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Auth");
        var auth = section.Get<AuthOptions>() ?? new AuthOptions();
        builder.Services.AddSingleton(auth);
        // Checked when the host starts (not when a command such as db-apply only builds it).
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidation>();
        builder.Services.AddOptions<AuthOptions>().Bind(section).ValidateOnStart();

        var authentication = builder.Services.AddAuthentication(AuthSchemes.Select)
            .AddPolicyScheme(AuthSchemes.Select, "Bearer token or session", o => o.ForwardDefaultSelector = http => SchemeFor(http, auth));

        // The web pages' session, set by the OIDC sign-in (Accounts): HttpOnly, Lax (sent when the provider sends the
        // browser back here, never on another site's POST), renewed while used. The API answers status codes; the
        // pages go to the sign-in page themselves.
        authentication.AddCookie(AuthSchemes.Session, cookie =>
        {
            cookie.Cookie.Name = SessionCookie;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // Secure always, but in Development (plain http on this machine; browsers also allow it on localhost).
            cookie.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(auth.SessionIdleMinutes);
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
            cookie.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
        });

        // Own tokens: HS256 with the configured key, typ JWT, issuer and audience pinned.
        if (auth.HasOwnTokens) authentication.AddJwtBearer(AuthSchemes.Own, jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = auth.Issuer,
                ValidAudience = auth.Audience,
                ValidateIssuer = true,
                ValidateAudience = true,
                ValidateLifetime = true,
                ValidateIssuerSigningKey = true,
                RequireSignedTokens = true,
                IssuerSigningKey = SigningKey(auth),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ValidTypes = ["JWT"],
                RoleClaimType = "role",
                NameClaimType = "sub",
                // Names the identity after its scheme: AccountResolution tells own tokens from the provider's by it.
                AuthenticationType = AuthSchemes.Own,
            };
        });

        if (auth.HasAuthority)
        {
            authentication.AddJwtBearer(AuthSchemes.Authority, jwt =>
            {
                jwt.Authority = auth.Authority;
                jwt.RequireHttpsMetadata = new Uri(auth.Authority).Scheme == Uri.UriSchemeHttps;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidAudience = string.IsNullOrWhiteSpace(auth.AuthorityAudience) ? auth.Audience : auth.AuthorityAudience,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    RequireSignedTokens = true,
                    ValidAlgorithms = ProviderAlgorithms,
                    ValidTypes = ["at+jwt", "JWT"],
                    NameClaimType = "sub",
                    AuthenticationType = AuthSchemes.Authority,
                };
                jwt.Events = new JwtBearerEvents { OnTokenValidated = c => { c.Principal = WhoOnly(c.Principal); return Task.CompletedTask; } };
            });
        }
        builder.Services.AddProgressTrackerPolicies();
        return auth;
    }

    /// <summary>
    /// A bearer token goes to the scheme of its issuer (read unvalidated, only to choose; that scheme validates it);
    /// a request without one, to the session cookie. A bearer token no scheme takes authenticates nobody (401).
    /// </summary>
    private static string SchemeFor(HttpContext http, AuthOptions auth)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthSchemes.Session;
        if (!auth.HasAuthority) return auth.HasOwnTokens ? AuthSchemes.Own : AuthSchemes.Session;
        if (!auth.HasOwnTokens) return AuthSchemes.Authority;
        return IssuerOf(header["Bearer ".Length..].Trim()) == auth.Issuer ? AuthSchemes.Own : AuthSchemes.Authority;
    }

    private static string? IssuerOf(string token)
    {
        try
        {
            return new JsonWebTokenHandler().CanReadToken(token) ? new JsonWebToken(token).Issuer : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Keeps only who a provider's token names (issuer and subject): no claim of the provider's (a role, a scope, an
    /// account id, whatever its letter case) can reach the route policies or the logs; the account gives the rest.
    /// </summary>
    private static System.Security.Claims.ClaimsPrincipal? WhoOnly(System.Security.Claims.ClaimsPrincipal? principal)
    {
        var subject = principal?.FindFirst("sub")?.Value;
        var issuer = principal?.FindFirst("iss")?.Value;
        if (subject is null || issuer is null) return null;
        return new(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim("sub", subject), new System.Security.Claims.Claim("iss", issuer)],
            AuthSchemes.Authority, "sub", "role"));
    }

    public static SymmetricSecurityKey SigningKey(AuthOptions auth) => new(Encoding.UTF8.GetBytes(auth.SigningKey));

    private sealed class AuthOptionsValidation : IValidateOptions<AuthOptions>
    {
        public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}

/// <summary>Issues HS256 tokens signed with <c>Auth:SigningKey</c>: for the `token` command and the tests, never for people.</summary>
public static class DevelopmentTokens
{
    public static string Create(AuthOptions auth, string subject, string role, IReadOnlyDictionary<string, string>? scope = null,
        TimeSpan? lifetime = null)
    {
        if (string.IsNullOrWhiteSpace(auth.SigningKey))
            throw new InvalidOperationException("Auth:SigningKey is not set; the service's own tokens need it.");

        var claims = new Dictionary<string, object> { ["sub"] = subject, ["role"] = role };
        foreach (var (name, value) in scope ?? new Dictionary<string, string>()) claims[name] = value;

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(Authentication.SigningKey(auth), SecurityAlgorithms.HmacSha256),
        });
    }
}
