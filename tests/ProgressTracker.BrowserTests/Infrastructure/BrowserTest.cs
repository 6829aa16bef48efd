using Microsoft.Playwright;

namespace ProgressTracker.BrowserTests.Infrastructure;

/// <summary>
/// Base of the browser tests: a fresh browser context (so a fresh sessionStorage: nobody signed in) per test, a
/// laptop-sized page, helpers to sign in through the demo page, and screenshots of each page.
/// </summary>
public abstract partial class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    public static readonly ViewportSize Laptop = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private IBrowserContext? _context;

    protected IPage Page { get; private set; } = null!;
    protected Uri Address => fixture.App.Address;
    protected IServiceProvider AppServices => fixture.App.Services;
    protected List<string> ConsoleErrors { get; } = [];

    public async ValueTask InitializeAsync()
    {
        _context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString().TrimEnd('/'),
            ViewportSize = Laptop,
            AcceptDownloads = true,
            Locale = "en-US",
        });
        // Generous: CI runs all test projects at once on two cores, and first requests compile Wolverine's handlers.
        _context.SetDefaultTimeout(60_000);
        _context.SetDefaultNavigationTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(30_000);
        Page = await _context.NewPageAsync();
        // Script errors and CSP violations show up here. The browser also reports each 4xx answer as a console error;
        // the tests provoke 400, 403, 404 and 409 on purpose, so only those are let through.
        Page.Console += (_, message) =>
        {
            if (message.Type == "error" && !ExpectedAnswer().IsMatch(message.Text)) ConsoleErrors.Add(message.Text);
        };
        Page.PageError += (_, error) => ConsoleErrors.Add(error);
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null) await _context.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^Failed to load resource: the server responded with a status of (400|403|404|409) ")]
    private static partial System.Text.RegularExpressions.Regex ExpectedAnswer();

    /// <summary>Opens the sign-in page and picks the demo identity with this role and name.</summary>
    protected async Task SignInAs(string role, string name)
    {
        await Page.GotoAsync("/");
        await Page.Locator($"#identities button[data-role='{role}'][data-name='{name}']").ClickAsync();
        await Page.WaitForURLAsync(url => !url.EndsWith('/'));
    }

    /// <summary>The demo identities the sign-in page offers: (role, id, name, description).</summary>
    protected async Task<IReadOnlyList<(string Role, string Id, string Name, string Description)>> DemoIdentities()
    {
        await Page.GotoAsync("/");
        var buttons = Page.Locator("#identities button");
        await buttons.First.WaitForAsync();
        List<(string, string, string, string)> identities = [];
        foreach (var button in await buttons.AllAsync())
        {
            identities.Add((await button.GetAttributeAsync("data-role") ?? "", await button.GetAttributeAsync("data-id") ?? "",
                await button.GetAttributeAsync("data-name") ?? "", await button.Locator(".role").InnerTextAsync()));
        }
        return identities;
    }

    protected async Task SignOut()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Page.Locator("#identities button").First.WaitForAsync();
    }

    /// <summary>Saves the whole page at laptop width, and at phone width too when asked (README "Web pages").</summary>
    protected async Task Screenshot(string name, bool phone = false)
    {
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf($"{name}-laptop.png"), FullPage = true });
        if (!phone) return;
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf($"{name}-phone.png"), FullPage = true });
        await Page.SetViewportSizeAsync(Laptop.Width, Laptop.Height);
    }
}

/// <summary>Screenshots land in TestResults/screenshots at the repository root (git-ignored), one file per page and width.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Create();

    public static string PathOf(string file) => System.IO.Path.Combine(Folder, file);

    private static string Create()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "ProgressTracker.sln"))) dir = dir.Parent;
        var folder = System.IO.Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
