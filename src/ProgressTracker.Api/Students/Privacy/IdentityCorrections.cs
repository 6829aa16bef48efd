namespace ProgressTracker.Students.Privacy;

/// <summary>How a correction and an erasure change the student's record; the only place that knows.</summary>
public static class IdentityCorrections
{
    /// <summary>
    /// The latest identity becomes the record's, the registration shown on the timeline included (so no read model
    /// keeps the old value), and the correction is kept without its values.
    /// </summary>
    public static Student Apply(Student student, StudentIdentityCorrected c, DateTimeOffset recordedAt) => student with
    {
        Name = c.Name ?? student.Name,
        Email = c.Email ?? student.Email,
        StudentNumber = c.StudentNumber ?? student.StudentNumber,
        Milestones =
        [
            .. student.Milestones.Select(m => m.Milestone is StudentRegistered r
                ? m with { Milestone = r with { Name = c.Name ?? r.Name, Email = c.Email ?? r.Email, StudentNumber = c.StudentNumber ?? r.StudentNumber } }
                : m),
            new RecordedMilestone(c.Redacted(), recordedAt),
        ],
    };

    /// <summary>The record of an erased student: its facts under the stream id, no identifying value.</summary>
    public static Student Erase(Student student) => ProtectedInformation.Scrub(student) with { Erased = true };
}
