using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProgressTracker.Infrastructure;
using ProgressTracker.Infrastructure.Security;
using ProgressTracker.IntegrationTests.Access;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Testing;

namespace ProgressTracker.IntegrationTests.Operations;

/// <summary>
/// The production arrangement end to end, in a database of its own: `db-apply` (the built service's command) as the
/// owner role, then the service as a runtime role that may only INSERT and SELECT the logs.
/// </summary>
public sealed class database_roles(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Schema = "progress_tracker";
    private static readonly AuthOptions Auth = new()
    {
        Issuer = "progress-tracker-roles", Audience = "progress-tracker", SigningKey = "database-roles-signing-key-0123456789abcdef",
    };

    [Fact]
    public async Task db_apply_as_the_owner_then_the_service_as_the_runtime_role()
    {
        var ct = TestContext.Current.CancellationToken;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (owner, app, database) = ($"pt_owner_{suffix}", $"progress_tracker_app_{suffix}", $"pt_roles_{suffix}");
        var admin = new NpgsqlConnectionStringBuilder(Host.Services.GetRequiredService<IConfiguration>().GetConnectionString("Marten")) { Pooling = false };
        await Execute(admin.ConnectionString, $"""
            create role {owner} login password 'owner-secret';
            create role {app} login password 'app-secret';
            """);
        await Execute(admin.ConnectionString, $"create database {database} owner {owner}");
        string As(string role, string password) =>
            new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database, Username = role, Password = password, Pooling = true }.ConnectionString;
        var ownerConnection = As(owner, "owner-secret");
        var appConnection = As(app, "app-secret");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Marten"] = appConnection,
            ["ConnectionStrings__MartenOwner"] = ownerConnection,
            ["Marten__Schema"] = Schema,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Auth__Issuer"] = Auth.Issuer,
            ["Auth__Audience"] = Auth.Audience,
            ["Auth__SigningKey"] = Auth.SigningKey,
            ["Alerts__SweepMinutes"] = "0",
        };

        try
        {
            await Shell.RunAsync("dotnet", [Path.Combine(Repository.ServiceDirectory, "ProgressTracker.Api.dll"), "db-apply"], TimeSpan.FromMinutes(3),
                environment: environment, workingDirectory: Repository.ServiceDirectory);

            foreach (var table in append_only_logs.LogTables)
            {
                var qualified = $"{Schema}.{table}";
                var id = Guid.CreateVersion7();
                await Execute(appConnection, $"insert into {qualified} {append_only_logs.SampleRow(table, id)}");
                await Execute(appConnection, $"select * from {qualified}");
                foreach (var change in Changes(qualified, id))
                    (await Should.ThrowAsync<PostgresException>(() => Execute(appConnection, change))).SqlState
                        .ShouldBe(PostgresErrorCodes.InsufficientPrivilege, change);
                foreach (var change in Changes(qualified, id))
                    (await Should.ThrowAsync<PostgresException>(() => Execute(ownerConnection, change))).SqlState
                        .ShouldBe(AppendOnlyLogs.RefusedState, change);
            }

            await using var service = await ChildService.StartAsync(Repository.ServiceDirectory, environment, "/health/ready", TimeSpan.FromMinutes(3), keepLines: 200);
            using var client = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromMinutes(1) };
            var advisor = await Created(client, "/api/advisors", new { name = "Role Advisor", email = "role.advisor@example.edu" });
            var student = await Created(client, "/api/students", new { name = "Role Student", email = "role.student@example.edu", advisorId = advisor });
            (await Send(client, HttpMethod.Get, $"/api/students/{student}/timeline", Admin)).StatusCode.ShouldBe(HttpStatusCode.OK, service.Tail());
            var log = await Send(client, HttpMethod.Get, $"/api/students/{student}/access-log", Token($"student-{student}", Roles.Student, ("student_id", student)));
            log.StatusCode.ShouldBe(HttpStatusCode.OK, service.Tail());
            (await log.Content.ReadFromJsonAsync<JsonArray>(ct))!.Count.ShouldBe(2); // the timeline read and this one
            (await Send(client, HttpMethod.Get, $"/api/students/{student}/timeline", token: null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            // The document types written only by other routes (a college, a kept Idempotency-Key answer, an import and
            // its file): their tables come from db-apply too, since this role could not create them on first use.
            var college = await Created(client, "/api/colleges", new { name = "Role College" }, ("Idempotency-Key", "roles-college"));
            using var csv = new StringContent($"name,email,advisorId,studentNumber\nRole Imported,imported@example.edu,{advisor},R-1\n");
            csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            var import = await Send(client, HttpMethod.Post, $"/api/colleges/{college}/imports?kind=students", Admin, content: csv);
            import.StatusCode.ShouldBe(HttpStatusCode.Accepted, await import.Content.ReadAsStringAsync(ct) + service.Tail());
            // Run in the background through Wolverine's durable queue: its envelope tables are this role's to write too.
            var status = import.Headers.Location!.ToString();
            var state = "";
            for (var tries = 0; tries < 120 && state != "completed"; tries++)
            {
                await Task.Delay(500, ct);
                var answer = await (await Send(client, HttpMethod.Get, status, Admin)).Content.ReadFromJsonAsync<JsonObject>(ct);
                state = answer!["state"]!.GetValue<string>();
            }
            state.ShouldBe("completed", service.Tail());

            await using var connection = new NpgsqlConnection(ownerConnection);
            await connection.OpenAsync(ct);
            await using (var refused = new NpgsqlCommand($"select count(*) from {Schema}.{SecurityLogging.TableName} where status = 401", connection))
                (await refused.ExecuteScalarAsync(ct)).ShouldBe(1L);
            // Every connection the service holds is the runtime role's (a readiness check first, so its pool holds one idle).
            (await Send(client, HttpMethod.Get, "/health/ready", token: null)).StatusCode.ShouldBe(HttpStatusCode.OK);
            await using var roles = new NpgsqlCommand("select array_agg(distinct usename::text) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", connection);
            roles.Parameters.Add(new NpgsqlParameter<string> { TypedValue = database });
            (await roles.ExecuteScalarAsync(ct)).ShouldBe(new[] { app });
        }
        finally
        {
            await Execute(admin.ConnectionString, $"drop database if exists {database} with (force)");
            await Execute(admin.ConnectionString, $"drop role if exists {app}; drop role if exists {owner};");
        }
    }

    private static string[] Changes(string table, Guid id) =>
        [$"update {table} set at = now() where id = '{id}'", $"delete from {table} where id = '{id}'", $"truncate {table}"];

    private static string Admin => Token("roles-admin", Roles.Admin);

    private static string Token(string subject, string role, params (string Claim, Guid Value)[] scope) =>
        DevelopmentTokens.Create(Auth, subject, role, scope.ToDictionary(s => s.Claim, s => s.Value.ToString()));

    private static async Task<Guid> Created(HttpClient client, string url, object body, params (string Name, string Value)[] headers)
    {
        var response = await Send(client, HttpMethod.Post, url, Admin, body, headers: headers);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, string? token, object? body = null,
        HttpContent? content = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url) { Content = content ?? (body is null ? null : JsonContent.Create(body)) };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
