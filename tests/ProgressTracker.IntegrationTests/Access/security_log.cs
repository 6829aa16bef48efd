using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProgressTracker.Infrastructure.Security;
using ProgressTracker.IntegrationTests.Infrastructure;

namespace ProgressTracker.IntegrationTests.Access;

/// <summary>Refused accesses land in pt_security_log with the route template and ids, never a name or an e-mail.</summary>
public sealed class security_log(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_401_and_a_403_are_recorded_with_the_route_template_and_no_personal_data()
    {
        var name = $"Ines Private-{Guid.NewGuid():N}"[..22];
        var advisor = await Host.RegisterAdvisor();
        var student = await Host.RegisterStudent(advisor, name);
        var instant = Clock.GetUtcNow();

        await Host.Scenario(x =>
        {
            x.Get.Url($"/api/students/{student}/timeline");
            x.StatusCodeShouldBe(401);
        });
        await Host.Scenario(x =>
        {
            x.As(Identities.Student(student));
            x.Post.Json(new { name }).ToUrl("/api/colleges");
            x.StatusCodeShouldBe(403);
        });

        // The recorder writes after the answer has gone out: wait (briefly) until both rows are there.
        var rows = await RowsAt(instant);
        for (var i = 0; i < 300 && rows.Count(r => r.Status is 401 or 403) < 2; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            rows = await RowsAt(instant);
        }
        var unauthorized = rows.Single(r => r.Status == 401);
        unauthorized.Kind.ShouldBe(SecurityEvent.Kinds.AccessRefused);
        unauthorized.Route.ShouldBe("GET /api/students/{id}/timeline");
        unauthorized.Subject.ShouldBeNull();
        unauthorized.Reason.ShouldBe("no-credentials");
        var forbidden = rows.Single(r => r.Status == 403);
        forbidden.Route.ShouldBe("POST /api/colleges");
        forbidden.Subject.ShouldBe($"student-{student}");
        forbidden.Reason.ShouldBe("forbidden");
        rows.ShouldAllBe(r => !r.Text.Contains(name));
        unauthorized.Text.ShouldNotContain(student.ToString()); // the template, not the path
    }

    [Fact]
    public async Task answers_that_refuse_nothing_write_nothing()
    {
        var instant = Clock.GetUtcNow();
        var student = await Host.RegisterStudent(await Host.RegisterAdvisor());
        await Host.Timeline(student);
        await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.Get.Url($"/api/students/{Guid.NewGuid()}/timeline");
            x.StatusCodeShouldBe(404);
        });

        (await RowsAt(instant)).ShouldBeEmpty();
    }

    private sealed record Row(string Kind, string? Subject, string? Route, int? Status, string? Reason, string Text);

    /// <summary>
    /// The rows of this test: the service's clock stands still within a test (TestClock, reset to the real now before
    /// each), so they are the ones at its instant; other tests' rows are at theirs (some moved forward by months).
    /// </summary>
    private async Task<List<Row>> RowsAt(DateTimeOffset instant)
    {
        var database = Host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var command = database.CreateCommand($"""
            select kind, subject, route, status, reason, t::text from {Store.Options.DatabaseSchemaName}.{SecurityLogging.TableName} t
            where at >= $1 and at < $1 + interval '1 millisecond' order by status
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = instant });
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        List<Row> rows = [];
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(new Row(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5)));
        }
        return rows;
    }
}
