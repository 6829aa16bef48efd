using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ProgressTracker.Infrastructure;
using ProgressTracker.Testing;
using Wolverine;

namespace ProgressTracker.IntegrationTests.Infrastructure;

/// <summary>One service host over one real PostgreSQL, shared by every integration test (xunit collection fixture).</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public static readonly AuthOptions Auth = new()
    {
        Issuer = "progress-tracker-tests",
        Audience = "progress-tracker",
        SigningKey = "integration-tests-signing-key-0123456789abcdef",
    };

    private TestDatabase? _database;

    public IAlbaHost Host { get; private set; } = null!;

    public CapturedLogs Logs { get; } = new();

    /// <summary>The service's TimeProvider: tests move it (alerts), reset before each test.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>The SMTP server the service sends its mail to (Notifications tests read it).</summary>
    public TestSmtpServer Mail { get; } = TestSmtpServer.Start();

    public const string PublicBaseUrl = "https://progress.example.edu";

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.StartAsync();
        Host = await AlbaHost.For<Program>(x =>
        {
            x.UseEnvironment("Development");
            x.UseSetting("ConnectionStrings:Marten", _database.ConnectionString);
            x.UseSetting("Marten:Schema", "progress_tracker_tests");
            x.UseSetting("Auth:Issuer", Auth.Issuer);
            x.UseSetting("Auth:Audience", Auth.Audience);
            x.UseSetting("Auth:SigningKey", Auth.SigningKey);
            // Tests send the alert sweep themselves, after moving the clock.
            x.UseSetting("Alerts:SweepMinutes", "0");
            // ... and run the housekeeping themselves.
            x.UseSetting("Housekeeping:PeriodMinutes", "0");
            // Every test calls as the same few subjects: limits out of reach (Operations/rate_limits tests them).
            x.UseSetting("RateLimit:PermitsPerMinute", "1000000");
            x.UseSetting("RateLimit:ImportsPerHour", "1000000");
            // A cap a test can go over quickly (Colleges/import_limits).
            x.UseSetting("Imports:MaxRows", "2000");
            // Mail goes to the test's SMTP server; tests send the digest themselves; retries come fast.
            x.UseSetting("Email:Smtp:Host", "127.0.0.1");
            x.UseSetting("Email:Smtp:Port", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            x.UseSetting("Email:From", "ProgressTracker <no-reply@progress.example.edu>");
            x.UseSetting("Email:PublicBaseUrl", PublicBaseUrl);
            x.UseSetting("Email:RetrySeconds", "1,1");
            x.UseSetting("Email:DigestCheckSeconds", "0");
            x.ConfigureServices(s =>
            {
                s.DisableAllExternalWolverineTransports();
                s.AddSingleton<ILoggerProvider>(Logs);
            });
            x.ConfigureTestServices(s => s.RemoveAll<TimeProvider>().AddSingleton<TimeProvider>(Clock));
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "integration";
}

/// <summary>
/// Base of every integration test: the data is wiped before each test (not after, so a failed test's data can
/// be looked at), with the async daemon paused around the wipe.
/// </summary>
/// <remarks>
/// The wipe (Marten's ResetAllData) truncates Marten's own <c>mt_</c> tables only. The append-only logs
/// (<c>pt_access_log</c>, <c>pt_access_log_group</c>, <c>pt_security_log</c>) refuse TRUNCATE and DELETE even to their
/// owner, deliberately, so they are never wiped: each test run gets a new throwaway cluster (TestDatabase), and within a
/// run each test reads the log entries of its own new ids (or, for the security log, of its own instant).
/// </remarks>
[Collection(IntegrationCollection.Name)]
public abstract class IntegrationContext(AppFixture fixture) : IAsyncLifetime
{
    protected IAlbaHost Host => fixture.Host;
    protected CapturedLogs Logs => fixture.Logs;
    protected IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();
    protected TestClock Clock => fixture.Clock;
    protected TestSmtpServer Mail => fixture.Mail;

    public virtual async ValueTask InitializeAsync()
    {
        Clock.Reset();
        await Host.ResetAllMartenDataAsync();
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
