using System.Net;
using JasperFx.CommandLine;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProgressTracker.Advisors.Alerts;
using ProgressTracker.Demo;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Testing;
using Wolverine;

namespace ProgressTracker.BrowserTests.Infrastructure;

/// <summary>
/// The real service on Kestrel at 127.0.0.1 and a free port (a browser cannot reach an in-memory TestServer), over a
/// throwaway PostgreSQL, seeded with the demo data set, signing people in through the real local OIDC provider of
/// ops/oidc: what `ops/run --demo` shows.
/// </summary>
public sealed class WebApp : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly Factory _factory;
    private readonly LocalOidcProvider _provider;

    private WebApp(TestDatabase database, Factory factory, LocalOidcProvider provider, Uri address)
    {
        _database = database;
        _factory = factory;
        _provider = provider;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The identity provider's address: its login form is where the browser signs in.</summary>
    public Uri ProviderAddress => _provider.Authority;

    public IServiceProvider Services => _factory.Services;

    public static async Task<WebApp> StartAsync()
    {
        var database = await TestDatabase.StartAsync();
        // The provider must know the service's address (its only redirect), so the port is chosen first.
        var port = LocalPostgresCluster.FreePort();
        var provider = await LocalOidcProvider.StartAsync(new Uri($"http://127.0.0.1:{port}"));
        // WebApplicationFactory hands settings to Program as arguments; the JasperFx command line must just run the host.
        JasperFxEnvironment.AutoStartHost = true;
        var factory = new Factory(database.ConnectionString, provider.ServiceSettings);
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        factory.StartServer();

        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var address = new Uri(addresses.First());

        var store = factory.Services.GetRequiredService<IDocumentStore>();
        await new DemoSeeder(store).SeedAsync(CancellationToken.None);
        // The caseloads and report rosters are an async projection: wait until the daemon has caught up.
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(90));
        await SweepAlertsAsync(factory.Services, store);
        return new WebApp(database, factory, provider, address);
    }

    /// <summary>One alert sweep, as the hourly timer would run it, so that the advisors' inboxes have something in them.</summary>
    private static async Task SweepAlertsAsync(IServiceProvider services, IDocumentStore store)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync(new SweepAlerts());
        }
        // The raised alerts reach the inbox through a local queue: wait for the first ones.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var session = store.QuerySession();
            if (await session.Query<AdvisorAlert>().AnyAsync()) return;
            await Task.Delay(200);
        }
        throw new TimeoutException("The alert sweep raised no alert for the demo data within 30 seconds.");
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _provider.DisposeAsync();
        await _database.DisposeAsync();
    }

    private sealed class Factory(string connectionString, IReadOnlyDictionary<string, string> signIn) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Marten", connectionString);
            builder.UseSetting("Marten:Schema", "progress_tracker_browser");
            foreach (var (key, value) in signIn) builder.UseSetting(key, value);
            builder.UseSetting("Alerts:SweepMinutes", "0");
            // One signed-in tester drives every page: limits out of reach.
            builder.UseSetting("RateLimit:PermitsPerMinute", "1000000");
            builder.UseSetting("RateLimit:ImportsPerHour", "1000000");
            builder.ConfigureServices(s => s.DisableAllExternalWolverineTransports());
        }
    }
}
