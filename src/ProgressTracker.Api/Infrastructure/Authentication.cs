using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace ProgressTracker.Infrastructure;

/// <summary>The "Auth" configuration section (api.md "Authentication").</summary>
public sealed class AuthOptions
{
    public string Issuer { get; set; } = "";
    public string Audience { get; set; } = "";
    /// <summary>HS256 key for development and tests; at least 32 bytes.</summary>
    public string SigningKey { get; set; } = "";
    /// <summary>An OIDC authority for production; when set, keys come from its discovery document.</summary>
    public string Authority { get; set; } = "";
}

public static class Authentication
{
    public static void AddProgressTrackerAuthentication(this WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();
        builder.Services.AddSingleton(auth);

        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                // Keep the token's claim names ("sub", "role", "advisor_id") as they are.
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Issuer,
                    ValidAudience = auth.Audience,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    RoleClaimType = "role",
                    NameClaimType = "sub",
                };
                if (!string.IsNullOrWhiteSpace(auth.Authority))
                {
                    jwt.Authority = auth.Authority;
                }
                else if (!string.IsNullOrWhiteSpace(auth.SigningKey))
                {
                    jwt.TokenValidationParameters.IssuerSigningKey = SigningKey(auth);
                    jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
                }
            });
        builder.Services.AddProgressTrackerPolicies();
    }

    public static SymmetricSecurityKey SigningKey(AuthOptions auth) => new(Encoding.UTF8.GetBytes(auth.SigningKey));
}

/// <summary>Issues HS256 tokens signed with <c>Auth:SigningKey</c>: for the `token` command and the tests, never for production.</summary>
public static class DevelopmentTokens
{
    public static string Create(AuthOptions auth, string subject, string role, IReadOnlyDictionary<string, string>? scope = null,
        TimeSpan? lifetime = null)
    {
        if (string.IsNullOrWhiteSpace(auth.SigningKey))
            throw new InvalidOperationException("Auth:SigningKey is not set; development tokens need it.");

        var claims = new Dictionary<string, object> { ["sub"] = subject, ["role"] = role };
        foreach (var (name, value) in scope ?? new Dictionary<string, string>()) claims[name] = value;

        var now = DateTime.UtcNow;
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
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
