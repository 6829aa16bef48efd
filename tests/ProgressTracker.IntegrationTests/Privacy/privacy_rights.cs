using System.Text.Json.Nodes;
using Marten;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Reports;

namespace ProgressTracker.IntegrationTests.Privacy;

public sealed class privacy_rights(AppFixture fixture) : IntegrationContext(fixture)
{
    private static string InDays(int days) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task a_correction_to_a_student_number_another_student_of_the_college_holds_is_a_409_and_appends_nothing()
    {
        // The unique index refuses the commit itself (a race two pre-checks could not close): that refusal is the 409.
        var college = await Host.RegisterCollege();
        var advisor = await Host.RegisterAdvisor();
        await Host.Import(college, "students", Imports.Csv("name,email,studentNumber,advisorId",
            $"Rosa Diaz,rosa@example.edu,N-1,{advisor}", $"Malik Johnson,malik@example.edu,N-2,{advisor}"), Identities.College(college));
        await using var query = Store.QuerySession();
        var malik = (await query.Query<ProgressTracker.Students.Student>()
            .SingleAsync(s => s.StudentNumber == "N-2" && s.CollegeId == college, TestContext.Current.CancellationToken)).Id;
        var before = await Host.EventCount(malik);

        (await Host.Send("POST", $"/api/students/{malik}/identity", new { studentNumber = "N-1", reason = "typo" },
            Identities.Admin, 409))["rule"]!.GetValue<string>().ShouldBe("student-number-taken");
        (await Host.EventCount(malik)).ShouldBe(before);
        await Host.Send("POST", $"/api/students/{malik}/identity", new { studentNumber = "N-3", reason = "typo" }, Identities.Admin, 201);
    }

