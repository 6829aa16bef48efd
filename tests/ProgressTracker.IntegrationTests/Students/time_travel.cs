using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Students;

public sealed class time_travel(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task as_of_shows_the_record_as_it_stood_then()
    {
        var program = await Host.AddProgram(await Host.RegisterCollege());
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        await Host.Enroll(student, program);
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);  // recorded timestamps must differ
        var withdrawal = await Host.Record(student, "withdrawals", new { programId = program, withdrawnOn = "2025-01-10", reason = "personal" });

        var then = await Host.Timeline(student, asOf: before.ToString("O"));
        var now = await Host.Timeline(student);

        then["stage"]!.GetValue<string>().ShouldBe("enrolled");
        then["version"]!.GetValue<long>().ShouldBe(2);
        now["stage"]!.GetValue<string>().ShouldBe("withdrawn");
        now["version"]!.GetValue<long>().ShouldBe(withdrawal.Version);
    }

    [Fact]
    public async Task a_date_means_the_end_of_that_day()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd");

        (await Host.Timeline(student, asOf: today))["version"]!.GetValue<long>().ShouldBe(1);
        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url($"/api/students/{student}/timeline?asOf={yesterday}");
            x.StatusCodeShouldBe(404);   // the student did not exist yet
        });
    }
}
