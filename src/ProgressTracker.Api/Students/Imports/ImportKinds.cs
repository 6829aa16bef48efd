using FluentValidation;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Students.Imports;

/// <summary>What a row decides with: who imports, the college's programs, the pathway settings and today.</summary>
public sealed record ImportContext(Caller Caller, Guid CollegeId, IReadOnlyDictionary<Guid, AcademicProgram> Programs,
    PathwayOptions Pathway, DateOnly Today);

/// <summary>
/// One import kind: the command its rows become (the JSON body of the matching route), the columns its header
/// must have, and how a row decides, through the very decision function the HTTP route uses.
/// </summary>
public sealed record ImportKind(
    string Name,
    Type Command,
    MilestoneKind Milestone,
    IReadOnlyList<string> Columns,
    Func<object, DateOnly, Dictionary<string, string[]>> Validate,
    Func<object, Guid?> ProgramId,
    Func<object, Student, AcademicProgram?, ImportContext, Decision> Decide)
{
    public const string StudentNumber = "studentNumber";
    public const string Students = "students";

    public static readonly IReadOnlyDictionary<string, ImportKind> All = new[]
    {
        // Registration is a kind of its own: it starts streams (see RosterImporter); it has no Decide here.
        Of<RegisterStudent>(Students, MilestoneKind.AdvisorAssignment, RegisterStudent.Rules, _ => null,
            (_, _, _, _) => throw new InvalidOperationException("Students are registered by the importer.")),
        Of<EnrollInProgram>("enrollments", MilestoneKind.Enrollment, EnrollInProgram.Rules, c => c.ProgramId,
            (c, s, p, ctx) => c.Decide(s, p!, ctx.Caller)),
        Of<CompleteCourse>("course-completions", MilestoneKind.CourseCompletion, CompleteCourse.Rules, c => c.ProgramId,
            (c, s, _, ctx) => c.Decide(s, ctx.Caller)),
        Of<WithdrawFromProgram>("withdrawals", MilestoneKind.Withdrawal, WithdrawFromProgram.Rules, c => c.ProgramId,
            (c, s, _, ctx) => c.Decide(s, ctx.Caller)),
        Of<ConferDegree>("degrees", MilestoneKind.Degree, ConferDegree.Rules, c => c.ProgramId,
            (c, s, p, ctx) => c.Decide(s, p!, ctx.Caller)),
        Of<RecordExamAttempt>("exam-attempts", MilestoneKind.ExamAttempt, RecordExamAttempt.Rules, _ => null,
            (c, s, _, ctx) => c.Decide(s, ctx.Programs, ctx.Pathway.RhitRetakeWaitDays, ctx.Caller)),
        Of<RecordJobPlacement>("job-placements", MilestoneKind.JobPlacement, RecordJobPlacement.Rules, _ => null,
            (c, s, _, ctx) => c.Decide(s, ctx.Caller)),
        Of<RegisterForTerm>("term-registrations", MilestoneKind.TermRegistration, RegisterForTerm.Rules, c => c.ProgramId,
            (c, s, p, ctx) => c.Decide(s, p!, ctx.Caller, ctx.Today)),
    }.ToDictionary(k => k.Name);

    private static ImportKind Of<T>(string name, MilestoneKind milestone, IValidator<T> rules, Func<T, Guid?> programId,
        Func<T, Student, AcademicProgram?, ImportContext, Decision> decide) where T : class
    {
        // The columns are the JSON field names of the route's body; rows name the student by number, not id.
        var fields = typeof(T).GetConstructors().Single().GetParameters()
            .Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name!))
            .ToList();
        List<string> columns = name == Students ? fields : [StudentNumber, .. fields];
        return new ImportKind(name, typeof(T), milestone, columns,
            (command, today) => Validation.Errors(rules, (T)command, today),
            command => programId((T)command),
            (command, student, program, context) => decide((T)command, student, program, context));
    }
}
