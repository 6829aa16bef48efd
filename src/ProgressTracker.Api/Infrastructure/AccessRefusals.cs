namespace ProgressTracker.Infrastructure;

/// <summary>
/// Marks a request whose record the caller may not see: it answers 404 like an unknown record, and the security log
/// still records the refusal (ids and a reason, no names).
/// </summary>
public static class AccessRefusals
{
    public const string ItemKey = "pt.access-refused";

    public static void MarkRefused(this HttpContext http, string reason) => http.Items[ItemKey] = reason;

    public static string? RefusalOf(HttpContext http) => http.Items.TryGetValue(ItemKey, out var reason) ? reason as string : null;
}
