using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProgressTracker.IntegrationTests.Reliability;

/// <summary>
/// One hostile request: what is sent and whether a valid write may still come of it. <c>MayAccept</c> is true when the
/// mutation can leave a valid command (an extra field, an optional field left out, an injection string in free text):
/// a 2xx is then allowed. Everything else must be a 4xx problem that appends nothing; <c>Expected</c> pins the status.
/// </summary>
public sealed record HostileCase(
    string Route, string Name, string Method, string Url, byte[] Body, string? ContentType, bool MayAccept,
    int? Expected = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public override string ToString() => $"{Method} {Route} [{Name}]";
}

/// <summary>A write route and a valid body for it, whose fields the corpus breaks one at a time.</summary>
public sealed record WriteRoute(string Name, string Method, string Url, JsonObject ValidBody, IReadOnlySet<string> Optional);

/// <summary>
/// Generates the hostile corpus for a set of write routes. Deterministic: the random parts (which junk byte, which
/// field gets which wrong type) come from a seeded <see cref="Random"/>, so a failing case can be replayed.
/// </summary>
public static class HostileCorpus
{
    public const int Seed = 20260909;

    /// <summary>Strings aimed at SQL, script, template, path and log injection; free text may keep them verbatim.</summary>
    public static readonly string[] Injections =
    [
        "'; DROP TABLE progress_tracker_tests.mt_events; --",
        "\" OR 1=1 --",
        "Robert'); DELETE FROM mt_streams WHERE ('1'='1",
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "{{7*7}} ${7*7} #{7*7}",
        "../../../../etc/passwd",
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "line1\r\nSet-Cookie: x=1",
        "\u202Egnp.exe",
        "😀 名前 ÄÖÜ",
    ];

    /// <summary>Characters PostgreSQL's jsonb or text types refuse, or that break naive parsers.</summary>
    public static readonly string[] HostileCharacters = ["nul\u0000byte", "\uD800lone-surrogate", "bell\u0007", "\uFFFF"];

    public static IEnumerable<HostileCase> For(IEnumerable<WriteRoute> routes)
    {
        var random = new Random(Seed);
        foreach (var route in routes)
        {
            foreach (var c in Malformed(route, random)) yield return c;
            foreach (var c in FieldMutations(route, random)) yield return c;
            foreach (var c in Structural(route)) yield return c;
            foreach (var c in Headers(route)) yield return c;
        }
    }

    private static HostileCase Json(WriteRoute route, string name, JsonNode? body, bool mayAccept, int? expected = null) =>
        Raw(route, name, Encoding.UTF8.GetBytes(body?.ToJsonString() ?? "null"), "application/json", mayAccept, expected);

    private static HostileCase Raw(WriteRoute route, string name, byte[] body, string? contentType, bool mayAccept = false,
        int? expected = null, IReadOnlyDictionary<string, string>? headers = null) =>
        new(route.Name, name, route.Method, route.Url, body, contentType, mayAccept, expected, headers);

    private static IEnumerable<HostileCase> Malformed(WriteRoute route, Random random)
    {
        var valid = route.ValidBody.ToJsonString();
        string[] texts =
        [
            "", "{", "}", "[]", "null", "true", "42", "\"text\"", "not json", "{\"a\":}", "{'single': 'quotes'}",
            "{\"a\":1,}", "{\"a\" 1}", "{\"a\":1}}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":0x1F}", "{/*c*/}",
            valid[..(valid.Length / 2)], valid + "garbage", valid + valid, valid.Replace("\"", "", StringComparison.Ordinal),
        ];
        foreach (var (text, i) in texts.Select((t, i) => (t, i)))
            yield return Raw(route, $"malformed-{i}", Encoding.UTF8.GetBytes(text), "application/json");

