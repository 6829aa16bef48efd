using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using JasperFx.Events.Projections;
using Marten;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace ProgressTracker.Bench;

/// <summary>
/// The floor of step 1, end to end: the least HTTP write this stack can serve, run as a process of its own (this
/// assembly started with <see cref="Command"/>) so that it is measured exactly as the service is, over loopback HTTP
/// from the same load loop. One bare ASP.NET Core endpoint (no Wolverine, no validation, no middleware but
/// authentication and authorization) authenticates the same bearer token with the service's own JWT settings,
/// checks the same staff policy, binds the same body with the service's JSON dialect, and does the least write that
/// reads state first through Marten: a tiny inline state (a count) fetched at its stream's version, one event
/// appended, the state upserted in the same commit. Every milestone write must do at least this, whatever its
/// design: authenticate, read the student's state for the pathway rules, append, answer.
/// </summary>
internal static class FloorService
{
    public const string Command = "floor-service";
    public const string Route = "/floor/{id:guid}";
    public const string Probe = "/floor/live";

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
            return HttpResults.Created($"/floor/{id}", new { version = (stream.StartingVersion ?? 0) + 1 });
        }).RequireAuthorization(Policies.Staff);

        await app.RunAsync();
        await dataSource.DisposeAsync();
    }
}
