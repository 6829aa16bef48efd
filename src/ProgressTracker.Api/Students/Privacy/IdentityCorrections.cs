using ProgressTracker.Students.Timeline;

namespace ProgressTracker.Students.Privacy;

/// <summary>
/// How a correction and an erasure change the student's decision state and stored timeline; the only place that knows.
/// </summary>
public static class IdentityCorrections
{
    /// <summary>The latest identity becomes the record's; the correction is kept (as paperwork: never voided).</summary>
    public static Student Apply(Student student, StudentIdentityCorrected c) => student with
    {
        Name = c.Name ?? student.Name,
        Email = c.Email ?? student.Email,
        StudentNumber = c.StudentNumber ?? student.StudentNumber,
        Paperwork = [.. student.Paperwork, c.MilestoneId],
    };

    /// <summary>
    /// The registration shown on the timeline takes the new values too (so no read model keeps the old ones), and the
    /// correction is shown without its values: which fields changed, not to what.
    /// </summary>
    public static StudentTimeline Apply(StudentTimeline timeline, StudentIdentityCorrected c, DateTimeOffset recordedAt)
    {
        foreach (var registration in timeline.Milestones.Where(m => (string?)m["type"] == "student-registered"))
        {
            if (c.Name is not null) registration["name"] = c.Name;
            if (c.Email is not null) registration["email"] = c.Email;
            if (c.StudentNumber is not null) registration["studentNumber"] = c.StudentNumber;
        }
        return timeline.Add(StudentTimeline.ToJson(c.Redacted(), recordedAt));
    }

    /// <summary>The decision state of an erased student: its facts under the stream id, no identifying value.</summary>
    public static Student Erase(Student student) => ProtectedInformation.Scrub(student) with { Erased = true };

    /// <summary>The timeline of an erased student: every milestone as its masked event shows it.</summary>
    public static StudentTimeline Erase(StudentTimeline timeline)
    {
        foreach (var milestone in timeline.Milestones) ProtectedInformation.Scrub(milestone);
        return timeline;
    }
}
