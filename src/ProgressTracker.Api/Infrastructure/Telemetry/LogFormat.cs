namespace ProgressTracker.Infrastructure.Telemetry;

/// <summary>
/// <c>Logging:Format</c>: <c>json</c> writes one JSON object a line with its scopes, which carry the trace and span ids
/// of the request (ActivityTrackingOptions), so a log line is found from a trace and back; <c>simple</c> is the
/// readable form (Development). Messages hold ids, never names or e-mails (IntegrationTests/Access/privacy_in_logs).
/// </summary>
public static class LogFormat
{
    public static void AddLogFormat(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        switch (builder.Configuration["Logging:Format"]?.Trim().ToLowerInvariant())
        {
            case "json":
                builder.Logging.AddJsonConsole(o =>
                {
                    o.IncludeScopes = true;
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                });
                break;
            case "simple":
                builder.Logging.AddSimpleConsole();
                break;
            case null or "":
                break;
            case var other:
                throw new InvalidOperationException($"Logging:Format must be json or simple, not '{other}'.");
        }
    }
}
