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

    /// <summary>The verdict of the latest enrollment that makes the student eligible, or else of the latest one.</summary>
    public static ExamEligibility Evaluate(Student student, IReadOnlyDictionary<Guid, AcademicProgram> programs, DateOnly on)
    {
        var started = student.Standing.Enrollments.Where(e => e.StartedOn <= on).OrderByDescending(e => e.StartedOn).ToList();
        if (started.Count == 0)
            return new(false, "Not enrolled in an associate program: enroll in a CAHIIM-accredited HIT program.");

        var verdicts = started
            .Select(e => (Enrollment: e, Program: programs.GetValueOrDefault(e.ProgramId)))
            .Select(v => (v.Enrollment, v.Program, Verdict: Judge(v.Enrollment, v.Program, on)))
            .ToList();
        var (enrollment, program, verdict) = verdicts.FirstOrDefault(v => IsEligible(v.Verdict), verdicts[0]);
        return new(IsEligible(verdict), Reason(verdict, enrollment, program?.Name ?? "the program"));
    }

    /// <summary>The same answer without its reason: what the alert rules ask for every student of a caseload.</summary>
    public static bool IsEligible(Standing student, IReadOnlyDictionary<Guid, AcademicProgram> programs, DateOnly on)
    {
        foreach (var e in student.Enrollments)
            if (e.StartedOn <= on && IsEligible(Judge(e, programs.GetValueOrDefault(e.ProgramId), on))) return true;
        return false;
    }

    private enum Verdict { NotAccredited, Graduated, Withdrew, CourseworkComplete, InLastTerm, NotYet }

    private static bool IsEligible(Verdict verdict) => verdict is Verdict.Graduated or Verdict.CourseworkComplete or Verdict.InLastTerm;

    private static Verdict Judge(EpisodeStanding enrollment, AcademicProgram? program, DateOnly on)
    {
        var ended = enrollment.EndedOn is { } end && end <= on;
        var attendanceEnd = ended ? enrollment.EndedOn!.Value : on;
        if (program is null || !program.IsCahiimAccreditedOn(attendanceEnd)) return Verdict.NotAccredited;

        return (ended ? enrollment.Status : EnrollmentStatus.Active) switch
        {
            EnrollmentStatus.Graduated => Verdict.Graduated,
            // A withdrawn episode counts only for what it had completed by its end (domain.md rule 1).
            EnrollmentStatus.Withdrawn when enrollment.CourseworkCompleteOn <= attendanceEnd => Verdict.CourseworkComplete,
            EnrollmentStatus.Withdrawn => Verdict.Withdrew,
            _ when enrollment.CourseworkCompleteOn <= on => Verdict.CourseworkComplete,
            _ when on >= LastTermStarts(enrollment.StartedOn, enrollment.NormalDurationMonths, enrollment.Intensity) => Verdict.InLastTerm,
            _ => Verdict.NotYet,
        };
    }

    private static string Reason(Verdict verdict, EpisodeStanding enrollment, string name) => verdict switch
    {
        Verdict.NotAccredited => $"{name} was not CAHIIM-accredited during the attendance, so it does not qualify for the RHIT exam.",
        Verdict.Graduated => $"Graduated from {name}, a CAHIIM-accredited program.",
        Verdict.Withdrew => $"Withdrew from {name} before completing it.",
        Verdict.CourseworkComplete => $"Coursework in {name} is complete: early testing is allowed before graduation.",
        Verdict.InLastTerm => $"In the last term of {name}: early testing is allowed.",
        _ => $"Enrolled in {name}: eligible from the last term ({LastTermStarts(enrollment.StartedOn, enrollment.NormalDurationMonths, enrollment.Intensity):yyyy-MM-dd}) or once coursework is complete.",
    };

    /// <summary>Part-time students are expected to take twice the normal duration.</summary>
    public static DateOnly LastTermStarts(DateOnly startedOn, int normalDurationMonths, Intensity intensity)
    {
        var months = normalDurationMonths * (intensity == Intensity.PartTime ? 2 : 1);
        return startedOn.AddMonths(Math.Max(0, months - TermMonths));
    }
}
