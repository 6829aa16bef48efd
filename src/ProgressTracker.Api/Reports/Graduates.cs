using System.Text.Json.Serialization;
using ProgressTracker.Students;

namespace ProgressTracker.Reports;

/// <summary>A graduate's first destination (NACE): employed if any job placement, else the latest reported status.</summary>
public enum KnownOutcome { Employed, ContinuingEducation, Military, VolunteerService, Seeking, NotSeeking }

/// <summary>
/// What the reports need to know about one student in one program, read from the active (not voided) milestones only.
/// Pure: the same record gives the same facts, which is what makes a rebuild give the same figures.
/// </summary>
public sealed record ProgramFacts(
    Guid StudentId,
    string Name,
    Guid CollegeId,
    Guid ProgramId,
    string Cohort,
    DateOnly EnrolledOn,
    int NormalDurationMonths,
    bool PartTime,
    bool Excluded,
    bool Retained,
    bool CourseworkComplete,
    DateOnly? DegreeOn,
    DateOnly? FirstAttemptOn,
    bool FirstAttemptPassed,
    DateOnly? FirstPassOn,
    DateOnly? FirstJobOn,
    bool InFieldWithinSixMonths,
    KnownOutcome? Outcome,
    Stage Stage)
{
    /// <summary>The IPEDS allowable exclusions (domain.md section 5).</summary>
    public static readonly IReadOnlySet<WithdrawalReason> ExclusionReasons = new HashSet<WithdrawalReason>
    {
        WithdrawalReason.Deceased, WithdrawalReason.PermanentDisability,
        WithdrawalReason.MilitaryDeployment, WithdrawalReason.ServiceMission,
    };

    // Derived, so not stored with the compact cohort rows (Cohorts/CohortRow.cs) that hold these facts.
    [JsonIgnore]
    public bool Graduated => DegreeOn is not null;
    [JsonIgnore]
    public bool Attempted => FirstAttemptOn is not null;
    [JsonIgnore]
    public bool Passed => FirstPassOn is not null;

    /// <summary>The end of 150% of normal time (<see cref="Pathway.Deadline150"/>).</summary>
    [JsonIgnore]
    public DateOnly Deadline150 => Pathway.Deadline150(EnrolledOn, NormalDurationMonths, PartTime);

    [JsonIgnore]
    public bool GraduatedWithin150 => DegreeOn is { } d && d <= Deadline150;

    /// <summary>
    /// The student's facts in the first standing enrollment matching the filter, or null when none matches (not a
    /// member). Membership is fixed at entry: the enrollment's own cohort decides it.
    /// </summary>
    public static ProgramFacts? Of(Student student, Func<EnrollmentEpisode, bool> matches)
    {
        var enrollment = student.ActiveEnrollments.Where(matches).OrderBy(e => e.StartedOn).FirstOrDefault();
        return enrollment is null ? null : Of(student, enrollment);
    }

    /// <summary>
    /// The facts of the enrollment in its own program (a report with a program filter). A member who withdrew and came
    /// back to the program has the later episode's degree: a degree conferred in the cohort's program (domain.md 5), so
    /// a graduate and not an exclusion.
    /// </summary>
    public static ProgramFacts Of(Student student, EnrollmentEpisode enrollment)
    {
        var program = new HashSet<Guid> { enrollment.ProgramId };
        return Of(student, enrollment, DegreeSince(student, enrollment, program), program);
    }

    /// <summary>
    /// The facts of the enrollment for the college as a whole (a report without a program filter): a degree in any of
    /// the college's programs after it counts, as IPEDS counts completers of the institution, so a student who switched
    /// programs and graduated is a graduate, not a non-graduate who left.
    /// </summary>
    public static ProgramFacts AtCollege(Student student, EnrollmentEpisode enrollment)
    {
        var programs = student.ActiveEnrollments.Where(e => e.CollegeId == enrollment.CollegeId).Select(e => e.ProgramId).ToHashSet();
        return Of(student, enrollment, DegreeSince(student, enrollment, programs), programs);
    }

    /// <summary>The degree that closed the episode, else the first one in <paramref name="programs"/> conferred since it began.</summary>
    private static DateOnly? DegreeSince(Student student, EnrollmentEpisode enrollment, IReadOnlySet<Guid> programs) =>
        student.GraduatedOn(enrollment) ?? student.Degrees
            .Where(d => programs.Contains(d.ProgramId) && d.ConferredOn >= enrollment.StartedOn).Min(d => (DateOnly?)d.ConferredOn);

    private static ProgramFacts Of(Student student, EnrollmentEpisode enrollment, DateOnly? degree, IReadOnlySet<Guid> programs)
    {
        // Excluded only if they left without the degree, their last withdrawal giving an allowable reason.
        var lastWithdrawal = student.Withdrawals.Where(w => programs.Contains(w.ProgramId) && w.WithdrawnOn >= enrollment.StartedOn)
            .OrderBy(w => w.WithdrawnOn).LastOrDefault();
        var excluded = degree is null && lastWithdrawal is not null && ExclusionReasons.Contains(lastWithdrawal.Reason);
        var attempts = student.Attempts.Where(a => a.Exam == Exam.Rhit).OrderBy(a => a.TakenOn).ToList();
        // Placements are jobs that started on or after the degree (domain.md 1); none without one.
        var jobs = degree is { } d ? student.Placements.Where(j => j.StartedOn >= d).OrderBy(j => j.StartedOn).ToList() : [];

        return new ProgramFacts(
            student.Id,
            student.Name,
            enrollment.CollegeId,
            enrollment.ProgramId,
            enrollment.Cohort,
            enrollment.StartedOn,
            enrollment.NormalDurationMonths,
            enrollment.Intensity == Intensity.PartTime,
            excluded,
            Retained: RetainedAtCollege(student, enrollment),
            CourseworkComplete: degree is not null || Pathway.MissingCategories(student, enrollment).Count == 0,
            degree,
            attempts.FirstOrDefault()?.TakenOn,
            attempts.FirstOrDefault()?.Passed ?? false,
            attempts.FirstOrDefault(a => a.Passed)?.TakenOn,
            jobs.FirstOrDefault()?.StartedOn,
            degree is { } on && jobs.Any(j => j.InField && j.StartedOn <= on.AddMonths(6)),
            OutcomeOf(student, jobs.Count > 0),
            Pathway.StageOf(student));
    }

    /// <summary>
    /// Retention is the institution's (domain.md 5: "in the college's programs"), with a program filter too: a member
    /// who moved to another of the college's programs and came back next fall, or graduated there, is retained.
    /// </summary>
    private static bool RetainedAtCollege(Student student, EnrollmentEpisode enrollment)
    {
        var college = student.ActiveEnrollments.Where(e => e.CollegeId == enrollment.CollegeId).Select(e => e.ProgramId).ToHashSet();
        return RetainedInNextYear(student, enrollment, DegreeSince(student, enrollment, college), college);
    }

    /// <summary>
    /// IPEDS fall-to-fall retention (domain.md 5): graduated before the same term one year after entry begins, or
    /// registered (not voided) for that term in one of <paramref name="programs"/> (the programs of the college the
    /// student enrolled in). Entry 2024-FA: 2025-FA.
    /// </summary>
    public static bool RetainedInNextYear(Student student, EnrollmentEpisode enrollment, DateOnly? degree, IReadOnlySet<Guid> programs)
    {
        if (!TermCalendar.IsTerm(enrollment.Cohort)) return degree is not null;
        var term = TermCalendar.OneYearAfter(enrollment.Cohort);
        return degree is { } d && d <= TermCalendar.Start(term)
            || student.RegisteredTerms.Any(r => r.Term == term && programs.Contains(r.ProgramId));
    }

    /// <summary>Employed if placed after the degree; else the latest reported status; else unknown.</summary>
    public static KnownOutcome? OutcomeOf(Student student, bool placed)
    {
        if (placed) return KnownOutcome.Employed;
        // OrderBy is stable: of two reports on one day, the one recorded last wins.
        var latest = student.Outcomes.OrderBy(o => o.ReportedOn).LastOrDefault();
        return latest?.Status switch
        {
            null => null,
            OutcomeStatus.ContinuingEducation => KnownOutcome.ContinuingEducation,
            OutcomeStatus.Military => KnownOutcome.Military,
            OutcomeStatus.VolunteerService => KnownOutcome.VolunteerService,
            OutcomeStatus.Seeking => KnownOutcome.Seeking,
            _ => KnownOutcome.NotSeeking,
        };
    }
}
