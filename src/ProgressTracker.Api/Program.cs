using JasperFx;
using ProgressTracker;
using ProgressTracker.Accounts;
using ProgressTracker.Infrastructure;
using Wolverine.Http;
using Wolverine.Http.Marten;

var builder = WebApplication.CreateBuilder(args);

builder.AddProgressTrackerPersistence(args);
builder.AddProgressTrackerMessaging();
var auth = builder.AddProgressTrackerAuthentication();
builder.AddProgressTrackerSignIn(auth);
builder.AddProgressTrackerApi();

var app = builder.Build();

app.UseProgressTrackerApi();
// A concurrent update of a reference document (optimistic concurrency) answers 409, not 500; a keyed write's answer
// commits with the write (KeptAnswers).
app.MapWolverineEndpoints(opts =>
{
    opts.MapMartenConcurrencyFailuresToConflict();
    opts.AddPolicy<KeptAnswers>();
});

// The JasperFx command line: `run` (the default), `db-apply`, `projections`, `codegen`, `describe`, ...
return await app.RunJasperFxCommands(args);

/// <summary>Exposed so that the integration tests can boot the real host.</summary>
public partial class Program;
