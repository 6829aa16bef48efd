using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using ProgressTracker.Accounts;
using ProgressTracker.Advisors.Alerts;
using ProgressTracker.Advisors.FollowUps;
using ProgressTracker.Infrastructure;
using ProgressTracker.Infrastructure.Housekeeping;
using ProgressTracker.Infrastructure.Security;
using ProgressTracker.Infrastructure.Telemetry;
using ProgressTracker.Notifications;
using ProgressTracker.Reports;
using ProgressTracker.Students;
using ProgressTracker.Students.Imports;
using ProgressTracker.Students.Privacy;
using ProgressTracker.Web;
using Scalar.AspNetCore;
using Wolverine.Http;

namespace ProgressTracker;

/// <summary>
/// The HTTP composition root: the services and the request pipeline of every feature, in order. Infrastructure knows no
/// feature; this file and <see cref="Persistence"/> put them together.
/// </summary>
public static class Api
{
    public static void AddProgressTrackerApi(this WebApplicationBuilder builder)
    {
        // Body limits per route: 64 KiB unless a route raises its own (RequestSizeLimits).
        RequestSizeLimits.Configure(builder);
        builder.Services.AddWolverineHttp();
        builder.Services.ConfigureHttpJsonOptions(o => Json.ConfigureHttp(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddProgressTrackerOpenApi(builder.Configuration);
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<ProjectionHealthCheck>("projections", tags: ["ready"]);
        // One instance: it remembers since when each shard's position has not moved.
        builder.Services.AddSingleton<ProjectionHealthCheck>();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AccountBinding>();
        builder.Services.AddSingleton<SecurityEvents>();
        // What the features above Students keep about a student goes with an erased student (StudentErasure).
        builder.Services.AddSingleton<IStudentErasurePart, AccountErasure>();
        builder.Services.AddSingleton<IStudentErasurePart, FollowUpErasure>();
        builder.AddAdvisorAlerts();
        builder.AddFollowUpsAndMail();
        builder.AddHousekeeping();
        builder.AddIdempotency();
        builder.AddProgressTrackerRateLimits();
        builder.AddImports();
        builder.AddPrivacy();
        builder.AddProgressTrackerTelemetry();
        builder.Services.AddSingleton(builder.Configuration.GetSection("Pathway").Get<PathwayOptions>() ?? new PathwayOptions());
        builder.Services.AddSingleton(builder.Configuration.GetSection("Access").Get<AccessOptions>() ?? new AccessOptions());
    }

    public static void UseProgressTrackerApi(this WebApplication app)
    {
        // First, so that every /api answer, a 500 included, says Cache-Control: no-store.
        app.UseNoStoreForApi();
        // Unhandled exceptions become a bare 500 problem: no stack trace, no request data.
        app.UseExceptionHandler();
        // Outside the status code pages and everything that refuses: it sees each request's final status.
        app.UseMiddleware<RefusalRecorder>();
        app.UseMiddleware<RequestSizeLimits>();
        app.UseStatusCodePages();
        // The web pages and their scripts are public files (no data in them); they come before authentication.
        app.UseWebPages();
        app.UseAuthentication();
        // Counted per caller (RateLimits), before any other work on the request.
        app.UseRateLimiter();
        // The role of a person signed in through a provider comes from their account; writes from the pages need the
        // antiforgery token. Both before any other work.
        app.UseMiddleware<AccountResolution>();
        app.UseMiddleware<CsrfCheck>();
        // Route policies first: a caller who may not write does not get its body buffered or a key kept.
        app.UseAuthorization();
        // The JSON body is read and checked once, before the idempotency hash that uses its bytes.
        app.UseMiddleware<JsonBodyCheck>();
        app.UseMiddleware<Idempotency>();

        // Operational routes are open; everything under /api needs a token (Policies: fallback policy).
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = HealthReports.WriteJson,
        }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapProgressTrackerMetrics();
        if (app.Environment.IsDevelopment())
        {
            // The browsable API page: /scalar.
            app.MapScalarApiReference().AllowAnonymous();
        }
        app.MapSignIn();
        // The demo people to sign in as at the local provider: Development only (Web/README.md).
        app.MapDemoSignIn();
    }
}
