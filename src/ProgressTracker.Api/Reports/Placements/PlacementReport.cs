using ProgressTracker.Infrastructure;
using ProgressTracker.Students;

namespace ProgressTracker.Reports.Placements;

/// <summary>GET /api/colleges/{collegeId}/placements: the college's students' job placements that started in the range.</summary>
public sealed record PlacementReport(
    Guid CollegeId,
    DateOnly? From,
    DateOnly? To,
    int Placements,
    IReadOnlyDictionary<string, int> BySetting,
    IReadOnlyDictionary<string, int> BySpecialty,
    IReadOnlyDictionary<string, int> ByHours,
    IReadOnlyDictionary<string, int> ByField,
    double? MedianDaysDegreeToJob);

public static class PlacementFigures
{
    /// <summary>
    /// The placements (domain.md 1: jobs that started on or after the degree) of the college's graduates, started
    /// within [from, to]. A job held before the degree, or by a student without one, is not a placement. The median
    /// takes each graduate's first placement, the rule the cohort report uses, so the two agree on the same students.
    /// </summary>
    public static PlacementReport Report(IEnumerable<Student> students, Guid collegeId, DateOnly? from, DateOnly? to)
    {
        List<Placement> placements = [];
        List<int> daysToFirst = [];
        foreach (var student in students)
        {
            var programs = student.ActiveEnrollments.Where(e => e.CollegeId == collegeId).Select(e => e.ProgramId).ToHashSet();
            if (programs.Count == 0) continue;
            var degreeOn = student.Degrees.Where(d => programs.Contains(d.ProgramId)).Min(d => (DateOnly?)d.ConferredOn);
            if (degreeOn is not { } degree) continue;
            var after = student.Placements.Where(j => j.StartedOn >= degree).OrderBy(j => j.StartedOn).ToList();
            var inRange = after.Where(j => (from is null || j.StartedOn >= from) && (to is null || j.StartedOn <= to)).ToList();
            placements.AddRange(inRange);
            if (inRange.Count > 0 && ReferenceEquals(inRange[0], after[0]))
                daysToFirst.Add(Statistics.DaysBetween(degree, after[0].StartedOn));
        }

        return new PlacementReport(
            collegeId, from, to, placements.Count,
            CountAll(placements.Select(p => p.Setting)),
            CountAll(placements.Select(p => p.Specialty)),
            new Dictionary<string, int>
            {
                ["full-time"] = placements.Count(p => p.FullTime),
                ["part-time"] = placements.Count(p => !p.FullTime),
            },
            new Dictionary<string, int>
            {
                ["in-field"] = placements.Count(p => p.InField),
                ["out-of-field"] = placements.Count(p => !p.InField),
            },
            Statistics.Median(daysToFirst));
    }

    /// <summary>Every value of the enum, zeros included, so the shape does not change with the data.</summary>
    private static Dictionary<string, int> CountAll<TEnum>(IEnumerable<TEnum> values) where TEnum : struct, Enum
    {
        var counts = values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        return Enum.GetValues<TEnum>().ToDictionary(Json.KebabName, v => counts.GetValueOrDefault(v));
    }
}
