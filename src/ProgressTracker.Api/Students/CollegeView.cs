namespace ProgressTracker.Students;

/// <summary>
/// What a college, as a school official for the students it serves, sees of a student (domain.md section 2): the
/// student's identity and the milestones of its own programs, plus exam attempts, jobs and outcomes dated on or after
/// the student's first enrollment there (they feed its reports). Not volunteering, advisor changes, another college's
/// milestones, or jobs before the student came to it.
/// </summary>
public static class CollegeView
{
    /// <summary>How a college's view names another college's program (in eligibility and next steps).</summary>
    public const string OtherProgram = "a program at another college";

    /// <summary>
    /// Whether the college serves the student on <paramref name="today"/>: registered by its roster or enrolled in one
    /// of its programs, until <paramref name="monthsAfter"/> months after the student's last enrollment there ended.
    /// </summary>
    public static bool Serves(Student student, Guid collegeId, DateOnly today, int monthsAfter)
    {
        var enrollments = student.ActiveEnrollments.Where(e => e.CollegeId == collegeId).ToList();
        if (enrollments.Count == 0) return student.CollegeId == collegeId;

        var lastEnded = DateOnly.MinValue;
        foreach (var enrollment in enrollments)
        {
            if (Pathway.EndOf(student, enrollment) is not { } ended) return true; // still enrolled there
            if (ended > lastEnded) lastEnded = ended;
        }
        return today <= lastEnded.AddMonths(monthsAfter);
    }

    /// <summary>
    /// What the college sees: its programs are its own by their enrollments (voided ones too: their courses are still
    /// the college's); exam attempts, jobs and outcomes count from the first standing enrollment there.
    /// </summary>
    public sealed record Scope(Guid CollegeId, IReadOnlySet<Guid> OwnPrograms, DateOnly? Since)
    {
        public bool ShowsProgram(Guid programId) => OwnPrograms.Contains(programId);
        public bool ShowsDated(DateOnly on) => Since is { } first && on >= first;
    }

    public static Scope ScopeOf(Student student, Guid collegeId) => new(collegeId,
        student.Enrollments.Where(e => e.CollegeId == collegeId).Select(e => e.ProgramId).ToHashSet(),
        student.ActiveEnrollments.Where(e => e.CollegeId == collegeId).Min(e => (DateOnly?)e.StartedOn));

    /// <summary>The student's decision state with only what the college may see.</summary>
    public static Student Of(Student student, Guid collegeId)
    {
        var scope = ScopeOf(student, collegeId);
        return student with
        {
            Enrollments = [.. student.Enrollments.Where(e => e.CollegeId == collegeId)],
            Courses = [.. student.Courses.Where(c => scope.ShowsProgram(c.ProgramId))],
            Withdrawals = [.. student.Withdrawals.Where(w => scope.ShowsProgram(w.ProgramId))],
            Degrees = [.. student.Degrees.Where(d => scope.ShowsProgram(d.ProgramId))],
            TermRegistrations = [.. student.TermRegistrations.Where(r => scope.ShowsProgram(r.ProgramId))],
            Attempts = [.. student.Attempts.Where(a => scope.ShowsDated(a.TakenOn))],
            Placements = [.. student.Placements.Where(p => scope.ShowsDated(p.StartedOn))],
            Outcomes = [.. student.Outcomes.Where(o => scope.ShowsDated(o.ReportedOn))],
            Volunteering = [],
        };
    }
}
