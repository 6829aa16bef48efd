using Marten;
using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Students;

public sealed class registering_students(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_registered_student_starts_exploring_with_version_1()
    {
        var advisor = await Host.RegisterAdvisor();

        var result = await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Post.Json(new { name = "Rosa Diaz", email = "rosa@example.edu", advisorId = advisor, studentNumber = "S-1001" })
                .ToUrl("/api/students");
            x.StatusCodeShouldBe(201);
            x.Header("ETag").SingleValueShouldEqual("\"1\"");
        });
        var id = (await result.ReadAsJsonAsync<ProgressTracker.Infrastructure.Created>())!.Id;

        var timeline = await Host.Timeline(id);
        timeline["name"]!.GetValue<string>().ShouldBe("Rosa Diaz");
        timeline["stage"]!.GetValue<string>().ShouldBe("exploring");
        timeline["version"]!.GetValue<int>().ShouldBe(1);
        var registered = timeline["milestones"]!.AsArray().Single()!;
        registered["type"]!.GetValue<string>().ShouldBe("student-registered");
        registered["recordedBy"]!.GetValue<string>().ShouldBe("admin-1");
        registered["studentNumber"]!.GetValue<string>().ShouldBe("S-1001");
    }

    [Fact]
    public async Task an_unknown_advisor_is_a_404_and_starts_no_stream()
    {
        var problem = await Host.Reject("/api/students",
            new { name = "Rosa Diaz", email = "rosa@example.edu", advisorId = Guid.CreateVersion7() }, 404);

        problem["title"]!.GetValue<string>().ShouldContain("advisor");
        await using var session = Store.QuerySession();
        (await session.Events.QueryAllRawEvents().CountAsync(TestContext.Current.CancellationToken)).ShouldBe(0);
    }

    [Fact]
    public async Task invalid_fields_are_each_named_in_a_400()
    {
        var problem = await Host.Reject("/api/students",
            new { name = "", email = "nope", advisorId = (Guid?)null, studentNumber = "has spaces" }, 400);

        var errors = problem["errors"]!.AsObject();
        errors.Select(e => e.Key).Order().ShouldBe(["advisorId", "email", "name", "studentNumber"]);
    }

    [Fact]
    public async Task malformed_json_is_a_400_problem()
    {
        var result = await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Post.Text("{\"name\": ").ToUrl("/api/students");
            x.WithRequestHeader("Content-Type", "application/json");
            x.StatusCodeShouldBe(400);
        });
        result.Context.Response.ContentType!.ShouldStartWith("application/problem+json");
    }
}
