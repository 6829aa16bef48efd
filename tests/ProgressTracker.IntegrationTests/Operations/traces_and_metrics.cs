using System.Diagnostics;
using System.Text.Json;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Students;

namespace ProgressTracker.IntegrationTests.Operations;

/// <summary>
/// ops/README.md "Telemetry". The shared host runs without telemetry (the default); these tests start a second
/// host over the same database and schema with OTLP export or the Prometheus endpoint turned on.
/// </summary>
public sealed class traces_and_metrics(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_milestone_write_is_one_trace_from_the_http_request_to_the_postgresql_commands()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        await using var traced = await StartAsync(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.Address), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));

        await traced.Record(student, "volunteering", Bodies.For("volunteering", Guid.Empty));
        // The exporter batches: flush rather than wait for its interval (a flush returns once the receiver answered).
        // The request's own span ends only after the client has its answer, so it may take another flush.
        var provider = traced.Services.GetRequiredService<TracerProvider>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        ReceivedSpan? request;
        do
        {
            provider.ForceFlush(5_000).ShouldBeTrue();
            request = receiver.Spans.FirstOrDefault(s => s.Scope == "Microsoft.AspNetCore"
                && s.Name.StartsWith("POST", StringComparison.Ordinal) && s.Name.Contains("volunteering", StringComparison.Ordinal));
            if (request is null) await Task.Delay(100, TestContext.Current.CancellationToken);
        } while (request is null && DateTime.UtcNow < deadline);

        var spans = receiver.Spans.ToList();
        request.ShouldNotBeNull(string.Join("; ", spans.Select(s => $"{s.Scope}: {s.Name}")));
        var trace = spans.Where(s => s.TraceId == request.TraceId).ToList();
        var seen = string.Join("; ", trace.Select(s => $"{s.Scope}: {s.Name}"));
        // The request's span is named by the route of the Wolverine endpoint that handled it (Wolverine's HTTP
        // endpoints run inside that span rather than opening one of their own).
        request.Name.ShouldBe("POST /api/students/{id}/volunteering", seen);
        request.ParentSpanId.ShouldBeEmpty(seen);
        // Marten's span for the session's connection, and Npgsql's for each PostgreSQL command, in the request's trace.
        trace.ShouldContain(s => s.Scope == "Marten", seen);
        trace.Count(s => s.Scope == "Npgsql").ShouldBeGreaterThanOrEqualTo(2, seen);
        trace.ShouldAllBe(s => s.SpanId.Length == 16 && s.TraceId.Length == 32, seen);
    }

    [Fact]
    public async Task metrics_are_not_served_unless_turned_on_and_then_to_an_admin_only()
    {
        // The shared host has Telemetry:Prometheus at its default, false: no route at all, even for an admin.
        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url("/metrics");
            x.StatusCodeShouldBe(404);
        });

        var advisor = await Host.RegisterAdvisor();
        var student = await Host.RegisterStudent(advisor);
        await using var scraped = await StartAsync(("Telemetry:Prometheus", "true"));
        await scraped.Record(student, "volunteering", Bodies.For("volunteering", Guid.Empty));
        await scraped.Timeline(student);

        await scraped.Scenario(x =>
        {
            x.Get.Url("/metrics");
            x.StatusCodeShouldBe(401);
        });
        await scraped.Scenario(x =>
        {
            x.As(Identities.Advisor(advisor));
            x.Get.Url("/metrics");
            x.StatusCodeShouldBe(403);
        });
        var result = await scraped.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url("/metrics");
            x.StatusCodeShouldBeOk();
        });
        result.Context.Response.ContentType.ShouldNotBeNull().ShouldStartWith("text/plain");
        var text = await result.ReadAsTextAsync();
        text.ShouldContain("progress_tracker_milestones_appended_total{");
        text.ShouldContain("kind=\"volunteering\"");
        text.ShouldContain("progress_tracker_access_log_rows_total");
        text.ShouldContain("http_server_request_duration_seconds");
    }

    [Fact]
    public async Task json_logs_carry_the_trace_and_span_ids_of_the_request()
    {
        var scopes = new ScopeCapture();
        await using var logging = await StartAsync([("Logging:Format", "json")], s => s.AddSingleton<ILoggerProvider>(scopes));
        var console = logging.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        var formatter = logging.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == console.FormatterName);
        formatter.Name.ShouldBe(ConsoleFormatterNames.Json);

        // The host's own formatter and scope provider (the one every logger of the host shares), inside an activity as
        // a request's would be.
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();
        using var writer = new StringWriter();
        formatter.Write(new LogEntry<string>(LogLevel.Information, "Test", new EventId(1), "written", null, (m, _) => m),
            scopes.Provider.ShouldNotBeNull(), writer);

        using var line = JsonDocument.Parse(writer.ToString());
        line.RootElement.GetProperty("Message").GetString().ShouldBe("written");
        var scope = line.RootElement.GetProperty("Scopes").EnumerateArray().Single(s => s.TryGetProperty("TraceId", out _));
        scope.GetProperty("TraceId").GetString().ShouldBe(activity.TraceId.ToHexString());
        scope.GetProperty("SpanId").GetString().ShouldBe(activity.SpanId.ToHexString());
    }

    /// <summary>Keeps the scope provider the host's logger factory hands to its providers.</summary>
    private sealed class ScopeCapture : ILoggerProvider, ISupportExternalScope
    {
        public IExternalScopeProvider? Provider { get; private set; }
        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => Provider = scopeProvider;
        public ILogger CreateLogger(string categoryName) => NullLogger.Instance;
        public void Dispose() { }
    }

    /// <summary>A second host over the shared database and schema (no schema work: the shared host made it).</summary>
    private Task<IAlbaHost> StartAsync(params (string Key, string Value)[] settings) => StartAsync(settings, _ => { });

    private Task<IAlbaHost> StartAsync((string Key, string Value)[] settings, Action<IServiceCollection> services) =>
        SecondHost.StartAsync(Host, settings, services: services);
}
