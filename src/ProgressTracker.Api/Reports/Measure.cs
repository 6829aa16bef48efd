namespace ProgressTracker.Reports;

/// <summary>
/// One figure of a report, with what it counts, so a reader can check it (api.md): <c>rate</c> = numerator /
/// denominator, rounded to four places, and null when the denominator is 0 rather than a misleading 0.
/// </summary>
public sealed record Measure(string Name, int Numerator, int Denominator, double? Rate, string Formula)
{
    public static Measure Of(string name, int numerator, int denominator, string formula) =>
        new(name, numerator, denominator, denominator == 0 ? null : Math.Round((double)numerator / denominator, 4), formula);
}

public static class Statistics
{
    /// <summary>The middle value; the mean of the two middle values for an even count; null when there are none.</summary>
    public static double? Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    public static int DaysBetween(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;
}
