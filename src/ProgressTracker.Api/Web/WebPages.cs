using ProgressTracker.Infrastructure;

namespace ProgressTracker.Web;

/// <summary>
/// The web pages (wwwroot): static HTML, CSS and ES modules that call the JSON API with the user's bearer token, so
/// authorization and access logging stay the API's. They are served before authentication runs: a page holds no
/// data, only the code that asks the API for it.
/// </summary>
public static class WebPages
{
    public static void UseWebPages(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers["X-Content-Type-Options"] = "nosniff";
                if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                {
                    headers.ContentSecurityPolicy = ContentSecurity.Policy;
                    headers["Referrer-Policy"] = "no-referrer";
                    // Pages change with each deployment; always revalidate (ETag), never serve a stale script.
                    headers.CacheControl = "no-cache";
                }
                else
                {
                    headers.CacheControl = "no-cache";
                }
            },
        });
    }
}
