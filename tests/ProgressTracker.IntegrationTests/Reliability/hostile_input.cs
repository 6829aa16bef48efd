using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Students;
using ProgressTracker.Students;
using ProgressTracker.Students.Timeline;

namespace ProgressTracker.IntegrationTests.Reliability;

/// <summary>
/// Issue 9, hostile input: every write route gets a generated corpus (<see cref="HostileCorpus"/>). Each answer is a
/// 4xx problem (application/problem+json) that changed nothing in the database, or, where the mutation can still
/// be a valid command, a 2xx. Never a 5xx.
/// </summary>
public sealed class hostile_input(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Schema = "progress_tracker_tests";

    /// <summary>
    /// The tables a write can change: events, streams, reference data, imports, and the inline student record and
    /// timeline by the store's names (they carry their projection's version).
    /// </summary>
    private string[] WrittenTables =>
    [
        "mt_events", "mt_streams", "mt_doc_advisor", "mt_doc_college", "mt_doc_academicprogram", "mt_doc_rosterimport",
        Store.Options.Schema.For<Student>().Split('.')[^1], Store.Options.Schema.For<StudentTimeline>().Split('.')[^1],
    ];

    [Fact]
    public async Task every_write_route_answers_hostile_bodies_with_a_4xx_problem_and_appends_nothing()
    {
        var world = await World.BuildAsync(Host);
        var failures = new List<string>();
        var count = 0;
        using var client = Client();

        foreach (var hostile in HostileCorpus.For(world.Routes()).Concat(world.PathCases()))
        {
            count++;
            var before = await SnapshotAsync();
            using var response = await SendAsync(client, hostile);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var after = await SnapshotAsync();

            if (status >= 500)
                failures.Add($"{hostile}: {status} {Shorten(body)}");
            else if (hostile.Expected is { } expected && status != expected)
                failures.Add($"{hostile}: expected {expected}, got {status} {Shorten(body)}");
            else if (status is >= 200 and < 300 && !hostile.MayAccept)
                failures.Add($"{hostile}: accepted ({status}) a body that must be refused");
            else if (status >= 400)
            {
                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{hostile}: {status} answered as '{response.Content.Headers.ContentType}', not a problem");
                if (before != after)
                    failures.Add($"{hostile}: {status} but the database changed");
            }
        }

        count.ShouldBeGreaterThan(1_000);
        failures.ShouldBeEmpty($"{failures.Count} of {count} hostile requests misbehaved:\n{string.Join('\n', failures.Take(60))}");
    }

    [Fact]
    public async Task hostile_roster_files_are_refused_with_a_problem_and_nothing_is_queued()
    {
        var college = await Host.RegisterCollege();
        var url = $"/api/colleges/{college}/imports";
        using var client = Client();
        var failures = new List<string>();
        var before = await SnapshotAsync();

        async Task Expect(string name, int status, HttpContent content, string query = "?kind=students")
        {
            using var response = await client.PostAsync(url + query, content, TestContext.Current.CancellationToken);
            if ((int)response.StatusCode != status)
                failures.Add($"{name}: expected {status}, got {(int)response.StatusCode} " +
                    Shorten(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
            else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"{name}: answered as '{response.Content.Headers.ContentType}', not a problem");
        }

        static HttpContent Csv(string text) => new StringContent(text, Encoding.UTF8, "text/csv");
        var header = "name,email,studentNumber,advisorId\n";
        var big = new string('x', 21 * 1024 * 1024);

        await Expect("no kind", 400, Csv(header), query: "");
        await Expect("unknown kind", 400, Csv(header), query: "?kind=%27%3B%20DROP%20TABLE%20x%3B--");
        await Expect("empty body", 400, Csv(""));
        await Expect("wrong header", 400, Csv("a,b,c\n1,2,3\n"));
        await Expect("binary junk", 400, new ByteArrayContent(Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 % 256)).ToArray()));
        await Expect("unterminated quote", 400, Csv("\"name,email\n"));
        await Expect("NUL characters", 400, Csv(header + "Sam\0,sam@example.edu,S-1,\n"));
        await Expect("over 20 MiB", 413, Csv(header + big));
        await Expect("over 20 MiB, chunked", 413, new UnknownLength(Encoding.UTF8.GetBytes(header + big), "text/csv"));
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent("x"), "notfile");
            await Expect("multipart without a file", 400, form);
        }
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(header + big)), "file", "roster.csv");
            await Expect("multipart over 20 MiB", 413, form);
        }

        failures.ShouldBeEmpty(string.Join('\n', failures));
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task read_routes_answer_hostile_ids_and_queries_with_a_4xx_problem_never_a_5xx()
    {
        var world = await World.BuildAsync(Host);
        using var client = Client();
        string[] ids = [world.Student.ToString(), "not-a-guid", Guid.Empty.ToString(), Guid.NewGuid().ToString(), "%27%20OR%201%3D1"];
        string[] values = ["", "x", "2024-02-30", "9999-99-99", "%27%3B%20DROP%20TABLE%20x%3B--", "%3Cscript%3E", new string('9', 3000),
            "2024-01-01T00:00:00%2B25:00", "-1", "2025-26", "2024-FA"];
        var urls = new List<string>();
        foreach (var id in ids)
        {
            urls.Add($"/api/students/{id}/timeline");
            urls.Add($"/api/students/{id}/access-log");
            urls.Add($"/api/advisors/{id}/dashboard");
            urls.Add($"/api/advisors/{id}/alerts");
            urls.Add($"/api/colleges/{id}/programs");
            urls.Add($"/api/colleges/{id}/placements");
            urls.Add($"/api/colleges/{id}/students.csv");
            urls.Add($"/api/imports/{id}");
            urls.Add($"/api/imports/{id}/errors");
        }
        foreach (var value in values)
        {
            urls.Add($"/api/students/{world.Student}/timeline?asOf={value}");
            urls.Add($"/api/students/{world.Student}/access-log?limit={value}&before={value}");
            urls.Add($"/api/colleges/{world.College}/cohorts/{(value.Length == 0 ? "x" : value)}/report?programId={value}&asOf={value}");
            urls.Add($"/api/colleges/{world.College}/placements?from={value}&to={value}");
            urls.Add($"/api/colleges/{world.College}/outcomes?academicYear={value}");
            urls.Add($"/api/colleges/{world.College}/students.csv?cohort={value}");
        }

        var failures = new List<string>();
        foreach (var url in urls)
        {
            using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
            var status = (int)response.StatusCode;
            if (status >= 500)
                failures.Add($"GET {Shorten(url)}: {status}");
            else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"GET {Shorten(url)}: {status} answered as '{response.Content.Headers.ContentType}', not a problem");
        }
        failures.ShouldBeEmpty(string.Join('\n', failures));
    }

    [Fact]
    public async Task injection_strings_that_are_accepted_come_back_verbatim_and_escaped()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        foreach (var injection in HostileCorpus.Injections.Where(i => !i.Contains('\n', StringComparison.Ordinal)))
        {
            var body = Bodies.For("volunteering", Guid.Empty);
            body["organization"] = injection;
            await Host.Record(student, "volunteering", body);
        }

        var result = await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url($"/api/students/{student}/timeline");
        });
        result.Context.Response.ContentType.ShouldStartWith("application/json");   // never sniffed as a page
        var raw = await result.ReadAsTextAsync();
        var organizations = JsonNode.Parse(raw)!["milestones"]!.AsArray()
            .Select(m => m!["organization"]?.GetValue<string>()).OfType<string>().ToList();
        foreach (var injection in HostileCorpus.Injections.Where(i => !i.Contains('\n', StringComparison.Ordinal)))
            organizations.ShouldContain(injection.Trim());
    }

    private HttpClient Client()
    {
        var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Identities.Admin);
        return client;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HostileCase hostile)
    {
        var chunked = hostile.Headers?.ContainsKey("x-test-chunked") == true;
        HttpContent content = chunked ? new UnknownLength(hostile.Body, hostile.ContentType) : new ByteArrayContent(hostile.Body);
        if (!chunked && hostile.ContentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(hostile.ContentType);
        using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), hostile.Url) { Content = content };
        foreach (var (name, value) in hostile.Headers ?? new Dictionary<string, string>())
            if (name != "x-test-chunked") request.Headers.TryAddWithoutValidation(name, value);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A digest of everything a write could have changed.</summary>
    private async Task<string> SnapshotAsync()
    {
        var database = Host.Services.GetService(typeof(NpgsqlDataSource)) as NpgsqlDataSource;
        var parts = new StringBuilder();
        foreach (var table in WrittenTables)
        {
            await using var command = database!.CreateCommand(
                $"select count(*), coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from {Schema}.{table} t");
            try
            {
                await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
                await reader.ReadAsync(TestContext.Current.CancellationToken);
                parts.Append(table).Append('=').Append(reader.GetInt64(0)).Append(':').Append(reader.GetString(1)).Append(';');
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                parts.Append(table).Append("=none;");
            }
        }
        return parts.ToString();
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "..." : text;

    /// <summary>A body sent without Content-Length, so a size limit must hold while reading, not only up front.</summary>
    private sealed class UnknownLength : HttpContent
    {
        private readonly byte[] _bytes;

        public UnknownLength(byte[] bytes, string? contentType)
        {
            _bytes = bytes;
            if (contentType is not null) Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>One of everything a write route needs, plus a valid body per route.</summary>
    private sealed record World(Guid College, Guid Program, Guid Advisor, Guid OtherAdvisor, Guid Student, Guid Milestone)
    {
        public static async Task<World> BuildAsync(Alba.IAlbaHost host)
        {
            var college = await host.RegisterCollege();
            var program = await host.AddProgram(college);
            var advisor = await host.RegisterAdvisor();
            var other = await host.RegisterAdvisor("Blake Advisor");
            var student = await host.RegisterStudent(advisor);
            var milestone = (await host.Record(student, "volunteering", Bodies.For("volunteering", Guid.Empty))).MilestoneId;
            await host.Enroll(student, program);
            return new World(college, program, advisor, other, student, milestone);
        }

        public IEnumerable<WriteRoute> Routes()
        {
            var s = $"/api/students/{Student}";
            yield return Route("advisors", "POST", "/api/advisors", new { name = "Avery Advisor", email = "avery@college.example.edu" });
            yield return Route("colleges", "POST", "/api/colleges", new { name = "Lakeside College" });
            yield return Route("programs", "POST", $"/api/colleges/{College}/programs", new
            {
                name = "Health Information Technology", award = "aas", normalDurationMonths = 24, requiredCategories = new[] { "english" },
                accreditations = new[] { new { body = "CAHIIM", from = "2010-01-01" } },
            }, "accreditations");
            yield return Route("accreditations", "POST", $"/api/programs/{Program}/accreditations",
                new { body = "CAHIIM", from = "2020-01-01", to = "2030-01-01" }, "to");
            yield return Route("accreditations-end", "POST", $"/api/programs/{Program}/accreditations/end",
                new { body = "CAHIIM", endedOn = "2030-01-01", reason = "withdrawn" });
            yield return Route("students", "POST", "/api/students",
                new { name = "Sam Student", email = "sam@students.example.edu", advisorId = Advisor, studentNumber = "S-1001" }, "studentNumber");
            yield return Route("advisor", "PUT", $"{s}/advisor", new { advisorId = OtherAdvisor });
            foreach (var route in new[] { "volunteering", "enrollments", "course-completions", "withdrawals", "degrees", "outcomes", "job-placements" })
                yield return new WriteRoute(route, "POST", $"{s}/{route}", ToJson(Bodies.For(route, Program)), new HashSet<string>());
            yield return Route("exam-attempts", "POST", $"{s}/exam-attempts",
                new { exam = "rhit", takenOn = "2026-01-10", passed = true, score = 350 }, "score");
            yield return Route("void", "POST", $"{s}/milestones/{Milestone}/void", new { reason = "Recorded by Mistake" });
        }

        /// <summary>Hostile route values: not GUIDs, unknown GUIDs, path tricks.</summary>
        public IEnumerable<HostileCase> PathCases()
        {
            var volunteering = Encoding.UTF8.GetBytes(ToJson(Bodies.For("volunteering", Program)).ToJsonString());
            var voidBody = Encoding.UTF8.GetBytes("{\"reason\":\"mistake\"}");
            string[] ids = ["not-a-guid", "00000000-0000-0000-0000-000000000000", Guid.NewGuid().ToString(), "%27%20OR%201%3D1", "..%2F..%2Fetc",
                new string('9', 5000)];
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                yield return new HostileCase("path", $"student-{i}", "POST", $"/api/students/{id}/volunteering", volunteering, "application/json", false);
                yield return new HostileCase("path", $"milestone-{i}", "POST", $"/api/students/{Student}/milestones/{id}/void", voidBody, "application/json", false);
                yield return new HostileCase("path", $"program-{i}", "POST", $"/api/programs/{id}/accreditations",
                    Encoding.UTF8.GetBytes("{\"body\":\"CAHIIM\",\"from\":\"2020-01-01\"}"), "application/json", false);
                yield return new HostileCase("path", $"college-{i}", "POST", $"/api/colleges/{id}/programs",
                    Encoding.UTF8.GetBytes("{\"name\":\"x\",\"award\":\"aas\",\"normalDurationMonths\":24,\"requiredCategories\":[\"english\"]}"),
                    "application/json", false);
            }
        }

        private static WriteRoute Route(string name, string method, string url, object body, params string[] optional) =>
            new(name, method, url, JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(body))!.AsObject(), new HashSet<string>(optional));

        private static JsonObject ToJson(Dictionary<string, object?> body) =>
            JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(body))!.AsObject();
    }
}