    [Fact]
    public async Task an_identity_correction_shows_on_the_timeline_without_the_old_value_and_every_read_model_follows()
    {
        var college = await Host.RegisterCollege();
        var program = await Host.AddProgram(college);
        var advisor = await Host.RegisterAdvisor();
        var student = await Host.RegisterStudent(advisor, "Olwen Misspelt");
        await Host.Enroll(student, program, "2024-08-26", "2024-FA");

        await Host.Send("POST", $"/api/students/{student}/identity", new { reason = "nothing given" }, Identities.Admin, 400);
        await Host.Send("POST", $"/api/students/{student}/identity", new { name = "Olwen Corrected", reason = "Misspelt at registration" },
            Identities.Advisor(advisor), 201);
        // The college that serves the student corrects too; the same value again changes nothing (409).
        await Host.Send("POST", $"/api/students/{student}/identity", new { email = "olwen@new.example.edu", reason = "new address" },
            Identities.College(college), 201);
        (await Host.Send("POST", $"/api/students/{student}/identity", new { name = "Olwen Corrected", reason = "again" },
            Identities.Admin, 409))["rule"]!.GetValue<string>().ShouldBe("identity-unchanged");

        var timeline = await Host.Timeline(student);
        timeline["name"]!.GetValue<string>().ShouldBe("Olwen Corrected");
        var text = timeline.ToJsonString();
        text.ShouldNotContain("Misspelt");
        var corrections = timeline["milestones"]!.AsArray().Where(m => m!["type"]!.GetValue<string>() == "student-identity-corrected").ToList();
        corrections.Count.ShouldBe(2);
        corrections[0]!["corrected"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldBe(["name"]);

        await Host.WaitForReports();
        (await Host.GetJson($"/api/advisors/{advisor}/dashboard")).ToJsonString().ShouldContain("Olwen Corrected");
        var csv = await Host.Text($"/api/colleges/{college}/students.csv", Identities.Admin, accept: "text/csv");
        csv.ShouldContain("Olwen Corrected");
        csv.ShouldNotContain("Misspelt");
    }

    [Fact]
    public async Task a_granted_request_records_the_correction_and_a_denied_one_the_statement_shown_with_the_record()
    {
        var advisor = await Host.RegisterAdvisor();
        var student = await Host.RegisterStudent(advisor, "Rhiannon Wrong");
        var volunteering = await Host.Record(student, "volunteering", new { organization = "Mercy", setting = "hospital", hours = 8, startedOn = "2025-01-06", endedOn = "2025-01-10" });
        var me = Identities.Student(student);

        await Host.Send("POST", $"/api/students/{student}/amendment-requests", new { field = "grade", requested = "x", reason = "y" }, me, 400);
        await Host.Send("POST", $"/api/students/{student}/amendment-requests", new { milestoneId = Guid.NewGuid(), requested = "x", reason = "y" }, me, 404);

        // Granted: an identity field is corrected, linked to the request.
        var asked = (await Host.Send("POST", $"/api/students/{student}/amendment-requests",
            new { field = "name", requested = "Rhiannon Right", reason = "My name is spelt wrong" }, me, 201))["id"]!.GetValue<Guid>();
        var granted = await Host.Send("POST", $"/api/students/{student}/amendment-requests/{asked}/decision", new { decision = "granted", note = "Checked the ID" }, Identities.Admin, 200);
        granted["state"]!.GetValue<string>().ShouldBe("granted");
        var timeline = await Host.Timeline(student, token: me);
        timeline["name"]!.GetValue<string>().ShouldBe("Rhiannon Right");
        var correction = timeline["milestones"]!.AsArray().Single(m => m!["type"]!.GetValue<string>() == "student-identity-corrected")!;
        correction["id"]!.GetValue<Guid>().ShouldBe(granted["grantedMilestoneId"]!.GetValue<Guid>());
        correction["amendmentRequestId"]!.GetValue<Guid>().ShouldBe(asked);
        await Host.Send("POST", $"/api/students/{student}/amendment-requests/{asked}/decision", new { decision = "denied", note = "late" }, Identities.Admin, 409);

        // Denied: the reason and the right to a hearing; then the student's statement is shown with the record.
        var disputed = (await Host.Send("POST", $"/api/students/{student}/amendment-requests",
            new { milestoneId = volunteering.MilestoneId, requested = "It was 12 hours", reason = "The log is wrong" }, me, 201))["id"]!.GetValue<Guid>();
        await Host.Send("POST", $"/api/students/{student}/amendment-requests/{disputed}/statement", new { text = "too early" }, me, 409);
        var denied = await Host.Send("POST", $"/api/students/{student}/amendment-requests/{disputed}/decision", new { decision = "denied", note = "The site confirmed 8 hours" }, Identities.Admin, 200);
        denied["state"]!.GetValue<string>().ShouldBe("denied");
        denied["hearing"]!.GetValue<string>().ShouldContain("hearing");
        await Host.Send("POST", $"/api/students/{student}/amendment-requests/{disputed}/statement", new { text = "I worked 12 hours; my timesheet shows it." }, me, 201);
        await Host.Send("POST", $"/api/students/{student}/amendment-requests/{disputed}/statement", new { text = "twice" }, me, 409);

        var advisorView = await Host.Timeline(student, token: Identities.Advisor(advisor));
        var statement = advisorView["statements"]!.AsArray().Single()!;
        statement["text"]!.GetValue<string>().ShouldBe("I worked 12 hours; my timesheet shows it.");
        statement["milestoneId"]!.GetValue<Guid>().ShouldBe(volunteering.MilestoneId);

        var list = JsonNode.Parse(await Host.Text($"/api/students/{student}/amendment-requests", me))!.AsArray();
        list.Select(r => r!["state"]!.GetValue<string>()).Order().ShouldBe(["denied", "granted"]);
        var pending = JsonNode.Parse(await Host.Text("/api/amendment-requests?state=pending", Identities.Admin))!.AsArray();
        pending.ShouldNotContain(r => r!["studentId"]!.GetValue<Guid>() == student);
    }

    [Fact]
    public async Task a_consent_link_shows_exactly_its_parts_logs_each_disclosure_and_stops_on_revocation_or_expiry()
    {
        var (student, _) = await Host.GraduateOf();
        await Host.Exam(student, "2026-06-01", passed: true);
        var me = Identities.Student(student);

        await Host.Send("POST", $"/api/students/{student}/consents", new { recipient = "A", purpose = "B", parts = new[] { "grades" }, expiresOn = InDays(5) }, me, 400);
        await Host.Send("POST", $"/api/students/{student}/consents", new { recipient = "A", purpose = "B", parts = new[] { "exams" }, expiresOn = InDays(-1) }, me, 400);

        var body = new { recipient = "Harbor Hospital HR", purpose = "Hiring for a coding job", parts = new[] { "exams", "degrees" }, expiresOn = InDays(3) };
        async Task<JsonObject> Consent() => JsonNode.Parse(await (await Host.Scenario(x =>
        {
            x.As(me);
            x.Post.Json(body).ToUrl($"/api/students/{student}/consents");
            x.WithRequestHeader("Idempotency-Key", "consent-1");
            x.StatusCodeShouldBe(201);
        })).ReadAsTextAsync())!.AsObject();
        var created = await Consent();
        var consent = created["id"]!.GetValue<Guid>();
        var path = new Uri(created["shareUrl"]!.GetValue<string>()).AbsolutePath;
        var token = path["/shared/".Length..];
        token.Length.ShouldBeGreaterThanOrEqualTo(43);
        // Stored hashed, shown once: the token is in no table, the kept answer included; a repeat gets the id only.
        (await Host.ScanDatabase([token])).ShouldBeEmpty();
        var repeated = await Consent();
        repeated["id"]!.GetValue<Guid>().ShouldBe(consent);
        repeated["shareUrl"]?.GetValue<string>().ShouldBeNull();

        var shared = JsonNode.Parse(await Host.Anonymous(path, 200))!.AsObject();
        shared["recipient"]!.GetValue<string>().ShouldBe("Harbor Hospital HR");
        shared["stage"].ShouldBeNull();
        var types = shared["milestones"]!.AsArray().Select(m => m!["type"]!.GetValue<string>()).Distinct().Order().ToList();
        types.ShouldBe(["certification-exam-taken", "degree-conferred"]);
        (await Host.Anonymous(path, 200, accept: "text/html")).ShouldContain("<html");

        var log = await Host.AccessLog(student, me);
        var disclosure = log.Single(e => e!["role"]!.GetValue<string>() == "recipient")!;
        disclosure["recipient"]!.GetValue<string>().ShouldBe("Harbor Hospital HR");
        disclosure["purpose"]!.GetValue<string>().ShouldBe("Hiring for a coding job");
        disclosure["route"]!.GetValue<string>().ShouldNotContain(token);

        // A token one character off, or not a token at all, opens nothing.
        await Host.Anonymous($"/shared/{(token[0] == 'A' ? 'B' : 'A')}{token[1..]}", 404);
        await Host.Anonymous("/shared/short", 404);

        await Host.Send("DELETE", $"/api/students/{student}/consents/{consent}", null, me, 204);
        await Host.Anonymous(path, 404);
        (await Host.Text($"/api/students/{student}/consents", me)).ShouldContain("\"revoked\"");

        // Past its date the link stops too.
        var other = await Host.Send("POST", $"/api/students/{student}/consents",
            new { recipient = "Board", purpose = "Statistics", parts = new[] { "timeline" }, expiresOn = InDays(1) }, me, 201);
        var otherPath = new Uri(other["shareUrl"]!.GetValue<string>()).AbsolutePath;
        JsonNode.Parse(await Host.Anonymous(otherPath, 200))!["stage"]!.GetValue<string>().ShouldBe("credentialed");
        Clock.Advance(TimeSpan.FromDays(2));
        await Host.Anonymous(otherPath, 404);
    }
}