        // Invalid UTF-8 and random bytes.
        yield return Raw(route, "invalid-utf8", [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0xFE, 0x22, 0x7D], "application/json");
        var junk = new byte[512];
        random.NextBytes(junk);
        yield return Raw(route, "random-bytes", junk, "application/json");
        yield return Raw(route, "utf16-bom", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(valid)).ToArray(), "application/json");
    }

    private static IEnumerable<HostileCase> FieldMutations(WriteRoute route, Random random)
    {
        foreach (var (field, value) in route.ValidBody)
        {
            var optional = route.Optional.Contains(field);
            yield return Json(route, $"{field}-missing", Without(route.ValidBody, field), mayAccept: optional);
            yield return Json(route, $"{field}-null", With(route.ValidBody, field, (JsonNode?)null), mayAccept: optional);

            // Wrong JSON kinds: anything but the kind the field holds.
            JsonNode?[] kinds = [JsonValue.Create(12345), JsonValue.Create("a string"), JsonValue.Create(true),
                new JsonObject { ["nested"] = 1 }, new JsonArray(1, 2, 3), JsonValue.Create(-1.5e300)];
            foreach (var wrong in kinds.Where(k => k!.GetValueKind() != value?.GetValueKind()))
                yield return Json(route, $"{field}-as-{wrong!.GetValueKind()}", With(route.ValidBody, field, wrong), mayAccept: false);

            if (value is JsonValue v && v.TryGetValue<string>(out var text))
            {
                foreach (var c in StringMutations(route, field, text, random)) yield return c;
            }
            else if (value is JsonValue n && n.GetValueKind() == JsonValueKind.Number)
            {
                string[] numbers = ["-1", "0", "1.5", "99999999999999999999999", "1e400", "-0", "2147483648"];
                foreach (var number in numbers)
                    yield return Raw(route, $"{field}-number-{number}",
                        Encoding.UTF8.GetBytes(With(route.ValidBody, field, JsonNode.Parse(number)).ToJsonString()), "application/json",
                        mayAccept: true);
            }
        }

        // Extra fields: ignored or refused, never a 500.
        var extra = Clone(route.ValidBody);
        extra["unexpected"] = "x";
        extra["__proto__"] = new JsonObject { ["admin"] = true };
        extra["$type"] = "System.Diagnostics.Process";
        yield return Json(route, "extra-fields", extra, mayAccept: true);

        // Field names in the wrong case, and the body's fields under other names only.
        var shouted = new JsonObject(route.ValidBody.Select(p => KeyValuePair.Create(p.Key.ToUpperInvariant(), p.Value?.DeepClone())));
        yield return Json(route, "upper-case-names", shouted, mayAccept: true);
        yield return Json(route, "empty-object", new JsonObject(), mayAccept: route.ValidBody.All(p => route.Optional.Contains(p.Key)));
    }

    private static IEnumerable<HostileCase> StringMutations(WriteRoute route, string field, string text, Random random)
    {
        // What the field holds decides whether free text may come back accepted.
        var kind = Guid.TryParse(text, out _) ? "guid"
            : DateOnly.TryParseExact(text, "yyyy-MM-dd", out _) ? "date"
            : text.All(c => char.IsLower(c) || c == '-') ? "enum"
            : "text";

        string[] invalid = kind switch
        {
            "guid" => ["not-a-guid", "00000000-0000-0000-0000-000000000000", "{" + text + "}x", text[..^1], "' OR 1=1 --"],
            "date" => ["2024-02-30", "2024-13-01", "2024-1-1", "01/02/2024", "yesterday", "0000-00-00", "9999-12-31",
                "2024-01-01T00:00:00Z", "-2024-01-01", "20240101"],
            "enum" => [text.ToUpperInvariant(), text + " ", "0", "1", "unknown-value", text.Replace('-', '_'), "'; DROP TABLE x; --"],
            _ => [],
        };
        foreach (var (bad, i) in invalid.Select((b, i) => (b, i)).Where(b => b.b != text))
            yield return Json(route, $"{field}-{kind}-invalid-{i}", With(route.ValidBody, field, bad),
                // Reference data may be dated in the future (an accreditation until 9999); milestones may not.
                // Enum names are matched as System.Text.Json matches them: ignoring case and surrounding blanks.
                mayAccept: (bad == "9999-12-31" && !route.Url.StartsWith("/api/students/", StringComparison.Ordinal))
                    || (kind == "enum" && string.Equals(bad.Trim(), text, StringComparison.OrdinalIgnoreCase)));

        if (kind is "enum")
            yield return Json(route, $"{field}-enum-as-number", With(route.ValidBody, field, 0), mayAccept: false);

        // Free text: injections may be stored verbatim; hostile characters and empties may be refused.
        var freeText = kind == "text";
        foreach (var (injection, i) in Injections.Select((s, i) => (s, i)))
            yield return Json(route, $"{field}-injection-{i}", With(route.ValidBody, field, injection), mayAccept: freeText);
        foreach (var (chars, i) in HostileCharacters.Select((s, i) => (s, i)))
            yield return Raw(route, $"{field}-hostile-chars-{i}",
                Encoding.UTF8.GetBytes(With(route.ValidBody, field, chars).ToJsonString(new JsonSerializerOptions
                {
                    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                })), "application/json", mayAccept: freeText);
        yield return Json(route, $"{field}-empty", With(route.ValidBody, field, ""), mayAccept: false);
        yield return Json(route, $"{field}-whitespace", With(route.ValidBody, field, " \t\n "), mayAccept: false);

        // Long strings: over any field's length rule but under the body limit, then over the body limit.
        var letters = new string(Enumerable.Range(0, 60_000).Select(_ => (char)('a' + random.Next(26))).ToArray());
        yield return Json(route, $"{field}-60k-string", With(route.ValidBody, field, letters), mayAccept: false);
        yield return Json(route, $"{field}-over-limit-string", With(route.ValidBody, field, letters + letters), mayAccept: false, expected: 413);
    }

    private static IEnumerable<HostileCase> Structural(WriteRoute route)
    {
        // Deep nesting: under the body limit (the parser's depth limit answers) and over it.
        var field = route.ValidBody.First().Key;
        foreach (var depth in new[] { 33, 1_000, 40_000 })
        {
            var nested = new StringBuilder().Append('{').Append('"').Append(field).Append("\":")
                .Append('[', depth).Append(']', depth).Append('}').ToString();
            yield return Raw(route, $"nested-{depth}", Encoding.UTF8.GetBytes(nested), "application/json",
                expected: nested.Length > 64 * 1024 ? 413 : null);
        }

        // A big body of padding fields, and one just over 64 KiB sent chunked (no Content-Length): both 413.
        var padded = Clone(route.ValidBody);
        for (var i = 0; i < 3_000; i++) padded[$"pad{i}"] = "xxxxxxxxxxxxxxxxxxxx";
        yield return Json(route, "padded-over-limit", padded, mayAccept: false, expected: 413);
        yield return Raw(route, "over-limit-chunked", Encoding.UTF8.GetBytes(padded.ToJsonString()), "application/json",
            expected: 413, headers: new Dictionary<string, string> { ["x-test-chunked"] = "true" });

        // The right JSON under other content types, and none at all.
        var valid = Encoding.UTF8.GetBytes(route.ValidBody.ToJsonString());
        yield return Raw(route, "as-text-plain", valid, "text/plain");
        yield return Raw(route, "as-xml", Encoding.UTF8.GetBytes("<body><name>x</name></body>"), "application/xml");
        yield return Raw(route, "as-form", Encoding.UTF8.GetBytes("name=x&email=y"), "application/x-www-form-urlencoded");
        yield return Raw(route, "no-content-type-junk", Encoding.UTF8.GetBytes("not json"), null);
    }

    private static IEnumerable<HostileCase> Headers(WriteRoute route)
    {
        var valid = Encoding.UTF8.GetBytes(route.ValidBody.ToJsonString());
        foreach (var (ifMatch, i) in new[] { "abc", "\"-1\"", "\"0\"", "\"99999999999999999999999\"", "W/\"x\"", "\"1", "\"1.5\"" }
            .Select((h, i) => (h, i)))
        {
            yield return Raw(route, $"if-match-{i}", valid, "application/json", mayAccept: !route.Url.StartsWith("/api/students/", StringComparison.Ordinal),
                headers: new Dictionary<string, string> { ["If-Match"] = ifMatch });
        }
        yield return Raw(route, "idempotency-key-too-long", valid, "application/json", expected: 400,
            headers: new Dictionary<string, string> { ["Idempotency-Key"] = new string('k', 500) });
    }

    private static JsonObject Clone(JsonObject body) => body.DeepClone().AsObject();

    private static JsonObject Without(JsonObject body, string field)
    {
        var copy = Clone(body);
        copy.Remove(field);
        return copy;
    }

    private static JsonObject With(JsonObject body, string field, JsonNode? value)
    {
        var copy = Clone(body);
        copy[field] = value;
        return copy;
    }

    private static JsonObject With(JsonObject body, string field, string value) => With(body, field, JsonValue.Create(value));

    private static JsonObject With(JsonObject body, string field, int value) => With(body, field, JsonValue.Create(value));
}
