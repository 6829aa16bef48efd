using ProgressTracker.Colleges;
using ProgressTracker.Students;

namespace ProgressTracker.Advisors.Alerts;

/// <summary>The alert codes of api.md (kebab-case on the wire).</summary>
public enum AlertCode { Stalled, NotExamEligible, ExamReady, RetakeWindowOpen, GraduatedNotPlaced, DeadlineNear, DegreePending, NoReRegistration }

/// <summary>Alert settings (configuration section "Alerts").</summary>
public sealed class AlertOptions
{
    /// <summary>Days without a milestone after which an enrolled, or graduated but not placed, student is stalled.</summary>
    public int StalledDays { get; set; } = 90;

    /// <summary>Months after the degree without a job placement before "graduated, not placed".</summary>
    public int GraduatedNotPlacedMonths { get; set; } = 6;

    /// <summary>Months before the end of 150% of normal time within which an enrolled student's deadline is near.</summary>
    public int DeadlineNearMonths { get; set; } = 6;

    /// <summary>Months after coursework was complete without a degree before "degree pending".</summary>
    public int DegreePendingMonths { get; set; } = 6;

    /// <summary>
    /// Days after the start of the term a continuing student should be registered for (<see cref="TermCalendar"/>)
    /// before "no re-registration": registrations are often recorded in the first weeks of a term.
    /// </summary>
    public int NoReRegistrationGraceDays { get; set; } = 30;

    /// <summary>How often the sweep re-evaluates every caseload; 0 turns the periodic sweep off (tests drive it).</summary>
    public int SweepMinutes { get; set; } = 60;
}

/// <summary>domain.md section 6 as one pure function of a student's standing, the programs and the day.</summary>
public static class AlertRules
{
    public static IReadOnlyList<AlertCode> For(
        Student student, IReadOnlyDictionary<Guid, AcademicProgram> programs, DateOnly today, AlertOptions options, int retakeWaitDays) =>
        For(student.Standing, programs, today, options, retakeWaitDays);

    public static IReadOnlyList<AlertCode> For(
        Standing student, IReadOnlyDictionary<Guid, AcademicProgram> programs, DateOnly today, AlertOptions options, int retakeWaitDays)
    {
        // An erased record is nobody to follow up (domain.md 7): no alert, so no follow-up or mail is opened for it.
        if (student.Erased) return [];
        var open = student.Enrollments.Where(e => e.Status == EnrollmentStatus.Active && e.StartedOn <= today).ToList();

        List<AlertCode> alerts = [];
        if ((open.Count > 0 || student.GraduatedNotPlaced)
            && student.LastMilestoneOn is { } last && today.DayNumber - last.DayNumber >= options.StalledDays)
            alerts.Add(AlertCode.Stalled);

        if (open.Any(e => programs.GetValueOrDefault(e.ProgramId) is not { } p || !p.IsCahiimAccreditedOn(today)))
            alerts.Add(AlertCode.NotExamEligible);

        // Whether or not the student has a job (domain.md 6).
        if (student.LastRhitAttemptOn is null && RhitEligibility.IsEligible(student, programs, today))
            alerts.Add(AlertCode.ExamReady);

        if (student.LastRhitAttemptOn is { } lastAttempt && !student.PassedRhit && lastAttempt.AddDays(retakeWaitDays) <= today)
            alerts.Add(AlertCode.RetakeWindowOpen);

        if (student.GraduatedNotPlaced && student.FirstDegreeOn!.Value.AddMonths(options.GraduatedNotPlacedMonths) < today)
            alerts.Add(AlertCode.GraduatedNotPlaced);

        // Enrolled, no degree yet, and the end of 150% of normal time (doubled part-time) is within the window.
        if (open.Any(e => Pathway.Deadline150(e.StartedOn, e.NormalDurationMonths, e.Intensity == Intensity.PartTime) is var end && today <= end && end.AddMonths(-options.DeadlineNearMonths) <= today))
            alerts.Add(AlertCode.DeadlineNear);

        if (open.Any(e => e.CourseworkCompleteOn is { } done && done.AddMonths(options.DegreePendingMonths) < today))
            alerts.Add(AlertCode.DegreePending);

        if (open.Any(e => NoReRegistration(e, today, options.NoReRegistrationGraceDays)))
            alerts.Add(AlertCode.NoReRegistration);

        return alerts;
    }

    /// <summary>
    /// A silent drop-out (domain.md 6): the program's open enrollment (no withdrawal, no degree) has registrations,
    /// and the regular term after the last of them (<see cref="TermCalendar.NextRegular"/>: summer is optional) started
    /// more than the grace period ago without one. A program whose registrations the college does not record (none for
    /// the student) raises nothing: no registration there is no news.
    /// </summary>
    public static bool NoReRegistration(EpisodeStanding open, DateOnly today, int graceDays) =>
        open.LastRegisteredTerm is { } last && TermCalendar.Start(TermCalendar.NextRegular(last)).AddDays(graceDays) < today;
}
