using Microsoft.Net.Http.Headers;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// api.md: student-level answers carry <c>Cache-Control: no-store</c>. Every /api answer gets it (errors, refusals and
/// replayed idempotent answers too), set as the headers go out so that nothing later in the pipeline can drop it; a
/// route that may be cached opts out by setting its own Cache-Control.
/// </summary>
public static class NoStore
{
    public static void UseNoStoreForApi(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            http.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                if (string.IsNullOrEmpty(headers.CacheControl)) headers.CacheControl = CacheControlHeaderValue.NoStoreString;
                return Task.CompletedTask;
            }, http.Response);
        }
        return next(http);
    });
}
