using JasperFx.Events.Projections;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students;
using ProgressTracker.Students.AccessLog;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace ProgressTracker.Bench;

/// <summary>
/// The floors of steps 1 and 2, end to end: the least HTTP write and the least logged HTTP read this stack can serve,
/// run as a process of its own (this assembly started with <see cref="Command"/>) so that they are measured exactly as
/// the service is, over loopback HTTP from the same load loop. Bare ASP.NET Core endpoints (no Wolverine, no
/// validation, no middleware but authentication and authorization) authenticate the same bearer token with the
/// service's own JWT settings.
/// <list type="bullet">
/// <item>The write checks the same staff policy, binds the same body with the service's JSON dialect, and does the
/// least write that reads state first through Marten: a tiny inline state (a count) fetched at its stream's version,
/// one event appended, the state upserted in the same commit. Every milestone write must do at least this, whatever
/// its design: authenticate, read the student's state for the pathway rules, append, answer.</item>
/// <item>The read runs <see cref="LoggedRead"/> and answers the record's JSON as the database returned it: no access
/// check, no programs, no parsing. Every timeline read must do at least this: authenticate, log, read, answer.</item>
/// </list>
/// </summary>
internal static class FloorService
{
    public const string Command = "floor-service";
    public const string Route = "/floor/{id:guid}";
    public const string TimelineRoute = "/floor/{id:guid}/timeline";
    public const string Probe = "/floor/live";

    /// <summary>Where the harness sends the floor's write and read for a stream or student.</summary>
    public static string WritePath(Guid id) => $"/floor/{id}";

    public static string TimelinePath(Guid id) => $"/floor/{id}/timeline";

    /// <summary>
    /// The least any logged read of a record can do, whatever the design: one round trip that commits the access-log
    /// row and returns the record (one prepared statement, the insert and the select in one, autocommit), the JSON as
    /// text.
    /// </summary>
    public static NpgsqlCommand LoggedRead(NpgsqlDataSource dataSource, Guid studentId)
    {
        var command = dataSource.CreateCommand($"""
            with logged as (
              insert into {BenchDatabase.Schema}.{AccessLogging.TableName} (id, student_id, subject, role, route, at)
              values ($1, $2, 'bench', 'admin', 'GET bench', now()))
            select data::text from {BenchDatabase.Schema}.mt_doc_studenttimeline where id = $2
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = studentId });
        return command;
    }

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // The service logs requests at Warning and above in production; so does the floor (no console per request).
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddProgressTrackerAuthentication();
        builder.Services.ConfigureHttpJsonOptions(o => Json.ConfigureHttp(o.SerializerOptions));

        var connectionString = builder.Configuration.GetConnectionString("Marten")
            ?? throw new InvalidOperationException("ConnectionStrings__Marten is not set.");
        var dataSource = Persistence.BuildDataSource(connectionString);
        builder.Services.AddSingleton<IDocumentStore>(DocumentStore.For(o =>
        {
            Harness.BareStore(o, dataSource);
            o.Projections.Add(new StreamEventCountProjection(batchSize: 500), ProjectionLifecycle.Inline);
        }));

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet(Probe, () => HttpResults.Ok()).AllowAnonymous();
        app.MapPost(Route, async (Guid id, LogVolunteering body, IDocumentStore store, HttpContext http) =>
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<StreamEventCount>(id, http.RequestAborted);
            stream.AppendOne(new VolunteeringLogged(Guid.CreateVersion7(), id, body.Organization ?? "", body.Setting ?? default,
                body.Hours ?? 0, body.StartedOn ?? default, body.EndedOn ?? default, http.User.Identity?.Name ?? ""));
            await session.SaveChangesAsync(http.RequestAborted);
            return HttpResults.Created(WritePath(id), new { version = (stream.StartingVersion ?? 0) + 1 });
        }).RequireAuthorization(Policies.Staff);
        app.MapGet(TimelineRoute, async (Guid id, HttpContext http) =>
        {
            await using var command = LoggedRead(dataSource, id);
            return await command.ExecuteScalarAsync(http.RequestAborted) is string json
                ? HttpResults.Text(json, "application/json")
                : HttpResults.NotFound();
        });

        await app.RunAsync();
        await dataSource.DisposeAsync();
    }
}
