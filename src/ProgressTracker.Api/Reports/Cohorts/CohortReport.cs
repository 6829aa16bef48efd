using System.Text.Json.Serialization;
using ProgressTracker.Students;

namespace ProgressTracker.Reports.Cohorts;

/// <summary>GET /api/colleges/{collegeId}/cohorts/{cohort}/report: the cohort's funnel and outcome measures.</summary>
public sealed record CohortReport(
    Guid CollegeId,
    string Cohort,
    Guid? ProgramId,
    DateTimeOffset? AsOf,
    int CohortSize,
    int Excluded,
    Funnel Funnel,
    IReadOnlyList<Measure> Measures,
    MedianDays MedianDays,
    IReadOnlyList<ReportWarning> Warnings);

/// <summary>Members who reached each stage; the names are the stage names of api.md.</summary>
public sealed record Funnel(
    [property: JsonPropertyName("enrolled")] int Enrolled,
    [property: JsonPropertyName("coursework-complete")] int CourseworkComplete,
    [property: JsonPropertyName("graduated")] int Graduated,
    [property: JsonPropertyName("exam-attempted")] int ExamAttempted,
    [property: JsonPropertyName("credentialed")] int Credentialed,
    [property: JsonPropertyName("placed")] int Placed);

public sealed record MedianDays(double? EnrollmentToDegree, double? DegreeToCredential, double? DegreeToJob);

public static class CohortFigures
{
    /// <summary>
    /// The cohort's members: a standing enrollment at the college with that entry term (and program, if given), found
    /// as on the stored rows (a past report replays the students' states and takes their rows).
    /// </summary>
    public static IReadOnlyList<ProgramFacts> Members(IEnumerable<Student> students, Guid collegeId, string cohort, Guid? programId)
    {
        var key = CohortKey.Of(collegeId, cohort);
        return CohortRow.Members(students.SelectMany(CohortRow.AllOf).Where(r => r.CohortKey == key), programId);
    }

    public static CohortReport Report(
        IEnumerable<Student> students, Guid collegeId, string cohort, Guid? programId, DateTimeOffset? asOf)
    {
        var all = students.ToList();
        return ReportOn(Members(all, collegeId, cohort, programId), collegeId, cohort, programId, asOf,
            RetentionTerms.RecordedIn(all, collegeId, programId, TermCalendar.OneYearAfter(cohort.ToUpperInvariant())));
    }

    /// <summary>The report on members found already: from the full records (above) or from the stored <see cref="CohortRow"/>s.</summary>
    /// <remarks><paramref name="registrationsRecorded"/>: whether any term registration is recorded for the program (or
    /// the college) in the retention term, one year after entry (<see cref="RetentionTerms"/>).</remarks>
    public static CohortReport ReportOn(
        IReadOnlyList<ProgramFacts> members, Guid collegeId, string cohort, Guid? programId, DateTimeOffset? asOf,
        bool registrationsRecorded)
    {
        // The funnel counts every member, excluded ones too: it shows how far people got, not a rate. Each stage as
        // domain.md 1 defines it, after the degree, so no count exceeds the one before.
        var funnel = new Funnel(
            members.Count,
            members.Count(m => m.CourseworkComplete),
            members.Count(m => m.Graduated),
            members.Count(m => m.Graduated && m.Attempted),
            members.Count(m => m.Graduated && m.Passed),
            members.Count(m => m.Graduated && m.FirstJobOn is not null));
        var graduates = OutcomeMeasures.Graduates(members).ToList();
        var medians = new MedianDays(
            Statistics.Median(graduates.Select(g => Statistics.DaysBetween(g.EnrolledOn, g.DegreeOn!.Value))),
            Statistics.Median(graduates.Where(g => g.Passed).Select(g => Statistics.DaysBetween(g.DegreeOn!.Value, g.FirstPassOn!.Value))),
            Statistics.Median(graduates.Where(g => g.FirstJobOn is not null).Select(g => Statistics.DaysBetween(g.DegreeOn!.Value, g.FirstJobOn!.Value))));
        return new CohortReport(collegeId, cohort.ToUpperInvariant(), programId, asOf, members.Count,
            members.Count(m => m.Excluded), funnel, OutcomeMeasures.All(members), medians,
            registrationsRecorded ? [] : [RetentionTerms.NoneRecorded(TermCalendar.OneYearAfter(cohort.ToUpperInvariant()))]);
    }
}
