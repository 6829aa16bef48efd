using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Students;

namespace ProgressTracker.IntegrationTests.Access;

public sealed class privacy_in_logs(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_full_scenario_writes_no_names_or_emails_to_the_logs()
    {
        var name = $"Zelda Quixote-{Guid.NewGuid():N}"[..24];
        var email = $"zq{Guid.NewGuid():N}@private.example.edu";
        var advisor = await Host.RegisterAdvisor();
        var program = await Host.AddProgram(await Host.RegisterCollege());
        var student = (await (await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Post.Json(new { name, email, advisorId = advisor }).ToUrl("/api/students");
            x.StatusCodeShouldBe(201);
        })).ReadAsJsonAsync<ProgressTracker.Infrastructure.Created>())!.Id;

        await Host.Enroll(student, program);
        await Host.CompleteAllCourses(student, program);
        await Host.Graduate(student, program);
        await Host.Reject($"/api/students/{student}/degrees", Bodies.For("degrees", program), 409);
        await Host.Reject("/api/students", new { name, email = "not-an-email " + email, advisorId = advisor }, 400);
        await Host.Reject("/api/students", $"{{\"name\": \"{name}\", \"email\": 42}}", 400, contentType: "application/json");
        await Host.Timeline(student, token: Identities.Advisor(advisor));
        await Host.Timeline(student);

        Logs.Lines.ShouldNotBeEmpty();
        Logs.Lines.ShouldNotContain(line => line.Contains(name) || line.Contains(email));
    }
}
