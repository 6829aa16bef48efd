using Alba;
using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Access;

/// <summary>
/// Two colleges, two advisors, two students: student S is on advisor X's caseload and enrolled at college A;
/// student T is on advisor Y's caseload and enrolled at college B. Each college has run an (empty) import.
/// </summary>
public sealed record AccessWorld(Guid CollegeA, Guid ProgramA, Guid CollegeB, Guid ProgramB, Guid AdvisorX, Guid AdvisorY,
    Guid StudentS, Guid StudentT, Guid VolunteeringOfS, Guid ImportOfA, Guid ImportOfB)
{
    public static async Task<AccessWorld> BuildAsync(IAlbaHost host)
    {
        var collegeA = await host.RegisterCollege("College A");
        var collegeB = await host.RegisterCollege("College B");
        var programA = await host.AddProgram(collegeA);
        var programB = await host.AddProgram(collegeB);
        var advisorX = await host.RegisterAdvisor("Advisor X");
        var advisorY = await host.RegisterAdvisor("Advisor Y");
        var s = await host.RegisterStudent(advisorX, "Student S");
        var t = await host.RegisterStudent(advisorY, "Student T");
        await host.Enroll(s, programA);
        await host.Enroll(t, programB);
        var volunteering = await host.Record(s, "volunteering", Students.Bodies.For("volunteering", Guid.Empty));
        // Waited for: a college may have one import queued or running, and tests start the next one.
        var import = await host.RunImport(collegeA, "enrollments", "studentNumber,programId,cohort,intensity,startedOn\n");
        var importOfB = await host.RunImport(collegeB, "enrollments", "studentNumber,programId,cohort,intensity,startedOn\n");
        return new AccessWorld(collegeA, programA, collegeB, programB, advisorX, advisorY, s, t, volunteering.MilestoneId, import,
            importOfB);
    }

    /// <summary>Every identity the matrix tries, by name; null is "no token".</summary>
    public IReadOnlyDictionary<string, string?> Identities => new Dictionary<string, string?>
    {
        ["admin"] = Infrastructure.Identities.Admin,
        ["advisor-x"] = Infrastructure.Identities.Advisor(AdvisorX),
        ["advisor-y"] = Infrastructure.Identities.Advisor(AdvisorY),
        ["college-a"] = Infrastructure.Identities.College(CollegeA),
        ["college-b"] = Infrastructure.Identities.College(CollegeB),
        ["student-s"] = Infrastructure.Identities.Student(StudentS),
        ["student-t"] = Infrastructure.Identities.Student(StudentT),
        ["anonymous"] = null,
    };
}
