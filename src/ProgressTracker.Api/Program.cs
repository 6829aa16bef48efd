using JasperFx;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddProgressTrackerPersistence();
builder.AddProgressTrackerMessaging();
builder.AddProgressTrackerAuthentication();
builder.AddProgressTrackerApi();

var app = builder.Build();

app.UseProgressTrackerApi();
app.MapWolverineEndpoints();

// The JasperFx command line: `run` (the default), `db-apply`, `projections`, `codegen`, `describe`, ...
return await app.RunJasperFxCommands(args);

/// <summary>Exposed so that the integration tests can boot the real host.</summary>
public partial class Program;
