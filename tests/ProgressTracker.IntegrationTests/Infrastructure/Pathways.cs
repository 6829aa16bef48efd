using Alba;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.IntegrationTests.Infrastructure;

/// <summary>Reference data and whole pathways, built through the HTTP API.</summary>
public static class Pathways
{
    public static readonly string[] Required = ["english", "mathematics", "medical-terminology", "health-information"];

    public static async Task<Guid> RegisterCollege(this IAlbaHost host, string name = "Lakeside Community College")
    {
        var result = await host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Post.Json(new { name }).ToUrl("/api/colleges");
            x.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<Created>())!.Id;
    }

    public static async Task<Guid> AddProgram(this IAlbaHost host, Guid collegeId, bool accredited = true,
        string name = "Health Information Technology")
    {
        object[] accreditations = accredited ? [new { body = "CAHIIM", from = "2010-01-01" }] : [];
        var result = await host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Post.Json(new
            {
                name, award = "aas", normalDurationMonths = 24, requiredCategories = Required, accreditations,
            }).ToUrl($"/api/colleges/{collegeId}/programs");
            x.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<Created>())!.Id;
    }

    public static Task Enroll(this IAlbaHost host, Guid studentId, Guid programId, string startedOn = "2024-08-26",
        string cohort = "2024-FA", string intensity = "full-time") =>
        host.Record(studentId, "enrollments", new { programId, cohort, intensity, startedOn });

    public static async Task CompleteAllCourses(this IAlbaHost host, Guid studentId, Guid programId, string completedOn = "2025-12-10")
    {
        foreach (var category in Required)
            await host.Record(studentId, "course-completions", Course(programId, category, completedOn));
    }

    public static object Course(Guid programId, string category, string completedOn = "2025-12-10") => new
    {
        programId, courseCode = $"HIT-{category[..3].ToUpperInvariant()}", title = $"{category} course", category,
        credits = 3, grade = "B+", completedOn,
    };

    public static Task Graduate(this IAlbaHost host, Guid studentId, Guid programId, string conferredOn = "2026-05-15") =>
        host.Record(studentId, "degrees", new { programId, award = "aas", conferredOn });

    /// <summary>A student registered, enrolled in a new program of a new college, every required course done, graduated.</summary>
    public static async Task<(Guid Student, Guid Program)> GraduateOf(this IAlbaHost host, bool accredited = true)
    {
        var program = await host.AddProgram(await host.RegisterCollege(), accredited);
        var student = await host.RegisterStudent(await host.RegisterAdvisor());
        await host.Enroll(student, program);
        await host.CompleteAllCourses(student, program);
        await host.Graduate(student, program);
        return (student, program);
    }
}

/// <summary>Accreditation periods through the admin routes (api.md, reference data).</summary>
public static class Accreditations
{
    /// <summary>Adds a CAHIIM period to a program (open when <paramref name="to"/> is null).</summary>
    public static Task Accredit(this IAlbaHost host, Guid programId, string from, string? to = null) =>
        host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Post.Json(new { body = "CAHIIM", from, to }).ToUrl($"/api/programs/{programId}/accreditations");
            x.StatusCodeShouldBe(201);
        });

    /// <summary>Ends the program's open CAHIIM period on <paramref name="endedOn"/> (its last accredited day).</summary>
    public static Task EndAccreditation(this IAlbaHost host, Guid programId, string endedOn, string reason = "withdrawn") =>
        host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Post.Json(new { body = "CAHIIM", endedOn, reason }).ToUrl($"/api/programs/{programId}/accreditations/end");
            x.StatusCodeShouldBe(200);
        });
}
