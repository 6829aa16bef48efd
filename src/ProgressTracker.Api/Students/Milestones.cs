using System.Text.Json.Serialization;
using ProgressTracker.Colleges;

namespace ProgressTracker.Students;

/// <summary>
/// Every event on a student's stream is a milestone: it names the student, who recorded it, and the day it
/// happened in the world. The event's own timestamp says when it was recorded. Milestones are never edited or
/// deleted; a mistake is voided by <see cref="MilestoneVoided"/>.
/// </summary>
/// <remarks>The "type" discriminator is the name the timeline shows; it also lets a student document hold a
/// list of mixed milestones.</remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(StudentRegistered), "student-registered")]
[JsonDerivedType(typeof(AdvisorAssigned), "advisor-assigned")]
[JsonDerivedType(typeof(VolunteeringLogged), "volunteering-logged")]
[JsonDerivedType(typeof(EnrolledInProgram), "enrolled-in-program")]
[JsonDerivedType(typeof(CourseCompleted), "course-completed")]
[JsonDerivedType(typeof(ProgramWithdrawn), "program-withdrawn")]
[JsonDerivedType(typeof(DegreeConferred), "degree-conferred")]
[JsonDerivedType(typeof(CertificationExamTaken), "certification-exam-taken")]
[JsonDerivedType(typeof(JobPlaced), "job-placed")]
[JsonDerivedType(typeof(GraduateOutcomeReported), "graduate-outcome-reported")]
[JsonDerivedType(typeof(TermRegistered), "term-registered")]
[JsonDerivedType(typeof(MilestoneVoided), "milestone-voided")]
[JsonDerivedType(typeof(Privacy.StudentIdentityCorrected), "student-identity-corrected")]
public abstract record Milestone(Guid MilestoneId, Guid StudentId, string RecordedBy)
{
    /// <summary>The real-world date of the milestone (not when it was recorded).</summary>
    public abstract DateOnly OccurredOn { get; }
}

/// <remarks><see cref="CollegeId"/> is set when a college registered the student from its roster: the student
/// number is then that college's.</remarks>
public sealed record StudentRegistered(
    Guid MilestoneId, Guid StudentId, string Name, string Email, string? StudentNumber, Guid AdvisorId,
    DateOnly RegisteredOn, string RecordedBy, Guid? CollegeId = null) : Milestone(MilestoneId, StudentId, RecordedBy)
{
    public override DateOnly OccurredOn => RegisteredOn;
}

public sealed record AdvisorAssigned(Guid MilestoneId, Guid StudentId, Guid AdvisorId, DateOnly AssignedOn, string RecordedBy)
    : Milestone(MilestoneId, StudentId, RecordedBy)
{
    public override DateOnly OccurredOn => AssignedOn;
}

public sealed record VolunteeringLogged(
    Guid MilestoneId, Guid StudentId, string Organization, CareSetting Setting, decimal Hours,
    DateOnly StartedOn, DateOnly EndedOn, string RecordedBy) : Milestone(MilestoneId, StudentId, RecordedBy)
{
    public override DateOnly OccurredOn => EndedOn;
}

/// <remarks>
/// Carries the program's requirements as they stood at enrollment (the student's catalog year), so that the
/// student's stage and degree audit do not shift when a program's catalog entry changes later.
/// </remarks>
public sealed record EnrolledInProgram(
    Guid MilestoneId, Guid StudentId, Guid CollegeId, Guid ProgramId, string Cohort, Intensity Intensity,
    DateOnly StartedOn, IReadOnlyList<CourseCategory> RequiredCategories, int NormalDurationMonths, string RecordedBy)
    : Milestone(MilestoneId, StudentId, RecordedBy)
{
    public override DateOnly OccurredOn => StartedOn;
}

public sealed record CourseCompleted(
    Guid MilestoneId, Guid StudentId, Guid ProgramId, string CourseCode, string Title, CourseCategory Category,
    decimal Credits, string Grade, DateOnly CompletedOn, string RecordedBy) : Milestone(MilestoneId, StudentId, RecordedBy)
{
    public override DateOnly OccurredOn => CompletedOn;
}

public sealed record ProgramWithdrawn(
    Guid MilestoneId, Guid StudentId, Guid ProgramId, DateOnly WithdrawnOn, WithdrawalReason Reason, string RecordedBy)
    : Milestone(MilestoneId, StudentId, RecordedBy)
{
    public override DateOnly OccurredOn => WithdrawnOn;
}

public sealed record DegreeConferred(
    Guid MilestoneId, Guid StudentId, Guid ProgramId, Award Award, DateOnly ConferredOn, string RecordedBy)
    : Milestone(MilestoneId, StudentId, RecordedBy)
{
    public override DateOnly OccurredOn => ConferredOn;
}

public sealed record CertificationExamTaken(
    Guid MilestoneId, Guid StudentId, Exam Exam, DateOnly TakenOn, bool Passed, int? Score, string RecordedBy)
    : Milestone(MilestoneId, StudentId, RecordedBy)
{
    public override DateOnly OccurredOn => TakenOn;
}

public sealed record JobPlaced(
    Guid MilestoneId, Guid StudentId, string Employer, CareSetting Setting, Specialty Specialty, bool FullTime,
    bool InField, DateOnly StartedOn, string RecordedBy) : Milestone(MilestoneId, StudentId, RecordedBy)
{
    public override DateOnly OccurredOn => StartedOn;
}

public sealed record GraduateOutcomeReported(
    Guid MilestoneId, Guid StudentId, OutcomeStatus Status, DateOnly ReportedOn, string RecordedBy)
    : Milestone(MilestoneId, StudentId, RecordedBy)
{
    public override DateOnly OccurredOn => ReportedOn;
}

/// <remarks>
/// A college records each term a student is registered in a program (domain.md 3): what tells a silent drop-out from a
/// student who is still enrolled, and what retention counts. <see cref="CollegeId"/> is the program's college, carried
/// so that a report can ask whether a college recorded any registrations for a term without reading the programs.
/// The day is the day it was recorded: students register before the term starts, and a milestone is never dated in
/// the future.
/// </remarks>
public sealed record TermRegistered(
    Guid MilestoneId, Guid StudentId, Guid CollegeId, Guid ProgramId, string Term, DateOnly RegisteredOn, string RecordedBy)
    : Milestone(MilestoneId, StudentId, RecordedBy)
{
    public override DateOnly OccurredOn => RegisteredOn;
}

public sealed record MilestoneVoided(
    Guid MilestoneId, Guid StudentId, Guid VoidedMilestoneId, string Reason, DateOnly VoidedOn, string RecordedBy)
    : Milestone(MilestoneId, StudentId, RecordedBy)
{
    public override DateOnly OccurredOn => VoidedOn;
}
