using System.Globalization;
using ProgressTracker.Colleges;
using ProgressTracker.Students;

namespace ProgressTracker.Reports.Outcomes;

/// <summary>
/// GET /api/colleges/{collegeId}/outcomes?academicYear=2025-26: per program, the figures CAHIIM asks programs to
/// publish for an APAR year (Aug 1 - Jul 31), dated by <see cref="GeneratedOn"/>.
/// </summary>
public sealed record OutcomesReport(
    Guid CollegeId, string AcademicYear, DateOnly From, DateOnly To, DateOnly GeneratedOn, IReadOnlyList<ProgramOutcomes> Programs);

public sealed record ProgramOutcomes(
    Guid ProgramId, string Name, int Graduates, Measure GraduationRate, Measure EmploymentRate, Measure CertificationPassRate);

/// <summary>An APAR academic year, "2025-26": 1 August 2025 to 31 July 2026.</summary>
public sealed record AcademicYear(int StartYear)
{
    public DateOnly From => new(StartYear, 8, 1);
    public DateOnly To => new(StartYear + 1, 7, 31);
    public bool Contains(DateOnly day) => From <= day && day <= To;
    public override string ToString() => $"{StartYear}-{(StartYear + 1) % 100:00}";

    public static AcademicYear? Parse(string? raw)
    {
        if (raw is not { Length: 7 } || raw[4] != '-') return null;
        if (!int.TryParse(raw.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var start)) return null;
        if (!int.TryParse(raw.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var end)) return null;
        return start >= 1900 && end == (start + 1) % 100 ? new AcademicYear(start) : null;
    }
}

public static class OutcomeFigures
{
    public static OutcomesReport Report(
        IEnumerable<Student> students, IEnumerable<AcademicProgram> programs, Guid collegeId, AcademicYear year, DateOnly today)
    {
        var all = students.ToList();
        return new OutcomesReport(collegeId, year.ToString(), year.From, year.To, today,
        [
            .. programs.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p =>
            {
                var members = all.Select(s => ProgramFacts.Of(s, e => e.ProgramId == p.Id)).OfType<ProgramFacts>().ToList();
                return ForProgram(p, members, year);
            }),
        ]);
    }

    /// <summary>
    /// Graduation rate: the students whose 150% time ran out during the year (IPEDS-style), graduated in time.
    /// Employment and pass rates: the year's graduates (degree conferred during the year).
    /// </summary>
    public static ProgramOutcomes ForProgram(AcademicProgram program, IReadOnlyCollection<ProgramFacts> members, AcademicYear year)
    {
        var due = members.Where(m => !m.Excluded && year.Contains(m.Deadline150)).ToList();
        var graduates = members.Where(m => !m.Excluded && m.DegreeOn is { } d && year.Contains(d)).ToList();
        var available = graduates.Where(g => g.Outcome is not (KnownOutcome.ContinuingEducation or KnownOutcome.Military)).ToList();
        var takers = graduates.Where(g => g.Attempted).ToList();
        return new ProgramOutcomes(program.Id, program.Name, graduates.Count,
            Measure.Of("graduation-rate-150", due.Count(m => m.GraduatedWithin150), due.Count,
                "students whose 150% of normal duration ended this year, graduated within it / those students - exclusions"),
            Measure.Of("employment-rate", available.Count(g => g.Outcome == KnownOutcome.Employed), available.Count,
                "graduates of the year with a job placement / (graduates of the year - those in continuing education or military)"),
            Measure.Of("certification-pass-rate", takers.Count(g => g.FirstAttemptPassed), takers.Count,
                "graduates of the year whose first RHIT attempt passed / graduates of the year with at least one attempt"));
    }
}
