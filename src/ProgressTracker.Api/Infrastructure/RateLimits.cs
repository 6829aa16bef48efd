using System.Globalization;
using System.Threading.RateLimiting;

namespace ProgressTracker.Infrastructure;

/// <summary>The "RateLimit" settings: requests per caller; 0 turns a limit off.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests under /api per caller per minute: far above what a person or a sync job sends.</summary>
    public int PermitsPerMinute { get; set; } = 1200;

    /// <summary>Roster imports started per caller per hour.</summary>
    public int ImportsPerHour { get; set; } = 60;
}

/// <summary>
/// ASP.NET Core's rate limiter, one fixed window per caller: the token's <c>sub</c> when signed in, else the remote
/// address. Only /api is limited (health checks, OpenAPI and the web pages' files are not). Over the limit: 429 with
/// <c>Retry-After</c> and a problem details body.
/// </summary>
public static class RateLimits
{
    /// <summary>The policy of the import route, on top of the per-minute limit.</summary>
    public const string Imports = "imports";

    public static void AddProgressTrackerRateLimits(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("RateLimit").Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments("/api")
                    ? Window($"minute:{CallerKey(http)}", options.PermitsPerMinute, TimeSpan.FromMinutes(1))
                    : RateLimitPartition.GetNoLimiter("open"));
            limiter.AddPolicy(Imports, http => Window($"imports:{CallerKey(http)}", options.ImportsPerHour, TimeSpan.FromHours(1)));
            limiter.OnRejected = (context, ct) => Reject(context.HttpContext, context.Lease);
        });
    }

    /// <summary>Who is counted: the signed-in subject, or the address of an anonymous caller.</summary>
    private static string CallerKey(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true && http.User.FindFirst("sub")?.Value is { Length: > 0 } subject
            ? $"sub:{subject}"
            : $"ip:{http.Connection.RemoteIpAddress}";

    private static RateLimitPartition<string> Window(string key, int permits, TimeSpan window) => permits <= 0
        ? RateLimitPartition.GetNoLimiter(key)
        : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true,
        });

    private static async ValueTask Reject(HttpContext http, RateLimitLease lease)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: $"This caller has sent more requests than the service allows; try again in {seconds} seconds.")
            .ExecuteAsync(http);
    }
}
