using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// Reads a JSON request body before the endpoint does, so that a body that cannot be bound gets the 400 api.md
/// promises (<c>errors</c> naming the field and what it accepts) instead of a generic parser message, and a body
/// over the size limit gets a 413. The body is read from the request once, here: the idempotency hash uses these
/// bytes (<see cref="CheckedJsonBody"/>) and Wolverine parses the command from them in memory.
/// </summary>
public sealed class JsonBodyCheck(RequestDelegate next)
{
    /// <summary>Milestone and reference-data bodies are a few hundred bytes; this leaves ample room.</summary>
    public const long MaxJsonBodyBytes = 64 * 1024;

    public async Task InvokeAsync(HttpContext http)
    {
        var bodyType = http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (bodyType is null || !HasJsonBody(http.Request))
        {
            await next(http);
            return;
        }

        if (http.Request.ContentLength > MaxJsonBodyBytes)
        {
            await TooLarge(http);
            return;
        }

        // Read at most the limit plus one byte, so a body sent without Content-Length (chunked) is bounded too.
        var body = await ReadAtMostAsync(http.Request, MaxJsonBodyBytes, http.RequestAborted);
        if (body is null)
        {
            await TooLarge(http);
            return;
        }

        try
        {
            JsonSerializer.Deserialize(body, bodyType, Json.Http);
        }
        catch (JsonException e)
        {
            await Results.ValidationProblem(Describe(e, bodyType), title: "The request body could not be read.")
                .ExecuteAsync(http);
            return;
        }

        if (ControlCharacters(body) is { } field)
        {
            await Results.ValidationProblem(
                new Dictionary<string, string[]> { [field] = [$"'{field}' may not contain control characters."] },
                title: "The request body could not be read.").ExecuteAsync(http);
            return;
        }

        http.Features.Set(new CheckedJsonBody(body));
        http.Request.Body = new MemoryStream(body, writable: false);
        await next(http);
    }

    /// <summary>The body's bytes, or null when it holds more than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit) return null;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null; // Kestrel's own limit (MaxRequestBodySize) was hit first
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The name of the first field whose text holds a control character other than tab, CR and LF. PostgreSQL's
    /// jsonb cannot store U+0000 at all (it would fail as a 500), and the others have no place in names, notes or codes.
    /// </summary>
    internal static string? ControlCharacters(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = Json.Http.MaxDepth, CommentHandling = JsonCommentHandling.Skip });
        var field = "body";
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.String)) continue;
            if (!reader.ValueIsEscaped && reader.ValueSpan.IndexOfAnyInRange((byte)0, (byte)0x1F) < 0)
            {
                if (reader.TokenType == JsonTokenType.PropertyName) field = JsonNamingPolicy.CamelCase.ConvertName(reader.GetString()!);
                continue;
            }

            string text;
            try
            {
                text = reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                return field; // an escape that is no text at all, e.g. a lone surrogate "\uD800"
            }
            if (text.Any(c => c < 0x20 && c is not ('\t' or '\r' or '\n'))) return field;
            if (reader.TokenType == JsonTokenType.PropertyName) field = JsonNamingPolicy.CamelCase.ConvertName(text);
        }
        return null;
    }

    private static bool HasJsonBody(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))
        && (request.ContentType is null || request.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase));

    private static Task TooLarge(HttpContext http) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large",
        detail: $"JSON bodies are limited to {MaxJsonBodyBytes / 1024} KiB.").ExecuteAsync(http);

    /// <summary>Turns "Path: $.setting" into <c>{ "setting": ["must be one of: ..."] }</c>.</summary>
    internal static Dictionary<string, string[]> Describe(JsonException e, Type bodyType)
    {
        // A syntax error comes wrapped around the reader's own exception; a value of the wrong kind names its path.
        var path = e.Path;
        var syntax = e.InnerException?.GetType().Name == "JsonReaderException";
        if (syntax || string.IsNullOrEmpty(path) || path == "$")
        {
            return new() { ["body"] = [$"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine})."] };
        }

        var field = string.Join('.', path.TrimStart('$', '.').Split('.').Select(p => p.Split('[')[0]))
            .Trim('.');
        var type = FieldType(bodyType, field);
        return new() { [field.Length == 0 ? "body" : field] = [Expectation(field, type)] };
    }

    private static Type? FieldType(Type root, string field)
    {
        Type? current = root;
        foreach (var part in field.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var property = current?.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            current = property is null ? null : ElementType(property.PropertyType);
        }
        return current;
    }

    private static Type ElementType(Type type)
    {
        var unwrapped = Nullable.GetUnderlyingType(type) ?? type;
        if (unwrapped == typeof(string)) return unwrapped;
        var enumerable = unwrapped.GetInterfaces().Append(unwrapped)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0] ?? unwrapped;
    }

    private static string Expectation(string field, Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            { IsEnum: true } => $"'{field}' must be one of: {string.Join(", ", Enum.GetNames(type).Select(n => JsonNamingPolicy.KebabCaseLower.ConvertName(n)))}.",
            _ when type == typeof(DateOnly) => $"'{field}' must be a real calendar date, yyyy-MM-dd.",
            _ when type == typeof(DateTimeOffset) => $"'{field}' must be an ISO 8601 timestamp with offset.",
            _ when type == typeof(Guid) => $"'{field}' must be a GUID.",
            _ when type == typeof(bool) => $"'{field}' must be true or false.",
            _ when type == typeof(string) => $"'{field}' must be a string.",
            _ when type is not null && (type.IsPrimitive || type == typeof(decimal)) => $"'{field}' must be a number.",
            _ => $"'{field}' has a value that cannot be read.",
        };
    }
}
