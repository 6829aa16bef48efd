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
        For(AlertFacts.Of(student), LastMilestoneOn(student), programs, today, options, retakeWaitDays);

    /// <summary>
    /// The same, on the facts the rules read and the last milestone date: what the dashboard's <c>CaseloadEntry</c>
    /// keeps of a student (without the volunteering and outcome reports that also count as progress).
    /// </summary>
    public static IReadOnlyList<AlertCode> For(
        AlertFacts facts, DateOnly? lastMilestoneOn, IReadOnlyDictionary<Guid, AcademicProgram> programs, DateOnly today,
        AlertOptions options, int retakeWaitDays)
    {
        var open = facts.Enrollments.Where(e => e.Status == EnrollmentStatus.Active && e.StartedOn <= today).ToList();
        var graduatedNotPlaced = facts.FirstDegreeOn is not null && !facts.Placed;

        List<AlertCode> alerts = [];
        if ((open.Count > 0 || graduatedNotPlaced)
            && lastMilestoneOn is { } last && today.DayNumber - last.DayNumber >= options.StalledDays)
            alerts.Add(AlertCode.Stalled);

        if (open.Any(e => programs.GetValueOrDefault(e.ProgramId) is not { } p || !p.IsCahiimAccreditedOn(today)))
            alerts.Add(AlertCode.NotExamEligible);

        if (facts.LastRhitAttemptOn is null && !facts.Placed && RhitEligibility.IsEligible(facts.Enrollments, programs, today))
            alerts.Add(AlertCode.ExamReady);

        if (facts.LastRhitAttemptOn is { } lastAttempt && !facts.PassedRhit && lastAttempt.AddDays(retakeWaitDays) <= today)
            alerts.Add(AlertCode.RetakeWindowOpen);

        if (graduatedNotPlaced && facts.FirstDegreeOn!.Value.AddMonths(options.GraduatedNotPlacedMonths) < today)
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
