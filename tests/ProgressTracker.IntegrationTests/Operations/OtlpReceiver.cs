using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProgressTracker.IntegrationTests.Operations;

/// <summary>One span as the service exported it: the instrumentation scope that made it, and its ids in hex.</summary>
public sealed record ReceivedSpan(string Scope, string Name, string TraceId, string SpanId, string ParentSpanId);

/// <summary>
/// The smallest OTLP/HTTP receiver: Kestrel on 127.0.0.1 and a free port, taking <c>POST /v1/traces</c> in protobuf
/// (OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf) and reading just the fields a test looks at; metrics and logs are
/// accepted and dropped. The wire format is read by hand (a few lines) rather than through generated OTLP types.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();

    private OtlpReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            foreach (var span in ReadTraces(body.ToArray())) _spans.Enqueue(span);
            return Results.Ok();
        });
        _app.MapPost("/v1/{signal}", () => Results.Ok());
    }

    /// <summary>The base address to set as OTEL_EXPORTER_OTLP_ENDPOINT.</summary>
    public string Address { get; private set; } = "";

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        await receiver._app.StartAsync();
        receiver.Address = receiver._app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.Single();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1 }; ResourceSpans { repeated ScopeSpans
    // scope_spans = 2 }; ScopeSpans { InstrumentationScope scope = 1 (name = 1); repeated Span spans = 2 };
    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5 } (opentelemetry-proto).
    private static IEnumerable<ReceivedSpan> ReadTraces(byte[] request)
    {
        foreach (var resourceSpans in Fields(request).Where(f => f.Number == 1))
        foreach (var scopeSpans in Fields(resourceSpans.Value).Where(f => f.Number == 2))
        {
            var scope = Fields(scopeSpans.Value).Where(f => f.Number == 1)
                .SelectMany(s => Fields(s.Value).Where(f => f.Number == 1)).Select(f => Text(f.Value)).FirstOrDefault() ?? "";
            foreach (var span in Fields(scopeSpans.Value).Where(f => f.Number == 2))
            {
                var fields = Fields(span.Value).ToLookup(f => f.Number, f => f.Value);
                yield return new ReceivedSpan(scope, Text(fields[5].FirstOrDefault()), Hex(fields[1].FirstOrDefault()),
                    Hex(fields[2].FirstOrDefault()), Hex(fields[4].FirstOrDefault()));
            }
        }
    }

    private static string Text(ReadOnlyMemory<byte> value) => System.Text.Encoding.UTF8.GetString(value.Span);

    private static string Hex(ReadOnlyMemory<byte> value) => Convert.ToHexStringLower(value.Span);

    /// <summary>The fields of one protobuf message; only length-delimited ones keep their value (the rest are skipped).</summary>
    private static IEnumerable<(int Number, ReadOnlyMemory<byte> Value)> Fields(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = Varint(message.Span, ref position);
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0: Varint(message.Span, ref position); break;
                case 1: position += 8; break;
                case 5: position += 4; break;
                case 2:
                    var length = (int)Varint(message.Span, ref position);
                    yield return (number, message.Slice(position, length));
                    position += length;
                    break;
                default: throw new InvalidDataException($"Unexpected protobuf wire type {key & 7}.");
            }
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
    }
}
