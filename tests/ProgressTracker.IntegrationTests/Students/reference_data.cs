using System.Text.Json.Nodes;
using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Students;

public sealed class reference_data(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_colleges_programs_are_listed_with_their_accreditation()
    {
        var college = await Host.RegisterCollege();
        var accredited = await Host.AddProgram(college, accredited: true, name: "HIT AAS");
        var other = await Host.AddProgram(college, accredited: false, name: "Medical Office AAS");
        await Host.AddProgram(await Host.RegisterCollege("Other College"));

        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Post.Json(new { body = "CAHIIM", from = "2027-01-01" }).ToUrl($"/api/programs/{other}/accreditations");
            x.StatusCodeShouldBe(201);
        });

        var result = await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url($"/api/colleges/{college}/programs");
            x.StatusCodeShouldBe(200);
        });
        var programs = JsonNode.Parse(await result.ReadAsTextAsync())!.AsArray();
        programs.Select(p => p!["id"]!.GetValue<Guid>()).ShouldBe([accredited, other]);
        programs[0]!["requiredCategories"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(Pathways.Required);
        programs[1]!["accreditations"]!.AsArray().Single()!["from"]!.GetValue<string>().ShouldBe("2027-01-01");
    }

    [Fact]
    public async Task unknown_colleges_and_programs_are_404s()
    {
        await Host.Reject($"/api/colleges/{Guid.CreateVersion7()}/programs",
            new { name = "X", award = "aas", normalDurationMonths = 24, requiredCategories = Pathways.Required }, 404);
        await Host.Reject($"/api/programs/{Guid.CreateVersion7()}/accreditations", new { body = "CAHIIM", from = "2020-01-01" }, 404);
        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url($"/api/colleges/{Guid.CreateVersion7()}/programs");
            x.StatusCodeShouldBe(404);
        });
    }

    [Fact]
    public async Task invalid_programs_are_400s_naming_the_fields()
    {
        var college = await Host.RegisterCollege();

        var problem = await Host.Reject($"/api/colleges/{college}/programs", new
        {
            name = "", award = "aas", normalDurationMonths = 0, requiredCategories = Array.Empty<string>(),
            accreditations = new[] { new { body = "CAHIIM", from = "2020-01-01", to = "2019-01-01" } },
        }, 400);

        var errors = problem["errors"]!.AsObject().Select(e => e.Key).ToList();
        errors.ShouldContain("name");
        errors.ShouldContain("normalDurationMonths");
        errors.ShouldContain("requiredCategories");
        errors.ShouldContain("accreditations[0].to");
    }
}
