using System.Security.Claims;

namespace ProgressTracker.Infrastructure;

/// <summary>Who is calling, from the bearer token's claims (api.md "Authentication").</summary>
public sealed record Caller(string Subject, string Role)
{
    public const string Anonymous = "anonymous";

    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? Anonymous,
        user.FindFirstValue("role") ?? user.FindFirstValue(ClaimTypes.Role) ?? Anonymous);
}
