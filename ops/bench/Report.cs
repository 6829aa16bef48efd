using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProgressTracker.Bench;

/// <summary>One line of the results: the service's figure, its same-run baseline, their ratio, the issue's target.</summary>
public sealed record Row(
    string Step, string Measure, string Service, string Baseline, double? Ratio, string Target, bool? Pass, string? Note = null);

/// <summary>Everything a run measured: the table rows and the raw figures behind them.</summary>
public sealed record Results(
    DateTimeOffset StartedAt, string Mode, int Students, long Events, string Database, string Machine,
    IReadOnlyList<Row> Rows, IReadOnlyDictionary<string, object> Raw, double TotalSeconds);

public static class Report
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Markdown(Results results)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Run {results.StartedAt:yyyy-MM-dd HH:mm} UTC, {results.Mode}, {results.Students:N0} students / {results.Events:N0} seeded events, {results.Machine}; PostgreSQL: {results.Database}; {results.TotalSeconds:F0} s.");
        md.AppendLine();
        md.AppendLine("| step | measure | service | same-run baseline | ratio | target | result |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var row in results.Rows.OrderBy(r => r.Step, StringComparer.Ordinal))
        {
            var ratio = row.Ratio is { } r ? r.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal) : "";
            var pass = row.Pass switch { true => "pass", false => "**miss**", null => "" };
            var note = row.Note is null ? "" : $" ({row.Note})";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Step} | {row.Measure} | {row.Service} | {row.Baseline} | {ratio} | {row.Target} | {pass}{note} |");
        }
        return md.ToString();
    }

    /// <summary>Writes <c>bench-{time}.json/.md</c> and <c>latest.json/.md</c>; answers the markdown path.</summary>
    public static string Write(Results results, string directory)
    {
        Directory.CreateDirectory(directory);
        var json = JsonSerializer.Serialize(results, JsonOptions);
        var md = Markdown(results);
        var stamp = results.StartedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(directory, $"bench-{stamp}.json"), json);
        File.WriteAllText(Path.Combine(directory, $"bench-{stamp}.md"), md);
        File.WriteAllText(Path.Combine(directory, "latest.json"), json);
        var latest = Path.Combine(directory, "latest.md");
        File.WriteAllText(latest, md);
        return latest;
    }

    public static string Rate(double perSecond, string unit = "/s") => $"{perSecond.ToString("N0", CultureInfo.InvariantCulture)}{unit}";
    public static string Ms(double ms) => $"{ms.ToString(ms < 10 ? "F1" : "F0", CultureInfo.InvariantCulture)} ms";
}
