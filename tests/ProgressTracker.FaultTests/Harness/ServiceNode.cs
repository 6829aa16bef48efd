using ProgressTracker.Testing;
using System.Net.Http.Headers;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.FaultTests.Harness;

/// <summary>
/// The built service (<c>dotnet ProgressTracker.Api.dll</c>) as a child process on a free loopback port. It can be
/// killed with SIGKILL (<see cref="Kill"/>) and started again; its log lines are kept for assertions and failures.
/// </summary>
public sealed class ServiceNode : IAsyncDisposable
{
    public static readonly AuthOptions Auth = new()
    {
        Issuer = "progress-tracker-faults",
        Audience = "progress-tracker",
        SigningKey = "fault-tests-signing-key-0123456789abcdef-0123",
    };

    private readonly ChildService _service;

    private ServiceNode(string name, ChildService service)
    {
        Name = name;
        _service = service;
        Client = NewClient(service.Address);
    }

    public string Name { get; }
    public Uri Address => _service.Address;
    public HttpClient Client { get; }
    public IReadOnlyCollection<string> Log => _service.Log;
    public bool Running => _service.Running;

    public static string AdminToken => DevelopmentTokens.Create(Auth, "fault-admin", Roles.Admin, new Dictionary<string, string>(), TimeSpan.FromHours(2));

    /// <summary>Where the build put the service: src/ProgressTracker.Api/bin/&lt;same configuration as the tests&gt;/net10.0.</summary>
    public static string ServiceDirectory => Repository.ServiceDirectory;

    public static Dictionary<string, string> Environment(string connectionString, string environment, IDictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Marten"] = connectionString,
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["Auth__Issuer"] = Auth.Issuer,
            ["Auth__Audience"] = Auth.Audience,
            ["Auth__SigningKey"] = Auth.SigningKey,
            ["Alerts__SweepMinutes"] = "0",
            // The load comes from one token: limits out of reach.
            ["RateLimit__PermitsPerMinute"] = "1000000",
            ["RateLimit__ImportsPerHour"] = "1000000",
            // A dead node's durable messages (a running import) move to a live node within seconds, not a minute.
            ["Wolverine__HealthCheckSeconds"] = "2",
            ["Wolverine__StaleNodeSeconds"] = "8",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            // The daemon's own lines tell which node runs a projection.
            ["Logging__LogLevel__Marten"] = "Information",
            ["Logging__LogLevel__JasperFx"] = "Information",
            ["Logging__Format"] = "simple",
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_TieredPGO"] = "0",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) env[key] = value;
        return env;
    }

    public static async Task<ServiceNode> StartAsync(string name, IDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        try
        {
            return new ServiceNode(name, await ChildService.StartAsync(ServiceDirectory, environment.AsReadOnly(), "/health/live",
                timeout ?? TimeSpan.FromSeconds(90)));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"{name} did not start: {e.Message}", e);
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, as when a machine dies.</summary>
    public void Kill() => _service.Kill();

    public string Tail(int lines = 80) => _service.Tail(lines);

    public static HttpClient NewClient(Uri address)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(90) };   // the first requests compile handlers; CI shares 2 cores
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        Client.Dispose();
    }
}
