using System.Globalization;

namespace ProgressTracker.Students.AccessLog;

/// <summary>
/// Where a page of a student's access log ends: the last entry's time and id (the log's order, newest first). Sent to
/// the client as an opaque <c>before</c> value in the next page's link; only ever parsed back from that.
/// </summary>
public sealed record AccessLogCursor(DateTimeOffset At, Guid Id)
{
    public override string ToString() =>
        $"{At.UtcTicks.ToString(CultureInfo.InvariantCulture)}.{Id.ToString("N", CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? raw, out AccessLogCursor? cursor)
    {
        cursor = null;
        if (raw is null) return true;
        var parts = raw.Split('.');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(parts[1], "N", out var id))
        {
            return false;
        }
        cursor = new AccessLogCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}

/// <summary>
/// The optional paging of <c>GET /api/students/{id}/access-log</c>: without <c>limit</c> the whole log, as api.md
/// has it; with it, at most that many entries and a <c>Link: rel="next"</c> header while older ones remain.
/// </summary>
public static class AccessLogPaging
{
    public const int MaxLimit = 1_000;

    public static bool TryParseLimit(string? raw, out int? limit)
    {
        limit = null;
        if (raw is null) return true;
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > MaxLimit)
            return false;
        limit = parsed;
        return true;
    }
}
