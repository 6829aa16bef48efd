using System.Text.Json.Nodes;
using ProgressTracker.IntegrationTests.FollowUps;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Reports;

namespace ProgressTracker.IntegrationTests.Privacy;

public sealed class erasing_a_student(AppFixture fixture) : IntegrationContext(fixture)
{
    // Values no other test writes, so that any row holding one is this student's.
    private const string Name = "Zephyrine Quillfeather";
    private const string CorrectedName = "Zephyrine Quillfeather-Roux";
    private const string Email = "zq.erase7731@mail.example.org";
    private const string Number = "ZQ-884211";
    private const string Organization = "Vandermeer Lighthouse Hospice";
    private const string Employer = "Oskarsson Bellweather Clinic";
    private const string VoidReason = "Xylocarp entered twice by mistake";
    private const string CorrectionReason = "Hyphenated surname Quillfeather per passport";
    private const string Requested = "Gravamen: the hospice hours were 48 not 40";
    private const string Statement = "Disagreement: Marrowind ledger shows otherwise";
    private const string Recipient = "Brightwater Workforce Board";
    private const string Purpose = "Pellucid job application screening";
    private const string ContactNote = "Phoned Quorvath about the Lisbourne opening";

    private static readonly string[] Distinctive =
        [Name, CorrectedName, Email, Number, Organization, Employer, VoidReason, CorrectionReason, Requested, Statement, Recipient, Purpose, ContactNote];

