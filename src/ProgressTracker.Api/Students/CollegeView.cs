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
        var enrollments = student.Active<EnrolledInProgram>().Where(e => e.CollegeId == collegeId).ToList();
        if (enrollments.Count == 0) return student.CollegeId == collegeId;

        var lastEnded = DateOnly.MinValue;
        foreach (var enrollment in enrollments)
        {
            if (Pathway.EndOf(student, enrollment) is not { } ended) return true; // still enrolled there
            if (ended > lastEnded) lastEnded = ended;
        }
        return today <= lastEnded.AddMonths(monthsAfter);
    }

    /// <summary>The student's record with only the milestones the college may see; voided ones stay marked.</summary>
    public static Student Of(Student student, Guid collegeId)
    {
        // Programs are the college's own by their enrollment events (voided enrollments too: their courses are still
        // the college's); what followed counts from the first enrollment there that stands.
        var ownPrograms = student.Milestones.Select(m => m.Milestone).OfType<EnrolledInProgram>()
            .Where(e => e.CollegeId == collegeId).Select(e => e.ProgramId).ToHashSet();
        var since = student.Active<EnrolledInProgram>().Where(e => e.CollegeId == collegeId).Min(e => (DateOnly?)e.StartedOn);

        bool Shows(Milestone m) => m switch
        {
            StudentRegistered => true,
            EnrolledInProgram e => e.CollegeId == collegeId,
            CourseCompleted c => ownPrograms.Contains(c.ProgramId),
            ProgramWithdrawn w => ownPrograms.Contains(w.ProgramId),
            DegreeConferred d => ownPrograms.Contains(d.ProgramId),
            CertificationExamTaken or JobPlaced or GraduateOutcomeReported => since is { } first && m.OccurredOn >= first,
            _ => false,
        };
        return student with { Milestones = [.. student.Milestones.Where(m => Shows(m.Milestone))] };
    }
}
