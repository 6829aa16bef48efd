using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProgressTracker.Infrastructure;

/// <summary>One JSON dialect for the API and storage: camelCase names, kebab-case enum strings (api.md).</summary>
public static class Json
{
    public static readonly JsonStringEnumConverter KebabEnums = new(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false);

    public static void ConfigureHttp(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Insert(0, KebabEnums);
        // Limits what a hostile body can make the parser do.
        options.MaxDepth = 32;
    }

    public static void ConfigureStorage(JsonSerializerOptions options)
    {
        options.Converters.Insert(0, KebabEnums);
        // PostgreSQL's jsonb reorders keys, so a polymorphic "type" discriminator may not come first.
        options.AllowOutOfOrderMetadataProperties = true;
    }

    public static JsonSerializerOptions Http { get; } = CreateHttp();

    /// <summary>
    /// The document store's dialect (Persistence.ConfigureStore: camelCase, nulls written), for measuring what a
    /// document will take before it is stored.
    /// </summary>
    public static JsonSerializerOptions Storage { get; } = CreateStorage();

    /// <summary>The wire name of an enum value, e.g. <c>anatomy-physiology</c>.</summary>
    public static string KebabName<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static JsonSerializerOptions CreateHttp()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ConfigureHttp(options);
        return options;
    }

    private static JsonSerializerOptions CreateStorage()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ConfigureStorage(options);
        return options;
    }
}
