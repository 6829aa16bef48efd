using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProgressTracker.Infrastructure;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Students;

namespace ProgressTracker.IntegrationTests.Students;

public sealed class concurrency_and_idempotency(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly object Volunteering = Bodies.For("volunteering", Guid.Empty);

    [Fact]
    public async Task a_stale_if_match_is_a_412_and_appends_nothing()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        await Host.Record(student, "volunteering", Volunteering);     // version 2 now

        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.WithRequestHeader("If-Match", "\"1\"");
            x.Post.Json(Volunteering).ToUrl($"/api/students/{student}/volunteering");
            x.StatusCodeShouldBe(412);
        });
        (await Host.EventCount(student)).ShouldBe(2);

        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.WithRequestHeader("If-Match", "\"2\"");
            x.Post.Json(Volunteering).ToUrl($"/api/students/{student}/volunteering");
            x.StatusCodeShouldBe(201);
            x.Header("ETag").SingleValueShouldEqual("\"3\"");
        });
    }

    [Fact]
    public async Task a_412_under_a_key_is_not_kept_so_the_retry_with_the_fresh_version_writes()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        await Host.Record(student, "volunteering", Volunteering);     // version 2 now

        async Task Send(string ifMatch, int status) => await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.WithRequestHeader("Idempotency-Key", "stale-then-fresh");
            x.WithRequestHeader("If-Match", ifMatch);
            x.Post.Json(Volunteering).ToUrl($"/api/students/{student}/volunteering");
            x.StatusCodeShouldBe(status);
        });

        await Send("\"1\"", 412);
        await Send("\"2\"", 201);
        (await Host.EventCount(student)).ShouldBe(3);
        // The kept answer is the 201's: the same request again replays it; the stale one is now another request.
        await Send("\"2\"", 201);
        await Send("\"1\"", 422);
        (await Host.EventCount(student)).ShouldBe(3);
    }

    [Fact]
    public async Task of_parallel_writers_with_the_same_if_match_one_wins_and_the_rest_get_412()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        using var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Identities.Admin);
        client.DefaultRequestHeaders.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            client.PostAsJsonAsync($"/api/students/{student}/volunteering", Volunteering, TestContext.Current.CancellationToken)));

        responses.Select(r => (int)r.StatusCode).Order().ShouldBe([201, 412, 412, 412, 412, 412, 412, 412]);
        (await Host.EventCount(student)).ShouldBe(2);
    }

    [Fact]
    public async Task twenty_parallel_writers_get_contiguous_versions_and_nothing_is_lost()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        using var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Identities.Admin);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            client.PostAsJsonAsync($"/api/students/{student}/volunteering", Volunteering, TestContext.Current.CancellationToken)));

        responses.ShouldAllBe(r => (int)r.StatusCode == 201);
        var versions = await Task.WhenAll(responses.Select(async r =>
            (await r.Content.ReadFromJsonAsync<MilestoneWritten>(TestContext.Current.CancellationToken))!.Version));
        versions.Order().ShouldBe(Enumerable.Range(2, 20).Select(v => (long)v));
        (await Host.EventCount(student)).ShouldBe(21);
        (await Host.Timeline(student))["milestones"]!.AsArray().Count.ShouldBe(21);
    }

    [Fact]
    public async Task a_repeat_with_the_same_key_returns_the_first_answer_and_appends_nothing()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());

        async Task<string> Send(object body, int status) => await (await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.WithRequestHeader("Idempotency-Key", "log-hours-1");
            x.Post.Json(body).ToUrl($"/api/students/{student}/volunteering");
            x.StatusCodeShouldBe(status);
        })).ReadAsTextAsync();

        var first = await Send(Volunteering, 201);
        var repeat = await Send(Volunteering, 201);

        repeat.ShouldBe(first);
        (await Host.EventCount(student)).ShouldBe(2);

        var other = Bodies.For("volunteering", Guid.Empty);
        other["hours"] = 4;
        await Send(other, 422);
        (await Host.EventCount(student)).ShouldBe(2);
    }

    [Fact]
    public async Task simultaneous_requests_with_the_same_key_append_once()
    {
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        using var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Identities.Admin);
        client.DefaultRequestHeaders.Add("Idempotency-Key", "same-key");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            client.PostAsJsonAsync($"/api/students/{student}/volunteering", Volunteering, TestContext.Current.CancellationToken)));

        responses.ShouldAllBe(r => (int)r.StatusCode == 201);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        bodies.Distinct().Count().ShouldBe(1);
        (await Host.EventCount(student)).ShouldBe(2);
    }

    [Fact]
    public async Task a_keyed_write_commits_its_answer_in_the_same_transaction_as_its_events()
    {
        // A process killed right after the commit must not let a repeat append again, so the answer kept for the key
        // is written by the transaction that wrote the events (xmin: the id of the transaction that wrote a row).
        var key = $"same-transaction-{Guid.NewGuid():N}";
        var advisor = await Host.RegisterAdvisor();
        var registered = await (await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.WithRequestHeader("Idempotency-Key", $"{key}-register");
            x.Post.Json(new { name = "Ada Obi", email = "ada@example.edu", advisorId = advisor }).ToUrl("/api/students");
            x.StatusCodeShouldBe(201);
        })).ReadAsJsonAsync<Created>();
        var student = registered!.Id;
        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.WithRequestHeader("Idempotency-Key", $"{key}-volunteering");
            x.Post.Json(Volunteering).ToUrl($"/api/students/{student}/volunteering");
            x.StatusCodeShouldBe(201);
        });

        var registration = await WriterOf($"mt_events where stream_id = '{student}' and version = 1");
        registration.ShouldNotBeNull();
        (await WriterOf($"mt_doc_idempotentresponse where id like '%:{key}-register'")).ShouldBe(registration);
        var milestone = await WriterOf($"mt_events where stream_id = '{student}' and version = 2");
        milestone.ShouldNotBeNull();
        milestone.ShouldNotBe(registration);
        (await WriterOf($"mt_doc_idempotentresponse where id like '%:{key}-volunteering'")).ShouldBe(milestone);
    }

    [Fact]
    public async Task a_keyed_reference_data_write_commits_its_answer_in_the_same_transaction()
    {
        var key = $"reference-{Guid.NewGuid():N}";
        // The id of what was created, if the answer names one, and the transaction that wrote the kept answer.
        async Task<(Guid? Id, string? Answer)> Post(string suffix, string url, object body)
        {
            var result = await Host.Scenario(x =>
            {
                x.As(Identities.Admin);
                x.WithRequestHeader("Idempotency-Key", $"{key}-{suffix}");
                x.Post.Json(body).ToUrl(url);
                x.StatusCodeShouldBe(201);
            });
            var id = JsonNode.Parse(await result.ReadAsTextAsync())!["id"]?.GetValue<Guid>();
            return (id, await WriterOf($"mt_doc_idempotentresponse where id like '%:{key}-{suffix}'"));
        }

        var college = await Post("college", "/api/colleges", new { name = "Harbor College" });
        (await WriterOf($"mt_doc_college where id = '{college.Id}'")).ShouldBe(college.Answer);
        var advisor = await Post("advisor", "/api/advisors", new { name = "Sam Lee", email = "sam@example.edu" });
        (await WriterOf($"mt_doc_advisor where id = '{advisor.Id}'")).ShouldBe(advisor.Answer);
        var program = await Post("program", $"/api/colleges/{college.Id}/programs", new
        {
            name = "Health Information Technology", award = "aas", normalDurationMonths = 24, requiredCategories = Pathways.Required,
            accreditations = Array.Empty<object>(),
        });
        (await WriterOf($"mt_doc_academicprogram where id = '{program.Id}'")).ShouldBe(program.Answer);
        var accreditation = await Post("accreditation", $"/api/programs/{program.Id}/accreditations", new { body = "CAHIIM", from = "2010-01-01" });
        (await WriterOf($"mt_doc_academicprogram where id = '{program.Id}'")).ShouldBe(accreditation.Answer);
        new[] { college.Answer, advisor.Answer, program.Answer, accreditation.Answer }.Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public async Task a_repeated_keyed_import_starts_one_import_and_answers_the_first_202()
    {
        var college = await Host.RegisterCollege();
        var advisor = await Host.RegisterAdvisor();
        async Task<(string Body, string? Location, bool Replayed)> Start()
        {
            var result = await Host.Scenario(x =>
            {
                x.As(Identities.Admin);
                x.WithRequestHeader("Idempotency-Key", "roster-once");
                x.Post.Text($"name,email,studentNumber,advisorId\nRosa Diaz,rosa@example.edu,S-1,{advisor}\n")
                    .ToUrl($"/api/colleges/{college}/imports").QueryString("kind", "students");
                x.WithRequestHeader("Content-Type", "text/csv");
                x.StatusCodeShouldBe(202);
            });
            var headers = result.Context.Response.Headers;
            return (await result.ReadAsTextAsync(), headers.Location.ToString(), headers.ContainsKey("Idempotent-Replayed"));
        }

        // The first start queues the import: wait for it to run, so that nothing of it outlives the test.
        (string Body, string? Location, bool Replayed) first = ("", null, false);
        await Wolverine.Tracking.WolverineHostMessageTrackingExtensions.ExecuteAndWaitAsync(Host, async () => first = await Start(), 60_000);
        var repeat = await Start();
        first.Replayed.ShouldBeFalse();
        repeat.Replayed.ShouldBeTrue();
        repeat.Body.ShouldBe(first.Body);
        repeat.Location.ShouldBe(first.Location);
        first.Location.ShouldBe($"/api/imports/{JsonNode.Parse(first.Body)!["id"]!.GetValue<Guid>()}");
        await using var session = Store.QuerySession();
        (await Marten.QueryableExtensions.CountAsync(
            session.Query<ProgressTracker.Students.Imports.RosterImport>().Where(i => i.CollegeId == college),
            TestContext.Current.CancellationToken)).ShouldBe(1);
    }

    private async Task<string?> WriterOf(string rows)
    {
        var database = Host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var command = database.CreateCommand($"select xmin::text from {Store.Options.DatabaseSchemaName}.{rows}");
        return (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task a_repeated_registration_starts_one_stream()
    {
        var advisor = await Host.RegisterAdvisor();
        var body = new { name = "Rosa Diaz", email = "rosa@example.edu", advisorId = advisor };

        async Task<string> Register() => await (await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.WithRequestHeader("Idempotency-Key", "register-rosa");
            x.Post.Json(body).ToUrl("/api/students");
            x.StatusCodeShouldBe(201);
        })).ReadAsTextAsync();

        (await Register()).ShouldBe(await Register());
        await using var session = Store.QuerySession();
        (await Marten.QueryableExtensions.CountAsync(session.Query<Student>(), TestContext.Current.CancellationToken)).ShouldBe(1);
    }
}
