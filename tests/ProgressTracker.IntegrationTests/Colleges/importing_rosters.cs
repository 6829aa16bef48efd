using System.Net.Http.Headers;
using Marten;
using Marten.Events;
using ProgressTracker.Infrastructure;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Students;
using ProgressTracker.Students.Imports;

namespace ProgressTracker.IntegrationTests.Colleges;

public sealed class importing_rosters(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string StudentsHeader = "name,email,studentNumber,advisorId";

    private async Task<Student?> ByNumber(string number)
    {
        await using var session = Store.QuerySession();
        return await session.Query<Student>().SingleOrDefaultAsync(s => s.StudentNumber == number, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task a_students_roster_registers_good_rows_and_reports_bad_ones()
    {
        var college = await Host.RegisterCollege();
        var advisor = await Host.RegisterAdvisor();
        var csv = Imports.Csv(StudentsHeader,
            $"Rosa Diaz,rosa@example.edu,S-1,{advisor}",
            $"Malik Johnson,malik@example.edu,S-2,{advisor}",
            $"Bad Email,not-an-email,S-3,{advisor}",
            $"No Advisor,none@example.edu,S-4,{Guid.CreateVersion7()}",
            $"Rosa Again,rosa2@example.edu,S-1,{advisor}");

        var status = await Host.Import(college, "students", csv, Identities.College(college));

        status.State.ShouldBe(ImportState.Completed);
        (status.Total, status.Processed, status.Applied, status.Failed, status.Skipped).ShouldBe((5, 5, 2, 2, 1));
        var errors = await Host.ImportErrors(status.Id);
        errors.ShouldStartWith("row,column,message");
        errors.ShouldContain("3,email,");
        errors.ShouldContain("4,advisorId,");
        var rosa = (await ByNumber("S-1"))!;
        rosa.Name.ShouldBe("Rosa Diaz");
        rosa.CollegeId.ShouldBe(college);
        rosa.AdvisorId.ShouldBe(advisor);
    }

    [Fact]
    public async Task imported_students_get_unguessable_ids_and_a_college_registers_a_number_once()
    {
        var college = await Host.RegisterCollege();
        var advisor = await Host.RegisterAdvisor();
        var csv = Imports.Csv(StudentsHeader, $"Rosa Diaz,rosa@example.edu,S-1,{advisor}", $"Malik Johnson,malik@example.edu,S-2,{advisor}");

        (await Host.Import(college, "students", csv)).Applied.ShouldBe(2);
        var rosa = (await ByNumber("S-1"))!;
        // Not derivable from public values (college id and student number): a random version 7 id, as the API gives.
        rosa.Id.ShouldNotBe(DeterministicIds.For($"{college}|student|S-1"));
        rosa.Id.Version.ShouldBe(7);

        // The same roster again: nobody is registered twice. (Two imports of one college cannot run at once:
        // import-running; the unique index below is what stops a race of two registrations.)
        (await Host.Import(college, "students", csv)).Skipped.ShouldBe(2);
        await using (var query = Store.QuerySession())
        {
            (await query.Query<Student>().CountAsync(s => s.StudentNumber == "S-1", TestContext.Current.CancellationToken)).ShouldBe(1);
        }

        // The database itself refuses a second student with the college's number, in the registering transaction.
        await using var session = Store.LightweightSession();
        var twin = Guid.CreateVersion7();
        session.Events.StartStream<Student>(twin, new StudentRegistered(Guid.CreateVersion7(), twin, "Twin", "twin@example.edu", "S-1",
            advisor, DateOnly.FromDateTime(DateTime.UtcNow), "test", college));
        await Should.ThrowAsync<Exception>(() => session.SaveChangesAsync(TestContext.Current.CancellationToken));
        (await Host.EventCount(twin)).ShouldBe(0);
    }

    [Fact]
    public async Task milestone_rows_go_through_the_pathway_rules_and_a_reimport_appends_nothing_twice()
    {
        var college = await Host.RegisterCollege();
        var program = await Host.AddProgram(college);
        var advisor = await Host.RegisterAdvisor();
        await Host.Import(college, "students", Imports.Csv(StudentsHeader,
            $"Rosa Diaz,rosa@example.edu,S-1,{advisor}", $"Malik Johnson,malik@example.edu,S-2,{advisor}"));

        var enrollments = Imports.Csv("studentNumber,programId,cohort,intensity,startedOn",
            $"S-1,{program},2024-FA,full-time,2024-08-26",
            $"S-2,{program},2024-FA,part-time,2024-08-26",
            $"S-9,{program},2024-FA,full-time,2024-08-26",         // unknown student number
            $"S-1,{program},2024-FA,sometimes,2024-08-26",         // unknown enum
            $"S-2,{program},2024-FA,full-time,2025-02-30",         // not a real date
            $"S-1,{Guid.CreateVersion7()},2024-FA,full-time,2024-08-26"); // not this college's program
        var first = await Host.Import(college, "enrollments", enrollments, Identities.College(college));

        (first.Applied, first.Failed, first.Skipped).ShouldBe((2, 4, 0));
        var errors = await Host.ImportErrors(first.Id);
        errors.ShouldContain("3,studentNumber,");
        errors.ShouldContain("4,intensity,");
        errors.ShouldContain("5,startedOn,");
        errors.ShouldContain("6,programId,");

        var courses = Imports.Csv("studentNumber,programId,courseCode,title,category,credits,grade,completedOn",
            $"S-1,{program},ENG-101,Composition,english,3,A,2024-12-10",
            $"S-1,{program},MTH-110,Algebra,mathematics,3,B+,2024-12-12",
            $"S-1,{program},ENG-101,Composition,english,3,A,2024-12-10",       // the same row again
            $"S-2,{program},HIM-100,Intro,health-information,3,B,2024-08-01");   // before the enrollment
        var coursesImport = await Host.Import(college, "course-completions", courses);
        (coursesImport.Applied, coursesImport.Failed, coursesImport.Skipped).ShouldBe((2, 1, 1));
        (await Host.ImportErrors(coursesImport.Id)).ShouldContain("before-enrollment");

        var degrees = Imports.Csv("studentNumber,programId,award,conferredOn", $"S-1,{program},aas,2026-05-15");
        var degreeImport = await Host.Import(college, "degrees", degrees);
        (degreeImport.Applied, degreeImport.Failed).ShouldBe((0, 1));
        (await Host.ImportErrors(degreeImport.Id)).ShouldContain("missing-categories");

        var rosa = (await ByNumber("S-1"))!;
        var before = await Host.EventCount(rosa.Id);
        var again = await Host.Import(college, "enrollments", enrollments);
        var coursesAgain = await Host.Import(college, "course-completions", courses);

        (again.Applied, again.Skipped).ShouldBe((0, 2));
        (coursesAgain.Applied, coursesAgain.Skipped).ShouldBe((0, 3));
        (await Host.EventCount(rosa.Id)).ShouldBe(before);
        var timeline = await Host.Timeline(rosa.Id);
        timeline["stage"]!.GetValue<string>().ShouldBe("enrolled");
        timeline["milestones"]!.AsArray().Count(m => m!["type"]!.GetValue<string>() == "course-completed").ShouldBe(2);
    }

    [Fact]
    public async Task a_multipart_upload_works_like_a_csv_body()
    {
        var college = await Host.RegisterCollege();
        var advisor = await Host.RegisterAdvisor();
        using var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Identities.College(college));
        using var form = new MultipartFormDataContent();
        var file = new StringContent(Imports.Csv(StudentsHeader, $"Rosa Diaz,rosa@example.edu,S-1,{advisor}"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "roster.csv");

        Guid id = default;
        await Wolverine.Tracking.WolverineHostMessageTrackingExtensions.ExecuteAndWaitAsync(Host, async () =>
        {
            var response = await client.PostAsync($"/api/colleges/{college}/imports?kind=students", form, TestContext.Current.CancellationToken);
            ((int)response.StatusCode).ShouldBe(202);
            response.Headers.Location!.ToString().ShouldStartWith("/api/imports/");
            id = Imports.Json(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))["id"]!.GetValue<Guid>();
        }, 60_000);

        (await Host.ImportStatus(id)).Applied.ShouldBe(1);
    }

    [Fact]
    public async Task a_file_with_a_wrong_header_or_kind_is_refused_at_once()
    {
        var college = await Host.RegisterCollege();

        var header = await Host.Reject($"/api/colleges/{college}/imports?kind=students", "name,mail\nx,y\n", 400);
        header["errors"]!["file"]!.ToString().ShouldContain("email");
        await Host.Reject($"/api/colleges/{college}/imports?kind=grades", "name\n", 400);
        await Host.Reject($"/api/colleges/{Guid.CreateVersion7()}/imports?kind=students", StudentsHeader + "\n", 404);
    }

    [Fact]
    public async Task the_student_export_is_written_into_each_students_access_log()
    {
        var college = await Host.RegisterCollege();
        var program = await Host.AddProgram(college);
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        await Host.Enroll(student, program);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var export = await Host.Scenario(x =>
        {
            x.As(Identities.College(college));
            x.Get.Url($"/api/colleges/{college}/students.csv");
            x.StatusCodeShouldBe(200);
        });
        (await export.ReadAsTextAsync()).ShouldContain(student.ToString());

        var log = await Host.Scenario(x =>
        {
            x.As(Identities.Student(student));
            x.Get.Url($"/api/students/{student}/access-log");
        });
        (await log.ReadAsTextAsync()).ShouldContain("students.csv");
    }
}
