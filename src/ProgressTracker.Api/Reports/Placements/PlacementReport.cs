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
    /// Every active placement of a student with an active enrollment at the college, started within [from, to].
    /// Degree to job counts placements that started on or after the student's first degree from this college
    /// (a job held while studying is not a result of the degree).
    /// </summary>
    public static PlacementReport Report(IEnumerable<Student> students, Guid collegeId, DateOnly? from, DateOnly? to)
    {
        List<(Placement Job, DateOnly? DegreeOn)> placements = [];
        foreach (var student in students)
        {
            var programs = student.ActiveEnrollments.Where(e => e.CollegeId == collegeId).Select(e => e.ProgramId).ToHashSet();
            if (programs.Count == 0) continue;
            var degreeOn = student.Degrees.Where(d => programs.Contains(d.ProgramId))
                .Select(d => (DateOnly?)d.ConferredOn).Min();
            placements.AddRange(student.Placements
                .Where(j => (from is null || j.StartedOn >= from) && (to is null || j.StartedOn <= to))
                .Select(j => (j, degreeOn)));
        }

        return new PlacementReport(
            collegeId, from, to, placements.Count,
            CountAll(placements.Select(p => p.Job.Setting)),
            CountAll(placements.Select(p => p.Job.Specialty)),
            new Dictionary<string, int>
            {
                ["full-time"] = placements.Count(p => p.Job.FullTime),
                ["part-time"] = placements.Count(p => !p.Job.FullTime),
            },
            new Dictionary<string, int>
            {
                ["in-field"] = placements.Count(p => p.Job.InField),
                ["out-of-field"] = placements.Count(p => !p.Job.InField),
            },
            Statistics.Median(placements
                .Where(p => p.DegreeOn is { } d && p.Job.StartedOn >= d)
                .Select(p => Statistics.DaysBetween(p.DegreeOn!.Value, p.Job.StartedOn))));
    }

    /// <summary>Every value of the enum, zeros included, so the shape does not change with the data.</summary>
    private static Dictionary<string, int> CountAll<TEnum>(IEnumerable<TEnum> values) where TEnum : struct, Enum
    {
        var counts = values.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        return Enum.GetValues<TEnum>().ToDictionary(Json.KebabName, v => counts.GetValueOrDefault(v));
    }
}
