using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Reports;

public sealed class college_reports(AppFixture fixture) : IntegrationContext(fixture)
{
    private Guid _college;

    /// <summary>Two graduates of Lakeside placed in 2024, and a Hillside graduate who must not leak in.</summary>
    private async Task BuildPlacements()
    {
        _college = await Host.RegisterCollege();
        var program = await Host.AddProgram(_college);
        var elsewhere = await Host.AddProgram(await Host.RegisterCollege("Hillside College"));
        var advisor = await Host.RegisterAdvisor();

        // A: hospital coding, full time, in field, 47 days after the degree.
        var a = await Host.EnrolledStudent(advisor, program, "2022-FA", "2022-08-22");
        await Host.CompleteAllCourses(a, program, "2024-04-01");
        await Host.Degree(a, program, "2024-05-15");
        await Host.Job(a, "2024-07-01");

        // H (a name a spreadsheet would run as a formula): physician office, part time, off field, 61 days after.
        var h = await Host.RegisterStudent(advisor, "=HYPERLINK(\"x\")");
        await Host.Enroll(h, program, "2022-08-22", "2022-FA");
        await Host.CompleteAllCourses(h, program, "2024-04-01");
        await Host.Degree(h, program, "2024-06-01");
        await Host.Job(h, "2024-08-01", inField: false, setting: "physician-office", specialty: "records-management", fullTime: false);

        var y = await Host.EnrolledStudent(advisor, elsewhere, "2022-FA", "2022-08-22");
        await Host.CompleteAllCourses(y, elsewhere, "2024-04-01");
        await Host.Degree(y, elsewhere, "2024-05-15");
        await Host.Job(y, "2024-07-01");

        await Host.WaitForReports();
    }

    [Fact]
    public async Task placements_are_counted_by_kind_within_the_range()
    {
        await BuildPlacements();

        var report = await Host.GetJson($"/api/colleges/{_college}/placements?from=2024-01-01&to=2024-12-31");

        report["placements"]!.GetValue<int>().ShouldBe(2);
        report["bySetting"]!["hospital"]!.GetValue<int>().ShouldBe(1);
        report["bySetting"]!["physician-office"]!.GetValue<int>().ShouldBe(1);
        report["bySpecialty"]!["records-management"]!.GetValue<int>().ShouldBe(1);
        report["byHours"]!["part-time"]!.GetValue<int>().ShouldBe(1);
        report["byField"]!["in-field"]!.GetValue<int>().ShouldBe(1);
        report["medianDaysDegreeToJob"]!.GetValue<double>().ShouldBe(54);   // (47 + 61) / 2

        (await Host.GetJson($"/api/colleges/{_college}/placements?from=2024-07-15"))["placements"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task outcomes_give_each_programs_figures_for_the_academic_year()
    {
        await BuildPlacements();

        var report = await Host.GetJson($"/api/colleges/{_college}/outcomes?academicYear=2023-24");

        report["from"]!.GetValue<string>().ShouldBe("2023-08-01");
        report["to"]!.GetValue<string>().ShouldBe("2024-07-31");
        var program = report["programs"]!.AsArray().Single()!;
        program["graduates"]!.GetValue<int>().ShouldBe(2);
        program["employmentRate"]!["numerator"]!.GetValue<int>().ShouldBe(2);
        program["employmentRate"]!["denominator"]!.GetValue<int>().ShouldBe(2);
        program["certificationPassRate"]!["rate"].ShouldBeNull();   // nobody attempted the RHIT
    }

    [Fact]
    public async Task the_student_csv_lists_the_colleges_own_students_with_formulas_escaped()
    {
        await BuildPlacements();

        var result = await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url($"/api/colleges/{_college}/students.csv?cohort=2022-FA");
            x.StatusCodeShouldBe(200);
        });
        var lines = (await result.ReadAsTextAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        lines[0].ShouldBe("studentId,studentNumber,name,cohort,programId,stage,enrolledOn,degreeOn,firstRhitAttemptOn,rhitPassedOn,firstJobOn,excluded,statementOfDisagreement");
        lines.Length.ShouldBe(3);   // A and H, not Hillside's graduate
        lines.ShouldContain(l => l.Contains("\"'=HYPERLINK(\"\"x\"\")\"", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains(",placed,2022-08-22,2024-05-15,,,2024-07-01,False", StringComparison.Ordinal));
    }

    [Fact]
    public async Task bad_queries_are_400_and_unknown_colleges_404()
    {
        var college = await Host.RegisterCollege();
        foreach (var url in new[] { $"placements?from=yesterday", "placements?from=2024-02-01&to=2024-01-01",
                     "outcomes", "outcomes?academicYear=2025-27", "students.csv?cohort=fall" })
        {
            await Host.Scenario(x =>
            {
                x.As(Identities.Admin);
                x.Get.Url($"/api/colleges/{college}/{url}");
                x.StatusCodeShouldBe(400);
            });
        }
        foreach (var url in new[] { "placements", "outcomes?academicYear=2025-26", "students.csv" })
        {
            await Host.Scenario(x =>
            {
                x.As(Identities.Admin);
                x.Get.Url($"/api/colleges/{Guid.CreateVersion7()}/{url}");
                x.StatusCodeShouldBe(404);
            });
        }
    }
}
