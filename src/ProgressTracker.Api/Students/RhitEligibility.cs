using ProgressTracker.Colleges;

namespace ProgressTracker.Students;

/// <summary>Whether a student may sit the RHIT exam on a given day, and why (in words a student understands).</summary>
public sealed record ExamEligibility(bool Eligible, string Reason);

/// <summary>
/// AHIMA's RHIT eligibility (domain.md rule 1): the student graduated from, or is coursework-complete or in the last
/// term of, an associate program that was CAHIIM-accredited during their attendance. "During attendance" is judged
/// on the day attendance ended (degree or withdrawal) or, while still enrolled, on the exam day: CAHIIM counts those
/// who finish after accreditation is granted as graduates of an accredited program.
/// </summary>
public static class RhitEligibility
{
    /// <summary>A term, for "in the last term": the final four months of the program's normal duration.</summary>
    public const int TermMonths = 4;

    public static ExamEligibility Evaluate(Student student, IReadOnlyDictionary<Guid, AcademicProgram> programs, DateOnly on)
    {
        var enrollments = student.Active<EnrolledInProgram>()
            .Where(e => e.StartedOn <= on)
            .OrderByDescending(e => e.StartedOn)
            .ToList();
        if (enrollments.Count == 0)
            return new(false, "Not enrolled in an associate program: enroll in a CAHIIM-accredited HIT program.");

        var verdicts = enrollments.Select(e => Judge(student, e, programs.GetValueOrDefault(e.ProgramId), on)).ToList();
        return verdicts.FirstOrDefault(v => v.Eligible) ?? verdicts[0];
    }

    private static ExamEligibility Judge(Student student, EnrolledInProgram enrollment, AcademicProgram? program, DateOnly on)
    {
        var name = program?.Name ?? "the program";
        var end = Pathway.EndOf(student, enrollment);
        var attendanceEnd = end is { } e && e <= on ? e : on;
        if (program is null || !program.IsCahiimAccreditedOn(attendanceEnd))
            return new(false, $"{name} was not CAHIIM-accredited during the attendance, so it does not qualify for the RHIT exam.");

        var status = end is { } ended && ended <= on ? Pathway.StatusOf(student, enrollment) : EnrollmentStatus.Active;
        return status switch
        {
            EnrollmentStatus.Graduated => new(true, $"Graduated from {name}, a CAHIIM-accredited program."),
            EnrollmentStatus.Withdrawn => new(false, $"Withdrew from {name} before completing it."),
            _ when CompletedCourseworkBy(student, enrollment, on) =>
                new(true, $"Coursework in {name} is complete: early testing is allowed before graduation."),
            _ when on >= LastTermStarts(enrollment) =>
                new(true, $"In the last term of {name}: early testing is allowed."),
            _ => new(false, $"Enrolled in {name}: eligible from the last term ({LastTermStarts(enrollment):yyyy-MM-dd}) or once coursework is complete."),
        };
    }

    /// <summary>Part-time students are expected to take twice the normal duration.</summary>
    public static DateOnly LastTermStarts(EnrolledInProgram enrollment)
    {
        var months = enrollment.NormalDurationMonths * (enrollment.Intensity == Intensity.PartTime ? 2 : 1);
        return enrollment.StartedOn.AddMonths(Math.Max(0, months - TermMonths));
    }

    private static bool CompletedCourseworkBy(Student student, EnrolledInProgram enrollment, DateOnly on)
    {
        var done = student.Active<CourseCompleted>()
            .Where(c => c.ProgramId == enrollment.ProgramId && c.CompletedOn <= on)
            .Select(c => c.Category)
            .ToHashSet();
        return enrollment.RequiredCategories.All(done.Contains);
    }
}
