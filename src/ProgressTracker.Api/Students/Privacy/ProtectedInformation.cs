using System.Text.Json.Nodes;
using Marten;

namespace ProgressTracker.Students.Privacy;

/// <summary>
/// Which values of a student's events identify the student (domain.md 7: name, e-mail, student number, free text such
/// as organization, employer, void reasons), and what replaces them on erasure. The same functions mask the stored
/// events (Marten's protected-information rules) and scrub the folded record, so a rebuild from the masked events ends
/// on the same erased record. Dates, categories, programs, results and ids stay: the report figures depend on them.
/// </summary>
public static class ProtectedInformation
{
    /// <summary>What an erased student is called wherever a name must be shown (a caseload row).</summary>
    public const string ErasedName = "(erased)";

    public static StudentRegistered Mask(StudentRegistered e) => e with { Name = ErasedName, Email = "", StudentNumber = null };
    public static VolunteeringLogged Mask(VolunteeringLogged e) => e with { Organization = "" };
    public static JobPlaced Mask(JobPlaced e) => e with { Employer = "" };
    public static MilestoneVoided Mask(MilestoneVoided e) => e with { Reason = "" };
    public static StudentIdentityCorrected Mask(StudentIdentityCorrected e) => e.Redacted();

    public static Milestone Mask(Milestone m) => m switch
    {
        StudentRegistered e => Mask(e),
        VolunteeringLogged e => Mask(e),
        JobPlaced e => Mask(e),
        MilestoneVoided e => Mask(e),
        StudentIdentityCorrected e => Mask(e),
        _ => m,
    };

    /// <summary>Marten masks the stored events of a stream with these rules (<c>ApplyEventDataMasking</c>).</summary>
    public static void AddMaskingRules(StoreOptions opts)
    {
        opts.Events.AddMaskingRuleForProtectedInformation<StudentRegistered>(e => Mask(e));
        opts.Events.AddMaskingRuleForProtectedInformation<VolunteeringLogged>(e => Mask(e));
        opts.Events.AddMaskingRuleForProtectedInformation<JobPlaced>(e => Mask(e));
        opts.Events.AddMaskingRuleForProtectedInformation<MilestoneVoided>(e => Mask(e));
        opts.Events.AddMaskingRuleForProtectedInformation<StudentIdentityCorrected>(e => Mask(e));
    }

    /// <summary>The decision state with every identifying value replaced, as the masked events fold.</summary>
    public static Student Scrub(Student student) => student with { Name = ErasedName, Email = "", StudentNumber = null };

    /// <summary>
    /// A milestone of the stored timeline (<see cref="Timeline.StudentTimeline.ToJson"/>) with every identifying value
    /// replaced as <see cref="Mask(Milestone)"/> replaces it in the event, and the void's reason as in the masked void.
    /// </summary>
    public static void Scrub(JsonObject milestone)
    {
        switch ((string?)milestone["type"])
        {
            case "student-registered":
                milestone["name"] = ErasedName;
                milestone["email"] = "";
                milestone.Remove("studentNumber");   // null is not written
                break;
            case "volunteering-logged":
                milestone["organization"] = "";
                break;
            case "job-placed":
                milestone["employer"] = "";
                break;
            case "student-identity-corrected":
                foreach (var field in new[] { "name", "email", "studentNumber", "reason" }) milestone.Remove(field);
                break;
        }
        if (milestone.ContainsKey("voidReason")) milestone["voidReason"] = "";
    }

    /// <summary>The identifying values of these events, to find what else holds them (import files, queues, answers).</summary>
    public static IEnumerable<string?> ValuesOf(Milestone m) => m switch
    {
        StudentRegistered e => [e.Name, e.Email, e.StudentNumber],
        VolunteeringLogged e => [e.Organization],
        JobPlaced e => [e.Employer],
        MilestoneVoided e => [e.Reason],
        StudentIdentityCorrected e => [e.Name, e.Email, e.StudentNumber, e.Reason],
        _ => [],
    };
}