    [Fact]
    public async Task leaves_no_identifying_value_in_any_table_and_moves_no_figure()
    {
        var college = await Host.RegisterCollege();
        var program = await Host.AddProgram(college);
        var advisor = await Host.RegisterAdvisor();

        // A classmate, so that the reports have more than the erased student in them.
        var classmate = await Host.EnrolledStudent(advisor, program, "2022-FA", "2022-08-22");
        await Host.CompleteAllCourses(classmate, program, "2024-04-01");
        await Host.Degree(classmate, program, "2024-06-01");
        await Host.Exam(classmate, "2024-07-01", passed: false);
        await Host.Job(classmate, "2024-09-01", inField: false, setting: "insurer");

        // The student: registered under a key (a kept answer), volunteering, enrolled, graduated, credentialed, placed.
        var registered = await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Post.Json(new { name = Name, email = Email, advisorId = advisor, studentNumber = Number }).ToUrl("/api/students");
            x.WithRequestHeader("Idempotency-Key", "erase-me-registration");
            x.StatusCodeShouldBe(201);
        });
        var student = (await registered.ReadAsJsonAsync<ProgressTracker.Infrastructure.Created>())!.Id;
        await Host.Record(student, "volunteering", new { organization = Organization, setting = "nursing-care", hours = 40, startedOn = "2022-01-03", endedOn = "2022-03-01" });
        var twice = await Host.Record(student, "volunteering", new { organization = Organization, setting = "nursing-care", hours = 40, startedOn = "2022-01-03", endedOn = "2022-03-01" });
        await Host.Record(student, $"milestones/{twice.MilestoneId}/void", new { reason = VoidReason });
        await Host.Enroll(student, program, "2022-08-22", "2022-FA");
        await Host.CompleteAllCourses(student, program, "2024-04-01");
        await Host.Degree(student, program, "2024-05-15");
        await Host.Exam(student, "2024-06-10", passed: true);
        // Graduated long ago and not placed: the sweep opens a follow-up, and the advisor's note about it names them.
        await Host.WaitForReports();
        await Host.Sweep();
        var followUp = (await Host.FollowUps(advisor)).First(f => f!["studentId"]!.GetValue<Guid>() == student)!["id"]!.GetValue<Guid>();
        await Host.Contact(advisor, followUp, new { method = "phone", on = Scenarios.Day(DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime)), note = ContactNote }, 201);
        await Host.Record(student, "job-placements", new { employer = Employer, setting = "hospital", specialty = "coding", fullTime = true, inField = true, startedOn = "2024-07-01" });
        await Host.Send("POST", $"/api/students/{student}/identity", new { name = CorrectedName, reason = CorrectionReason }, Identities.Admin, 201);

        // The student's own free text: a denied amendment request with a statement, and a consent opened once.
        var me = Identities.Student(student);
        var request = (await Host.Send("POST", $"/api/students/{student}/amendment-requests",
            new { milestoneId = twice.MilestoneId, requested = Requested, reason = Requested }, me, 201))["id"]!.GetValue<Guid>();
        await Host.Send("POST", $"/api/students/{student}/amendment-requests/{request}/decision", new { decision = "denied", note = "records agree" }, Identities.Admin, 200);
        await Host.Send("POST", $"/api/students/{student}/amendment-requests/{request}/statement", new { text = Statement }, me, 201);
        var link = (await Host.Send("POST", $"/api/students/{student}/consents",
            new { recipient = Recipient, purpose = Purpose, parts = new[] { "degrees", "exams" }, expiresOn = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd") }, me, 201))["shareUrl"]!.GetValue<string>();
        await Host.Anonymous(new Uri(link).AbsolutePath, 200);
        await Host.Timeline(student);

        // A roster import whose row about the student fails: its file and its error hold the student's values.
        await Host.Import(college, "students", Imports.Csv("name,email,studentNumber,advisorId", $"{Name},{Email},{Number},{Guid.NewGuid()}"));

        await Host.WaitForReports();
        var reports = new[]
        {
            $"/api/colleges/{college}/cohorts/2022-FA/report",
            $"/api/colleges/{college}/cohorts/2022-FA/report?asOf=2025-01-01",
            $"/api/colleges/{college}/placements",
            $"/api/colleges/{college}/outcomes?academicYear=2023-24",
        };
        var before = new List<string>();
        foreach (var url in reports) before.Add(await Host.Text(url, Identities.Admin));
        var csvBefore = await Host.Text(reports[0], Identities.Admin, accept: "text/csv");

        // The scan can fail: before the erasure it finds the values.
        var found = await Host.ScanDatabase(Distinctive);
        found.ShouldContain(h => h.Contains("mt_events") && h.EndsWith(Name));
        found.ShouldContain(h => h.EndsWith(Statement));
        // The stored timeline holds the free text too (and the corrected name on its registration), so its scrub is tested.
        foreach (var value in new[] { CorrectedName, Email, Organization, Employer, VoidReason })
            found.ShouldContain(h => h.Contains("mt_doc_studenttimeline") && h.EndsWith(value));
        found.ShouldContain(h => h.EndsWith(ContactNote));

        await Host.Send("POST", $"/api/students/{student}/erasure", new { reason = "the student asked" }, Identities.Admin, 202);
        await Host.WaitForReports();

        (await Host.ScanDatabase(Distinctive)).ShouldBeEmpty();
        // The follow-up stays for the college's counts, its contact without the note.
        var kept = (await Host.FollowUps(advisor)).Single(f => f!["id"]!.GetValue<Guid>() == followUp)!;
        kept["contacts"]!.AsArray().ShouldHaveSingleItem()!["note"].ShouldBeNull();
        for (var i = 0; i < reports.Length; i++) (await Host.Text(reports[i], Identities.Admin)).ShouldBe(before[i]);
        (await Host.Text(reports[0], Identities.Admin, accept: "text/csv")).ShouldBe(csvBefore);

        await Host.Text($"/api/students/{student}/timeline", Identities.Admin, 410);
        await Host.Text($"/api/students/{student}/timeline", me, 410);
        await Host.Send("POST", $"/api/students/{student}/outcomes", new { status = "seeking", reportedOn = "2025-01-01" }, Identities.Admin, 410);
        await Host.Anonymous(new Uri(link).AbsolutePath, 404);

        // The access log survives, as ids: the reads, and the disclosure (its consent, now deleted, by id).
        var log = JsonNode.Parse(await Host.Text($"/api/students/{student}/access-log", Identities.Admin))!.AsArray();
        log.Count.ShouldBeGreaterThanOrEqualTo(3);
        log.ShouldContain(e => e!["role"]!.GetValue<string>() == "recipient");
        log.ShouldContain(e => e!["route"]!.GetValue<string>() == $"GET /api/students/{student}/timeline");
        foreach (var value in Distinctive) log.ToJsonString().ShouldNotContain(value, Case.Insensitive);

        // Erasing again changes nothing.
        await Host.Send("POST", $"/api/students/{student}/erasure", new { reason = "again" }, Identities.Admin, 202);
    }
}
