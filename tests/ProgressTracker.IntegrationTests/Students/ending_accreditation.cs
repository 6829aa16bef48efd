using System.Text.Json.Nodes;
using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Students;

/// <summary>
/// CAHIIM accreditation can end (domain.md 3): the open period is ended on a day, its history stays, and a timeline
/// <c>asOf</c> an instant before the end was recorded still sees the program accredited.
/// </summary>
public sealed class ending_accreditation(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task<JsonNode> End(Guid program, object body, int status)
    {
        var result = await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Post.Json(body).ToUrl($"/api/programs/{program}/accreditations/end");
            x.StatusCodeShouldBe(status);
        });
        return JsonNode.Parse(await result.ReadAsTextAsync())!;
    }

    private static bool Eligible(JsonObject timeline) => timeline["examEligibility"]!["eligible"]!.GetValue<bool>();

    [Fact]
    public async Task a_graduate_of_a_program_whose_accreditation_ended_before_the_degree_is_no_longer_eligible()
    {
        // Enrolled 2024-08-26, coursework 2025-12-10, degree 2026-05-15; CAHIIM accredited from 2010-01-01, open.
        var (student, program) = await Host.GraduateOf();
        Eligible(await Host.Timeline(student)).ShouldBeTrue();

        // The end is recorded a moment after `before` (the service's clock moved past it).
        var before = DateTimeOffset.UtcNow;
        Clock.Fake.SetUtcNow(before.AddSeconds(1));
        var ended = await End(program, new { body = "cahiim", endedOn = "2025-12-31", reason = "withdrawn" }, 200);

        var period = ended["accreditations"]!.AsArray().Single()!;
        period["from"]!.GetValue<string>().ShouldBe("2010-01-01");
        period["to"]!.GetValue<string>().ShouldBe("2025-12-31");
        period["endReason"]!.GetValue<string>().ShouldBe("withdrawn");

        // Attendance ended with the degree on 2026-05-15, after the last accredited day: not eligible now...
        Eligible(await Host.Timeline(student)).ShouldBeFalse();
        (await Host.Reject($"/api/students/{student}/exam-attempts",
            new { exam = "rhit", takenOn = "2026-06-01", passed = true, score = 350 }, 409))["rule"]!.GetValue<string>().ShouldBe("rhit-not-eligible");
        // ...but the record as it stood before the end was recorded still says eligible.
        Eligible(await Host.Timeline(student, asOf: before.ToString("O"))).ShouldBeTrue();

    }

    [Fact]
    public async Task only_an_open_period_ends_and_not_before_it_began()
    {
        var program = await Host.AddProgram(await Host.RegisterCollege());   // CAHIIM from 2010-01-01, open

        (await End(program, new { body = "CAHIIM", endedOn = "2009-12-31", reason = "inactive" }, 409))["rule"]!
            .GetValue<string>().ShouldBe("before-accreditation");
        (await End(program, new { body = "ABHES", endedOn = "2020-01-01", reason = "other" }, 409))["rule"]!
            .GetValue<string>().ShouldBe("no-open-accreditation");
        var errors = (await End(program, new { body = "", endedOn = (string?)null }, 400))["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["body", "endedOn", "reason"], ignoreOrder: true);
        (await End(program, new { body = "CAHIIM", endedOn = "2020-06-30", reason = "lapsed" }, 400))["errors"]!.AsObject()
            .Select(e => e.Key).ShouldContain("reason");

        await End(program, new { body = "CAHIIM", endedOn = "2020-06-30", reason = "inactive" }, 200);
        (await End(program, new { body = "CAHIIM", endedOn = "2021-01-01", reason = "inactive" }, 409))["rule"]!
            .GetValue<string>().ShouldBe("no-open-accreditation");
        await End(Guid.CreateVersion7(), new { body = "CAHIIM", endedOn = "2020-06-30", reason = "inactive" }, 404);
    }
}
