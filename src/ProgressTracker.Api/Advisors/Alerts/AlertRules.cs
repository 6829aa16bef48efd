using ProgressTracker.Colleges;
using ProgressTracker.Students;

namespace ProgressTracker.Advisors.Alerts;

/// <summary>The alert codes of api.md (kebab-case on the wire).</summary>
public enum AlertCode { Stalled, NotExamEligible, ExamReady, RetakeWindowOpen, GraduatedNotPlaced }

/// <summary>Alert settings (configuration section "Alerts").</summary>
public sealed class AlertOptions
{
    /// <summary>Days without a milestone after which an enrolled, or graduated but not placed, student is stalled.</summary>
    public int StalledDays { get; set; } = 90;

    /// <summary>Months after the degree without a job placement before "graduated, not placed".</summary>
    public int GraduatedNotPlacedMonths { get; set; } = 6;

    /// <summary>How often the sweep re-evaluates every caseload; 0 turns the periodic sweep off (tests drive it).</summary>
    public int SweepMinutes { get; set; } = 60;
}

/// <summary>domain.md section 6 as one pure function of a student's record, the programs and the day.</summary>
public static class AlertRules
{
    public static IReadOnlyList<AlertCode> For(
        Student student, IReadOnlyDictionary<Guid, AcademicProgram> programs, DateOnly today, AlertOptions options, int retakeWaitDays) =>
        For(student, LastMilestoneOn(student), programs, today, options, retakeWaitDays);

    /// <summary>
    /// The same, with the last milestone date given: the dashboard's <c>CaseloadEntry</c> keeps that date and only the
    /// milestones read below, not the volunteering and outcome reports that also count as progress.
    /// </summary>
    public static IReadOnlyList<AlertCode> For(
        Student student, DateOnly? lastMilestoneOn, IReadOnlyDictionary<Guid, AcademicProgram> programs, DateOnly today,
        AlertOptions options, int retakeWaitDays)
    {
        var open = student.Active<EnrolledInProgram>()
            .Where(e => Pathway.StatusOf(student, e) == EnrollmentStatus.Active && e.StartedOn <= today)
            .ToList();
        var degreeOn = student.Active<DegreeConferred>().Select(d => (DateOnly?)d.ConferredOn).Min();
        var placed = student.Active<JobPlaced>().Any();
        var attempts = student.Active<CertificationExamTaken>().Where(a => a.Exam == Exam.Rhit).OrderBy(a => a.TakenOn).ToList();
        var graduatedNotPlaced = degreeOn is not null && !placed;

        List<AlertCode> alerts = [];
        if ((open.Count > 0 || graduatedNotPlaced)
            && lastMilestoneOn is { } last && today.DayNumber - last.DayNumber >= options.StalledDays)
            alerts.Add(AlertCode.Stalled);

        if (open.Any(e => programs.GetValueOrDefault(e.ProgramId) is not { } p || !p.IsCahiimAccreditedOn(today)))
            alerts.Add(AlertCode.NotExamEligible);

        if (attempts.Count == 0 && !placed && RhitEligibility.Evaluate(student, programs, today).Eligible)
            alerts.Add(AlertCode.ExamReady);

        if (attempts.Count > 0 && !attempts.Any(a => a.Passed) && attempts[^1].TakenOn.AddDays(retakeWaitDays) <= today)
            alerts.Add(AlertCode.RetakeWindowOpen);

        if (graduatedNotPlaced && degreeOn!.Value.AddMonths(options.GraduatedNotPlacedMonths) < today)
            alerts.Add(AlertCode.GraduatedNotPlaced);

        return alerts;
    }

    /// <summary>
    /// The latest real-world date among the active pathway milestones. Registration, advisor changes and voids are
    /// paperwork, not progress: a student registered today with a backfilled enrollment of last year is stalled.
    /// </summary>
    public static DateOnly? LastMilestoneOn(Student student) =>
        student.Milestones
            .Where(m => !m.Voided && m.Milestone is not (MilestoneVoided or StudentRegistered or AdvisorAssigned))
            .Select(m => (DateOnly?)m.Milestone.OccurredOn).Max();
}
