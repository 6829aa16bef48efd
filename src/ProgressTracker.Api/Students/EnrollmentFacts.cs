using System.Text.Json.Serialization;

namespace ProgressTracker.Students;

/// <summary>
/// An active enrollment with what the RHIT eligibility rule (<see cref="RhitEligibility"/>) reads of the rest of the
/// record folded in: the day a degree or a withdrawal in its program closed it, and the day its coursework was
/// complete. The rule reads only these, so a caseload entry can carry them instead of the whole record (ops/bench:
/// the dashboard evaluates ~250 students per request).
/// </summary>
public sealed record EnrollmentFacts(
    Guid ProgramId, DateOnly StartedOn, int NormalDurationMonths, Intensity Intensity,
    DateOnly? CourseworkCompleteOn, DateOnly? GraduatedOn, DateOnly? WithdrawnOn)
{
    [JsonIgnore]
    public EnrollmentStatus Status => Pathway.StatusOf(GraduatedOn, WithdrawnOn);

    [JsonIgnore]
    public DateOnly? EndedOn => Pathway.EndOf(GraduatedOn, WithdrawnOn);

    /// <summary>Every required category completed by that day (in any course of the program, as the degree asks).</summary>
    public bool CourseworkCompleteBy(DateOnly day) => CourseworkCompleteOn <= day;

    /// <summary>The student's active enrollments, in record order (the rules' stable sorts break ties by it).</summary>
    public static IReadOnlyList<EnrollmentFacts> Of(Student student)
    {
        var courses = student.Active<CourseCompleted>().ToList();
        return [.. student.Active<EnrolledInProgram>().Select(e => new EnrollmentFacts(
            e.ProgramId, e.StartedOn, e.NormalDurationMonths, e.Intensity, CourseworkCompletedOn(e, courses),
            Pathway.GraduatedOn(student, e), Pathway.WithdrawnOn(student, e)))];
    }

    /// <summary>
    /// The day the last of the enrollment's required categories was first completed (none required: any day), or null
    /// while one is missing: "complete by a day" is then one comparison.
    /// </summary>
    private static DateOnly? CourseworkCompletedOn(EnrolledInProgram enrollment, IReadOnlyList<CourseCompleted> activeCourses)
    {
        var firstDone = activeCourses.Where(c => c.ProgramId == enrollment.ProgramId)
            .GroupBy(c => c.Category)
            .ToDictionary(g => g.Key, g => g.Min(c => c.CompletedOn));
        if (!enrollment.RequiredCategories.All(firstDone.ContainsKey)) return null;
        return enrollment.RequiredCategories.Count == 0 ? DateOnly.MinValue : enrollment.RequiredCategories.Max(c => firstDone[c]);
    }
}
