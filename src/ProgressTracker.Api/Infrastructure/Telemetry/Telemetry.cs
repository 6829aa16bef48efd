using Marten;
using JasperFx.OpenTelemetry;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ProgressTracker.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry traces, metrics and logs (ops/README.md "Telemetry"). Exported over OTLP only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and scrapeable at <c>/metrics</c> only when <c>Telemetry:Prometheus</c> is
/// true: with neither, nothing is registered and the service runs as it did without telemetry.
/// </summary>
public static class Telemetry
{
    public const string PrometheusSetting = "Telemetry:Prometheus";

    /// <summary>The libraries' own sources and meters (their names checked in Marten's and Wolverine's code).</summary>
    private static readonly string[] Sources = ["Marten", "Wolverine"];

    // Wolverine's meter is "Wolverine:" + its service name (the entry assembly's name unless set).
    private static readonly string[] Meters = [ServiceMetrics.MeterName, "Marten", "Wolverine:*"];

    public static void AddProgressTrackerTelemetry(this WebApplicationBuilder builder)
    {
        builder.AddLogFormat();
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var prometheus = builder.Configuration.GetValue<bool>(PrometheusSetting);
        if (!otlp && !prometheus) return;

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "progress-tracker"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddNpgsqlInstrumentation().AddMeter(Meters);
                if (prometheus) metrics.AddPrometheusExporter();
            });
        // Marten's counter of appended events, and a span per session connection (its commands as span events).
        builder.Services.ConfigureMarten(opts =>
        {
            opts.OpenTelemetry.TrackEventCounters();
            if (otlp) opts.OpenTelemetry.TrackConnections = TrackLevel.Normal;
        });
        if (!otlp) return;

        otel.WithTracing(tracing => tracing
                // Probes every few seconds would be most of the traces.
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddNpgsql()
                .AddSource(Sources))
            .WithLogging()
            // Endpoint, protocol, headers and intervals from the standard OTEL_* variables (read from configuration).
            .UseOtlpExporter();
    }

    /// <summary>
    /// <c>GET /metrics</c> in Prometheus text format, for an admin only (api.md); not mapped at all, so a 404, when
    /// <c>Telemetry:Prometheus</c> is false.
    /// </summary>
    public static void MapProgressTrackerMetrics(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(PrometheusSetting)) return;
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Policies.Admin);
    }
}
