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

    /// <summary>150% of the normal duration, in whole months rounded up (36 for a 24-month associate program).</summary>
    [JsonIgnore]
    public DateOnly Deadline150 => EnrolledOn.AddMonths((NormalDurationMonths * 3 + 1) / 2);

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

    public static ProgramFacts Of(Student student, EnrollmentEpisode enrollment)
    {
        var program = enrollment.ProgramId;
        var degree = student.GraduatedOn(enrollment);
        // Excluded only if they left for an allowable reason and did not come back to graduate.
        var excluded = degree is null && student.Withdrawals
            .Any(w => w.ProgramId == program && w.WithdrawnOn >= enrollment.StartedOn && ExclusionReasons.Contains(w.Reason));
        var attempts = student.Attempts.Where(a => a.Exam == Exam.Rhit).OrderBy(a => a.TakenOn).ToList();
        var jobs = student.Placements.OrderBy(j => j.StartedOn).ToList();

        return new ProgramFacts(
            student.Id,
            student.Name,
            enrollment.CollegeId,
            program,
            enrollment.Cohort,
            enrollment.StartedOn,
            enrollment.NormalDurationMonths,
            excluded,
            Retained: degree is not null || Pathway.ActiveEnrollment(student, program) is not null,
            CourseworkComplete: degree is not null || Pathway.MissingCategories(student, enrollment).Count == 0,
            degree,
            attempts.FirstOrDefault()?.TakenOn,
            attempts.FirstOrDefault()?.Passed ?? false,
            attempts.FirstOrDefault(a => a.Passed)?.TakenOn,
            jobs.FirstOrDefault()?.StartedOn,
            degree is { } on && jobs.Any(j => j.InField && j.StartedOn <= on.AddMonths(6)),
            OutcomeOf(student),
            Pathway.StageOf(student));
    }

    public static KnownOutcome? OutcomeOf(Student student)
    {
        if (student.Placements.Count > 0) return KnownOutcome.Employed;
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
