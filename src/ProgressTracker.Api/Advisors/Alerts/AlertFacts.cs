using ProgressTracker.Students;

namespace ProgressTracker.Advisors.Alerts;

/// <summary>
/// What the alert rules (<see cref="AlertRules"/>) read of a student's active milestones, folded to the facts they
/// ask about: the enrollments as the eligibility rule reads them, the first degree, the RHIT attempts' last day and
/// whether one passed, and whether the student was placed. A caseload entry keeps these (a few hundred bytes) so the
/// dashboard evaluates ~250 students without their records (ops/bench, issue 8).
/// </summary>
public sealed record AlertFacts
{
    /// <summary>Active enrollments, in record order.</summary>
    public IReadOnlyList<EnrollmentFacts> Enrollments { get; init; } = [];

    public DateOnly? FirstDegreeOn { get; init; }

    /// <summary>The day of the latest active RHIT attempt; null before the first.</summary>
    public DateOnly? LastRhitAttemptOn { get; init; }

    public bool PassedRhit { get; init; }

    /// <summary>Whether any job placement is active: all the rules ask of jobs.</summary>
    public bool Placed { get; init; }

    public static AlertFacts Of(Student student)
    {
        var rhit = student.Active<CertificationExamTaken>().Where(a => a.Exam == Exam.Rhit).ToList();
        return new()
        {
            Enrollments = EnrollmentFacts.Of(student),
            FirstDegreeOn = student.Active<DegreeConferred>().Min(d => (DateOnly?)d.ConferredOn),
            LastRhitAttemptOn = rhit.Max(a => (DateOnly?)a.TakenOn),
            PassedRhit = rhit.Any(a => a.Passed),
            Placed = student.Active<JobPlaced>().Any(),
        };
    }
}
