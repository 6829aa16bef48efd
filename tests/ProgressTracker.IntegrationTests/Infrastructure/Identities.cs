using Alba;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.IntegrationTests.Infrastructure;

/// <summary>Bearer tokens for the roles of api.md, signed with the test key.</summary>
public static class Identities
{
    public static string Admin => Token("admin-1", "admin");

    public static string Advisor(Guid advisorId) => Token($"advisor-{advisorId}", "advisor", ("advisor_id", advisorId));
    public static string College(Guid collegeId) => Token($"college-{collegeId}", "college", ("college_id", collegeId));
    public static string Student(Guid studentId) => Token($"student-{studentId}", "student", ("student_id", studentId));

    public static string Token(string subject, string role, params (string Claim, Guid Value)[] scope) =>
        DevelopmentTokens.Create(AppFixture.Auth, subject, role, scope.ToDictionary(s => s.Claim, s => s.Value.ToString()));

    public static Scenario As(this Scenario scenario, string token)
    {
        scenario.WithRequestHeader("Authorization", $"Bearer {token}");
        return scenario;
    }
}
