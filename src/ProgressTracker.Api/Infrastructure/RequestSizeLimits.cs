using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// Request body limits per route: Kestrel's own limit is the JSON one (<see cref="JsonBodyCheck.MaxJsonBodyBytes"/>),
/// and a route that takes more says so with <c>[RequestSizeLimit]</c> (the roster import). Kestrel answers a body over
/// the request's limit with 413 before the route reads it.
/// </summary>
public sealed class RequestSizeLimits(RequestDelegate next)
{
    public static void Configure(WebApplicationBuilder builder) =>
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = JsonBodyCheck.MaxJsonBodyBytes);

    public Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } limit
            && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit.MaxRequestBodySize;
        }
        return next(http);
    }
}
