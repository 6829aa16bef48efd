using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(ProgressTracker.BrowserTests.Infrastructure.BrowserFixture))]
// Two cores shared with other work: one browser page at a time.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]

namespace ProgressTracker.BrowserTests.Infrastructure;

/// <summary>
/// One app and one headless Chromium for the whole run. The browser is Debian's (<c>apt-get install chromium</c>):
/// Playwright's own browser download needs the internet. Without it the tests fail, saying so; they never skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public WebApp App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("PROGRESSTRACKER_CHROMIUM") ?? ChromiumPath;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium is missing at {executable}: the browser tests need it. Install it with `apt-get install -y chromium` " +
                "(.ci/run does), or point PROGRESSTRACKER_CHROMIUM at a Chromium executable.");
        }

        App = await WebApp.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}
