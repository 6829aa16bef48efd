namespace ProgressTracker.Web;

/// <summary>
/// The web pages (wwwroot): static HTML, CSS and ES modules that call the JSON API with the user's bearer token, so
/// authorization and access logging stay the API's. They are served before authentication runs: a page holds no
/// data, only the code that asks the API for it.
/// </summary>
public static class WebPages
{
    /// <summary>Only this host's own scripts, styles and API; no inline script, no third-party origin, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

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
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
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
