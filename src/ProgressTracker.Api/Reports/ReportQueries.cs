using System.Globalization;
using System.Text.RegularExpressions;
using Marten;
using ProgressTracker.Colleges;
using ProgressTracker.Students;

namespace ProgressTracker.Reports;

/// <summary>What the report endpoints share: query-string parsing, replays for <c>asOf</c>, and CSV answers.</summary>
public static partial class ReportQueries
{
    [GeneratedRegex("^[0-9]{4}-(SP|SU|FA)$", RegexOptions.IgnoreCase)]
    private static partial Regex CohortPattern();

    public static bool IsCohort(string cohort) => CohortPattern().IsMatch(cohort);

    public static bool TryParseGuid(string? raw, out Guid? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(raw)) return true;
        if (!Guid.TryParse(raw, out var parsed)) return false;
        value = parsed;
        return true;
    }

    public static bool TryParseDate(string? raw, out DateOnly? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(raw)) return true;
        if (!DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        value = parsed;
        return true;
    }

    public static Task<bool> CollegeExists(IQuerySession session, Guid collegeId, CancellationToken ct) =>
        session.Query<College>().AnyAsync(c => c.Id == collegeId, ct);

    /// <summary>
    /// The records of <paramref name="studentIds"/> as they stood at <paramref name="asOf"/>: only events recorded by
    /// then count. One replay per student: slower than the compact rows, which is fine for a past deadline.
    /// </summary>
    public static async Task<IReadOnlyList<Student>> AsOf(
        IQuerySession session, IEnumerable<Guid> studentIds, DateTimeOffset asOf, CancellationToken ct)
    {
        List<Student> students = [];
        foreach (var id in studentIds)
        {
            var student = await session.Events.AggregateStreamAsync<Student>(id, timestamp: asOf, token: ct);
            if (student is not null) students.Add(student);
        }
        return students;
    }

    public static bool WantsCsv(HttpContext http) =>
        http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
}
