using JasperFx.Events;
using Marten.Events.Aggregation;
using ProgressTracker.Colleges;

namespace ProgressTracker.Students;

/// <summary>
/// A student's decision state: who they are and, of their milestones, only what the rules, alerts and reports read,
/// voided ones left out (an enrollment stays, marked, for the rosters). Kept inline so that it commits with the
/// events; the timeline is a read model of its own (<see cref="Timeline.StudentTimeline"/>).
/// </summary>
public sealed record Student
{
    public Guid Id { get; init; }

    /// <summary>The stream version; Marten sets it. Clients see it as the ETag.</summary>
    public int Version { get; set; }

    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public string? StudentNumber { get; init; }
    public Guid AdvisorId { get; init; }

    /// <summary>The college whose roster registered the student, if one did.</summary>
    public Guid? CollegeId { get; init; }

    /// <summary>Erased (domain.md 7): no identifying value is left, and reads answer 410.</summary>
    public bool Erased { get; init; }

    /// <summary>Every enrollment in record order (the rules' stable sorts break ties by it), voided ones marked.</summary>
    public IReadOnlyList<EnrollmentEpisode> Enrollments { get; init; } = [];

    public IReadOnlyList<CourseDone> Courses { get; init; } = [];
    public IReadOnlyList<Withdrawal> Withdrawals { get; init; } = [];
    public IReadOnlyList<Degree> Degrees { get; init; } = [];
    public IReadOnlyList<ExamAttempt> Attempts { get; init; } = [];
    public IReadOnlyList<Placement> Placements { get; init; } = [];
    public IReadOnlyList<OutcomeReport> Outcomes { get; init; } = [];
    public IReadOnlyList<Dated> Volunteering { get; init; } = [];

    /// <summary>
    /// The terms the student was registered for, in record order, voided ones marked (a report <c>asOf</c> an earlier
    /// instant finds the students whose registration stood then among these). Read <see cref="RegisteredTerms"/>.
    /// </summary>
    public IReadOnlyList<TermRegistration> TermRegistrations { get; init; } = [];

    /// <summary>The term registrations that stand (not voided).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<TermRegistration> RegisteredTerms => TermRegistrations.Where(r => !r.IsVoided);

    /// <summary>What a void needs of milestones that are not in the lists above: registration, advisor changes and
    /// identity corrections (never voided) and the milestones voided already.</summary>
    public IReadOnlyList<Guid> Paperwork { get; init; } = [];
    public IReadOnlyList<Guid> Voided { get; init; } = [];

    /// <summary>The enrollments that stand (not voided), in record order.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<EnrollmentEpisode> ActiveEnrollments => Enrollments.Where(e => !e.IsVoided);

    /// <summary>What the alert and eligibility rules read (<see cref="Students.Standing"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Standing Standing => Standing.Of(this);

    /// <summary>
    /// The standing as stored on every write, in a column of its own rather than in the state's JSON: a caseload's
    /// standings are then read without detoasting the states (ops/bench, the dashboard at 200,000 students).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore, Infrastructure.JsonbColumn]
    public string StoredStanding => Standing.ToStored();

    /// <summary>Whether the student belongs to a college: registered from its roster or enrolled in one of its programs.</summary>
    public bool IsAtCollege(Guid collegeId) => CollegeId == collegeId || ActiveEnrollments.Any(e => e.CollegeId == collegeId);

    public static Student Registered(StudentRegistered e, DateTimeOffset recordedAt) => new()
    {
        Id = e.StudentId,
        Name = e.Name,
        Email = e.Email,
        StudentNumber = e.StudentNumber,
        AdvisorId = e.AdvisorId,
        CollegeId = e.CollegeId,
        Paperwork = [e.MilestoneId],
    };

