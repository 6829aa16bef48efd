using ProgressTracker.Advisors.Alerts;
using ProgressTracker.Students;

namespace ProgressTracker.Advisors.Dashboard;

/// <summary>
/// What the alert rules (<see cref="AlertRules"/>, <see cref="RhitEligibility"/> and the <see cref="Pathway"/> functions
/// they call) read of a student's active milestones, and nothing else: the dashboard reads ~250 of these per request,
/// so every milestone is cut to the fields the rules read. <see cref="Milestones"/> turns them back into milestones for
/// the same rules (no second copy of them to keep in step); the fields the rules never read are left empty there.
/// </summary>
public sealed record AlertInputs
{
    /// <summary>Active enrollments, in record order (the rules' stable sorts break ties by it).</summary>
    public IReadOnlyList<EnrollmentInput> Enrollments { get; init; } = [];
    public IReadOnlyList<ProgramDay> Degrees { get; init; } = [];
    public IReadOnlyList<ProgramDay> Withdrawals { get; init; } = [];

    /// <summary>Active RHIT attempts, in record order.</summary>
    public IReadOnlyList<RhitAttempt> RhitAttempts { get; init; } = [];

    /// <summary>Whether any job placement is active: all the rules ask of jobs.</summary>
    public bool Placed { get; init; }

    public static AlertInputs Of(Student student)
    {
        var courses = student.Active<CourseCompleted>().ToList();
        return new AlertInputs
        {
            Enrollments = [.. student.Active<EnrolledInProgram>().Select(e => EnrollmentInput.Of(e, courses))],
            Degrees = [.. student.Active<DegreeConferred>().Select(d => new ProgramDay(d.ProgramId, d.ConferredOn))],
            Withdrawals = [.. student.Active<ProgramWithdrawn>().Select(w => new ProgramDay(w.ProgramId, w.WithdrawnOn))],
            RhitAttempts = [.. student.Active<CertificationExamTaken>().Where(a => a.Exam == Exam.Rhit).Select(a => new RhitAttempt(a.TakenOn, a.Passed))],
            Placed = student.Active<JobPlaced>().Any(),
        };
    }

    /// <summary>
    /// Milestones that give the rules the same answers as the student's own. Course completions: the rules only ask
    /// whether every required category of an enrollment was completed by a day, so each enrollment's required
    /// categories come back completed on <see cref="EnrollmentInput.CourseworkCompleteOn"/>, the day the last of them
    /// was first completed (a later date than the true one for some categories, never for the last: same answer).
    /// </summary>
    public IEnumerable<Milestone> Milestones(Guid studentId)
    {
        foreach (var e in Enrollments)
            yield return new EnrolledInProgram(Guid.Empty, studentId, Guid.Empty, e.ProgramId, "", e.Intensity, e.StartedOn,
                e.RequiredCategories, e.NormalDurationMonths, "");
        foreach (var e in Enrollments.Where(e => e.CourseworkCompleteOn is not null))
            foreach (var category in e.RequiredCategories)
                yield return new CourseCompleted(Guid.Empty, studentId, e.ProgramId, "", "", category, 0, "", e.CourseworkCompleteOn!.Value, "");
        foreach (var d in Degrees)
            yield return new DegreeConferred(Guid.Empty, studentId, d.ProgramId, default, d.On, "");
        foreach (var w in Withdrawals)
            yield return new ProgramWithdrawn(Guid.Empty, studentId, w.ProgramId, w.On, default, "");
        foreach (var a in RhitAttempts)
            yield return new CertificationExamTaken(Guid.Empty, studentId, Exam.Rhit, a.TakenOn, a.Passed, null, "");
        if (Placed)
            yield return new JobPlaced(Guid.Empty, studentId, "", default, default, false, false, default, "");
    }
}

/// <summary>An enrollment as the rules read it, with the day its coursework was complete (null: not yet).</summary>
public sealed record EnrollmentInput(
    Guid ProgramId, DateOnly StartedOn, int NormalDurationMonths, Intensity Intensity,
    IReadOnlyList<CourseCategory> RequiredCategories, DateOnly? CourseworkCompleteOn)
{
    public static EnrollmentInput Of(EnrolledInProgram e, IReadOnlyList<CourseCompleted> activeCourses)
    {
        var firstDone = activeCourses.Where(c => c.ProgramId == e.ProgramId)
            .GroupBy(c => c.Category)
            .ToDictionary(g => g.Key, g => g.Min(c => c.CompletedOn));
        DateOnly? completeOn = !e.RequiredCategories.All(firstDone.ContainsKey) ? null
            : e.RequiredCategories.Count == 0 ? DateOnly.MinValue
            : e.RequiredCategories.Max(c => firstDone[c]);
        return new(e.ProgramId, e.StartedOn, e.NormalDurationMonths, e.Intensity, e.RequiredCategories, completeOn);
    }
}

public sealed record ProgramDay(Guid ProgramId, DateOnly On);

public sealed record RhitAttempt(DateOnly TakenOn, bool Passed);
