using System.Globalization;
using ProgressTracker.Colleges;
using ProgressTracker.Students;

namespace ProgressTracker.Reports.Outcomes;

/// <summary>
/// GET /api/colleges/{collegeId}/outcomes?academicYear=2025-26[&amp;asOf=]: per program accredited at some time in the
/// year, the figures CAHIIM asks programs to publish and file in the APAR (Aug 1 - Jul 31, domain.md 5), as the
/// record stood on <see cref="GeneratedOn"/> (or at <see cref="AsOf"/>, so a filed figure can be reproduced).
/// </summary>
public sealed record OutcomesReport(
    Guid CollegeId, string AcademicYear, DateOnly From, DateOnly To, DateOnly GeneratedOn, DateTimeOffset? AsOf,
    IReadOnlyList<ProgramOutcomes> Programs);

/// <summary>
/// One program's figures; <see cref="AccreditationEndedOn"/> says when its CAHIIM accreditation ended, if it has;
/// <see cref="Warnings"/> name the retention terms for which the college recorded no registration for the program.
/// </summary>
public sealed record ProgramOutcomes(
    Guid ProgramId, string Name, DateOnly? AccreditationEndedOn, int Graduates, OutcomeCounts Counts,
    Measure GraduationRate, Measure EmploymentRate, Measure InFieldShare, Measure CertificationPassRate,
    Measure Retention, IReadOnlyList<ReportWarning> Warnings);

/// <summary>The counts the APAR asks for beside the rates: entrants of the year by intensity, graduates, withdrawals, exclusions.</summary>
public sealed record OutcomeCounts(int EntrantsFullTime, int EntrantsPartTime, int Graduates, int Withdrawals, int Exclusions);

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
        IEnumerable<Student> students, IEnumerable<AcademicProgram> programs, Guid collegeId, AcademicYear year, DateOnly today,
        DateTimeOffset? asOf = null)
    {
        var all = students.ToList();
        return new OutcomesReport(collegeId, year.ToString(), year.From, year.To, today, asOf,
        [
            .. programs.Where(p => AccreditedDuring(p, year)).OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => ForProgram(p, all, year)),
        ]);
    }

    /// <summary>Only programs CAHIIM-accredited at some time in the year are listed (domain.md 5).</summary>
    public static bool AccreditedDuring(AcademicProgram program, AcademicYear year) =>
        program.Accreditations.Any(a => a.IsCahiim && a.From <= year.To && (a.To is null || a.To >= year.From));

    /// <summary>
    /// Graduation rate: the entrants whose 150% normal time ended in the year, graduated within it (IPEDS-style).
    /// Employment, in-field share and pass rate: the year's graduates (degree conferred during the year).
    /// </summary>
    public static ProgramOutcomes ForProgram(AcademicProgram program, IReadOnlyList<Student> students, AcademicYear year)
    {
        var members = students.Select(s => (Student: s, Facts: ProgramFacts.Of(s, e => e.ProgramId == program.Id)))
            .Where(m => m.Facts is not null).Select(m => (m.Student, Facts: m.Facts!)).ToList();
        var due = members.Where(m => year.Contains(m.Facts.Deadline150)).ToList();
        var counted = due.Where(m => !m.Facts.Excluded).ToList();
        var graduates = members.Where(m => !m.Facts.Excluded && m.Facts.DegreeOn is { } d && year.Contains(d)).ToList();
        var available = graduates.Where(g => g.Facts.Outcome is not (KnownOutcome.ContinuingEducation or KnownOutcome.Military)).ToList();
        var employed = available.Select(g => FirstJobWithinAYear(g.Student, g.Facts.DegreeOn!.Value)).OfType<Placement>().ToList();
        var takers = graduates.Where(g => g.Facts.Attempted).ToList();
        var entrants = members.Where(m => year.Contains(m.Facts.EnrolledOn)).ToList();
        // Retention of the year's entrants (domain.md 5), and the terms it looks at that have no registration at all.
        var entrantsCounted = entrants.Where(m => !m.Facts.Excluded).ToList();
        var unrecorded = entrants.Select(m => m.Facts.Cohort).Where(TermCalendar.IsTerm).Select(TermCalendar.OneYearAfter)
            .Distinct().Order(StringComparer.Ordinal)
            .Where(term => !RetentionTerms.RecordedIn(students, program.CollegeId, program.Id, term)).ToList();
        var counts = new OutcomeCounts(
            entrants.Count(m => !m.Facts.PartTime), entrants.Count(m => m.Facts.PartTime), graduates.Count,
            members.Sum(m => m.Student.Withdrawals.Count(w => w.ProgramId == program.Id && year.Contains(w.WithdrawnOn))),
            due.Count(m => m.Facts.Excluded));

        return new ProgramOutcomes(program.Id, program.Name, EndedOn(program), graduates.Count, counts,
            Measure.Of("graduation-rate-150", counted.Count(m => m.Facts.GraduatedWithin150), counted.Count,
                "entrants whose 150% of normal time ended this year, graduated within it / those entrants - exclusions"),
            Measure.Of("employment-rate", employed.Count, available.Count,
                "graduates of the year with a job placement starting within 12 months of the degree / (graduates of the year - those in continuing education or military)"),
            Measure.Of("in-field-share", employed.Count(j => j.InField), employed.Count,
                "of those employed within 12 months of the degree, placed in the field"),
            Measure.Of("certification-pass-rate", takers.Count(g => g.Facts.FirstAttemptPassed), takers.Count,
                "graduates of the year whose first RHIT attempt passed / graduates of the year with at least one attempt"),
            Measure.Of("retention", entrantsCounted.Count(m => m.Facts.Retained), entrantsCounted.Count,
                "entrants of the year who graduated by, or were registered (not voided) in the program for, the same term one year after entry / (entrants - exclusions)"),
            [.. unrecorded.Select(RetentionTerms.NoneRecorded)]);
    }

    /// <summary>The first job that started on or after the degree and within 12 months of it, or null.</summary>
    private static Placement? FirstJobWithinAYear(Student student, DateOnly degree) => student.Placements
        .Where(j => j.StartedOn >= degree && j.StartedOn <= degree.AddMonths(12)).OrderBy(j => j.StartedOn).FirstOrDefault();

    /// <summary>The last day of CAHIIM accreditation when no period is open; null while one is.</summary>
    private static DateOnly? EndedOn(AcademicProgram program)
    {
        var cahiim = program.Accreditations.Where(a => a.IsCahiim).ToList();
        return cahiim.Count > 0 && cahiim.All(a => a.To is not null) ? cahiim.Max(a => a.To) : null;
    }
}
