using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// Reads a JSON request body before the endpoint does, so that a body that cannot be bound gets the 400 api.md
/// promises (<c>errors</c> naming the field and what it accepts) instead of a generic parser message, and a body
/// over the size limit gets a 413. Bodies are small; reading one twice costs microseconds.
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

        http.Request.EnableBuffering(bufferThreshold: 32 * 1024, bufferLimit: MaxJsonBodyBytes);
        try
        {
            await JsonSerializer.DeserializeAsync(http.Request.Body, bodyType, Json.Http, http.RequestAborted);
        }
        catch (JsonException e)
        {
            await Results.ValidationProblem(Describe(e, bodyType), title: "The request body could not be read.")
                .ExecuteAsync(http);
            return;
        }
        catch (IOException) when (http.Request.Body.Position >= MaxJsonBodyBytes)
        {
            await TooLarge(http);
            return;
        }

        http.Request.Body.Position = 0;
        await next(http);
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