    public Student Record(Milestone e, DateTimeOffset recordedAt) => e switch
    {
        AdvisorAssigned a => this with { AdvisorId = a.AdvisorId, Paperwork = [.. Paperwork, a.MilestoneId] },
        VolunteeringLogged v => this with { Volunteering = [.. Volunteering, new(v.MilestoneId, v.EndedOn)] },
        EnrolledInProgram x => this with
        {
            Enrollments = [.. Enrollments, new(x.MilestoneId, x.CollegeId, x.ProgramId, x.Cohort, x.Intensity, x.StartedOn,
                x.RequiredCategories, x.NormalDurationMonths)],
        },
        CourseCompleted c => this with { Courses = [.. Courses, new(c.MilestoneId, c.ProgramId, c.Category, c.CompletedOn)] },
        ProgramWithdrawn w => this with { Withdrawals = [.. Withdrawals, new(w.MilestoneId, w.ProgramId, w.WithdrawnOn, w.Reason)] },
        DegreeConferred d => this with { Degrees = [.. Degrees, new(d.MilestoneId, d.ProgramId, d.ConferredOn)] },
        CertificationExamTaken x => this with { Attempts = [.. Attempts, new(x.MilestoneId, x.Exam, x.TakenOn, x.Passed)] },
        JobPlaced j => this with
        {
            Placements = [.. Placements, new(j.MilestoneId, j.StartedOn, j.Setting, j.Specialty, j.FullTime, j.InField)],
        },
        GraduateOutcomeReported o => this with { Outcomes = [.. Outcomes, new(o.MilestoneId, o.ReportedOn, o.Status)] },
        TermRegistered t => this with
        {
            TermRegistrations = [.. TermRegistrations, new(t.MilestoneId, t.CollegeId, t.ProgramId, t.Term, recordedAt)],
        },
        MilestoneVoided v => Void(v.VoidedMilestoneId),
        Privacy.StudentIdentityCorrected c => Privacy.IdentityCorrections.Apply(this, c),
        _ => this,
    };

    private Student Void(Guid id) => this with
    {
        Voided = [.. Voided, id],
        Enrollments = [.. Enrollments.Select(x => x.MilestoneId == id ? x with { IsVoided = true } : x)],
        Courses = [.. Courses.Where(x => x.MilestoneId != id)],
        Withdrawals = [.. Withdrawals.Where(x => x.MilestoneId != id)],
        Degrees = [.. Degrees.Where(x => x.MilestoneId != id)],
        Attempts = [.. Attempts.Where(x => x.MilestoneId != id)],
        Placements = [.. Placements.Where(x => x.MilestoneId != id)],
        Outcomes = [.. Outcomes.Where(x => x.MilestoneId != id)],
        Volunteering = [.. Volunteering.Where(x => x.MilestoneId != id)],
        TermRegistrations = [.. TermRegistrations.Select(x => x.MilestoneId == id ? x with { IsVoided = true } : x)],
    };

    /// <summary>Whether the id is a standing (not voided) milestone of the student's, other than paperwork.</summary>
    public bool Stands(Guid id) =>
        ActiveEnrollments.Any(x => x.MilestoneId == id) || Courses.Any(x => x.MilestoneId == id)
        || Withdrawals.Any(x => x.MilestoneId == id) || Degrees.Any(x => x.MilestoneId == id)
        || Attempts.Any(x => x.MilestoneId == id) || Placements.Any(x => x.MilestoneId == id)
        || Outcomes.Any(x => x.MilestoneId == id) || Volunteering.Any(x => x.MilestoneId == id)
        || RegisteredTerms.Any(x => x.MilestoneId == id);

    /// <summary>Whether a milestone with this id was ever recorded for the student (an import's repeat is skipped).</summary>
    public bool Knows(Guid id) => Stands(id) || Voided.Contains(id) || Paperwork.Contains(id);

    /// <summary>
    /// What closed the enrollment episode (domain.md rule 1): the first degree or withdrawal in its program on or after
    /// its start and before the program's next enrollment, a degree winning a tie; null while it is open. A student
    /// who withdrew, re-enrolled and graduated has the degree in the second episode only.
    /// </summary>
    public (DateOnly On, bool Graduated)? ClosedBy(EnrollmentEpisode enrollment)
    {
        var next = ActiveEnrollments
            .Where(e => e.ProgramId == enrollment.ProgramId && e.StartedOn > enrollment.StartedOn)
            .Min(e => (DateOnly?)e.StartedOn);
        bool InEpisode(Guid program, DateOnly day) =>
            program == enrollment.ProgramId && day >= enrollment.StartedOn && (next is null || day < next);
        var degree = Degrees.Where(d => InEpisode(d.ProgramId, d.ConferredOn)).Min(d => (DateOnly?)d.ConferredOn);
        var withdrawal = Withdrawals.Where(w => InEpisode(w.ProgramId, w.WithdrawnOn)).Min(w => (DateOnly?)w.WithdrawnOn);
        if (degree is { } conferred && (withdrawal is null || conferred <= withdrawal)) return (conferred, true);
        return withdrawal is { } withdrawn ? (withdrawn, false) : null;
    }

    /// <summary>The degree that closed the enrollment episode, or null.</summary>
    public DateOnly? GraduatedOn(EnrollmentEpisode enrollment) => ClosedBy(enrollment) is (var on, true) ? on : null;

    /// <summary>The withdrawal that closed the enrollment episode, or null.</summary>
    public DateOnly? WithdrawnOn(EnrollmentEpisode enrollment) => ClosedBy(enrollment) is (var on, false) ? on : null;

