using System.Text.Json;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Students;

/// <summary>
/// What the day-dependent rules (alerts, RHIT eligibility) and a caseload row read of a student: a pure function of
/// the decision state (<see cref="Of"/>), stored beside it on every write (<see cref="Student.StoredStanding"/>) so that
/// a caseload of 250 is read without its students' states. The rules read nothing else, so there is no second fold
/// to keep in step.
/// </summary>
public sealed record Standing(
    Guid StudentId,
    string Name,
    Stage Stage,
    bool Erased,
    DateOnly? LastMilestoneOn,
    DateOnly? FirstDegreeOn,
    bool GraduatedNotPlaced,
    DateOnly? LastRhitAttemptOn,
    bool PassedRhit,
    IReadOnlyList<EpisodeStanding> Enrollments)
{
    /// <summary>The stored form (<see cref="Student.StoredStanding"/>), in the document store's JSON dialect.</summary>
    public string ToStored() => JsonSerializer.Serialize(this, Json.Storage);

    public static Standing FromStored(string json) =>
        JsonSerializer.Deserialize<Standing>(json, Json.Storage) ?? throw new JsonException("A stored standing is null.");

    public static Standing Of(Student student)
    {
        // A job before the degree is not a placement; continuing education or military is a known other destination.
        var elsewhere = student.Outcomes.OrderBy(o => o.ReportedOn).LastOrDefault()?.Status
            is OutcomeStatus.ContinuingEducation or OutcomeStatus.Military;
        var rhit = student.Attempts.Where(a => a.Exam == Exam.Rhit).ToList();
        return new(
            student.Id, student.Name, Pathway.StageOf(student), student.Erased, student.LastMilestoneOn(), student.FirstDegreeOn,
            student.FirstDegreeOn is not null && !student.PlacementsAfterDegree.Any() && !elsewhere,
            rhit.Max(a => (DateOnly?)a.TakenOn), rhit.Any(a => a.Passed),
            [.. student.ActiveEnrollments.Select(e => EpisodeStanding.Of(student, e))]);
    }
}

/// <summary>A standing (not voided) enrollment episode as the rules read it; in record order.</summary>
public sealed record EpisodeStanding(
    Guid ProgramId,
    string Cohort,
    Intensity Intensity,
    DateOnly StartedOn,
    int NormalDurationMonths,
    EnrollmentStatus Status,
    DateOnly? EndedOn,
    DateOnly? CourseworkCompleteOn,
    string? LastRegisteredTerm)
{
    public static EpisodeStanding Of(Student student, EnrollmentEpisode e) => new(
        e.ProgramId, e.Cohort, e.Intensity, e.StartedOn, e.NormalDurationMonths, Pathway.StatusOf(student, e),
        Pathway.EndOf(student, e), student.CourseworkCompleteOn(e), LastTermOf(student, e));

    /// <summary>
    /// The latest term the student registered for in this episode's program, from its entry term on: an earlier
    /// episode's registrations (before a withdrawal) say nothing about this one.
    /// </summary>
    private static string? LastTermOf(Student student, EnrollmentEpisode e)
    {
        var terms = student.RegisteredTerms
            .Where(r => r.ProgramId == e.ProgramId && (!TermCalendar.IsTerm(e.Cohort) || TermCalendar.Compare(r.Term, e.Cohort) >= 0))
            .Select(r => r.Term).ToList();
        return terms.Count == 0 ? null : terms.Aggregate((a, b) => TermCalendar.Compare(a, b) >= 0 ? a : b);
    }
}