    /// <summary>The first degree, whatever the program, or null.</summary>
    public DateOnly? FirstDegreeOn => Degrees.Min(d => (DateOnly?)d.ConferredOn);

    /// <summary>
    /// Job placements in the sense of domain.md section 1: jobs that started on or after the first degree. A job held
    /// before it (a records clerk who is still a student) is on the timeline but is not a placement.
    /// </summary>
    public IEnumerable<Placement> PlacementsAfterDegree => FirstDegreeOn is { } degree
        ? Placements.Where(p => p.StartedOn >= degree)
        : [];

    /// <summary>
    /// The day the last of the enrollment's required categories was first completed (in any course of the program,
    /// as the degree asks; none required: any day), or null while one is missing.
    /// </summary>
    public DateOnly? CourseworkCompleteOn(EnrollmentEpisode enrollment)
    {
        var firstDone = Courses.Where(c => c.ProgramId == enrollment.ProgramId)
            .GroupBy(c => c.Category)
            .ToDictionary(g => g.Key, g => g.Min(c => c.CompletedOn));
        if (!enrollment.RequiredCategories.All(firstDone.ContainsKey)) return null;
        return enrollment.RequiredCategories.Count == 0 ? DateOnly.MinValue : enrollment.RequiredCategories.Max(c => firstDone[c]);
    }

    /// <summary>
    /// The latest real-world date among the standing pathway milestones. Registration, advisor changes and voids are
    /// paperwork, not progress: a student registered today with a backfilled enrollment of last year is stalled.
    /// </summary>
    public DateOnly? LastMilestoneOn() =>
        ActiveEnrollments.Select(x => x.StartedOn)
            .Concat(Courses.Select(x => x.CompletedOn))
            .Concat(Withdrawals.Select(x => x.WithdrawnOn))
            .Concat(Degrees.Select(x => x.ConferredOn))
            .Concat(Attempts.Select(x => x.TakenOn))
            .Concat(Placements.Select(x => x.StartedOn))
            .Concat(Outcomes.Select(x => x.ReportedOn))
            .Concat(Volunteering.Select(x => x.On))
            .Select(d => (DateOnly?)d).Max();
}

/// <summary>An enrollment as the rules read it: the program's requirements as they stood at enrollment.</summary>
public sealed record EnrollmentEpisode(
    Guid MilestoneId, Guid CollegeId, Guid ProgramId, string Cohort, Intensity Intensity, DateOnly StartedOn,
    IReadOnlyList<CourseCategory> RequiredCategories, int NormalDurationMonths, bool IsVoided = false);

public sealed record CourseDone(Guid MilestoneId, Guid ProgramId, CourseCategory Category, DateOnly CompletedOn);
public sealed record Withdrawal(Guid MilestoneId, Guid ProgramId, DateOnly WithdrawnOn, WithdrawalReason Reason);
public sealed record Degree(Guid MilestoneId, Guid ProgramId, DateOnly ConferredOn);
public sealed record ExamAttempt(Guid MilestoneId, Exam Exam, DateOnly TakenOn, bool Passed);
public sealed record Placement(Guid MilestoneId, DateOnly StartedOn, CareSetting Setting, Specialty Specialty, bool FullTime, bool InField);
public sealed record OutcomeReport(Guid MilestoneId, DateOnly ReportedOn, OutcomeStatus Status);

/// <summary>A term registration; <see cref="RecordedAt"/> (the event's timestamp) lets a past report find it.</summary>
public sealed record TermRegistration(
    Guid MilestoneId, Guid CollegeId, Guid ProgramId, string Term, DateTimeOffset RecordedAt, bool IsVoided = false);

/// <summary>A milestone the rules read only the date of (volunteering: progress, and the GainingExperience stage).</summary>
public sealed record Dated(Guid MilestoneId, DateOnly On);

/// <summary>Folds a student's stream into <see cref="Student"/>; registered inline.</summary>
public sealed partial class StudentProjection : SingleStreamProjection<Student, Guid>
{
    /// <summary>Raised with any change to what the state holds: a new version's table is rebuilt from the events at start.</summary>
    public const uint StateVersion = 3;

    public StudentProjection()
    {
        Version = StateVersion;
    }

    public override Student? Evolve(Student? snapshot, Guid id, IEvent e) => e.Data switch
    {
        StudentRegistered registered => Student.Registered(registered, e.Timestamp),
        Milestone milestone when snapshot is not null => snapshot.Record(milestone, e.Timestamp),
        Privacy.StudentErased when snapshot is not null => Privacy.IdentityCorrections.Erase(snapshot),
        _ => snapshot,
    };
}
