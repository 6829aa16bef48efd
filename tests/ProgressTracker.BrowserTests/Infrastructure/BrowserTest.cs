using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProgressTracker.Colleges;
using ProgressTracker.Demo;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students;
using ProgressTracker.Testing;

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
            // Only the service's pages count: the identity provider's login page is not ours.
            if (message.Type == "error" && !ExpectedAnswer().IsMatch(message.Text)
                && message.Location.StartsWith(Address.ToString().TrimEnd('/'), StringComparison.Ordinal)) ConsoleErrors.Add(message.Text);
        };
        Page.PageError += (_, error) => ConsoleErrors.Add(error);
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null) await _context.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    // 401: the sign-in page asks /api/me who is signed in before anyone is; 404: a record not the person's to see.
    [System.Text.RegularExpressions.GeneratedRegex("^Failed to load resource: the server responded with a status of (400|401|403|404|409) ")]
    private static partial System.Text.RegularExpressions.Regex ExpectedAnswer();

    /// <summary>Signs in through the provider as the demo person with this role and name, and lands on their page.</summary>
    protected async Task SignInAs(string role, string name)
    {
        var email = await EmailOf(role, name);
        await SignInWith(email);
        // A sign-in the service could not complete (seen once in a CI-like run on two busy cores: back at
        // /?signin=failed) is tried once more, as a person would; the security log keeps the failure's reason.
        if (Page.Url.Contains("signin=failed", StringComparison.Ordinal)) await SignInWith(email);
        // Committed is enough: the assertions that follow wait for what they look at, while a page's load event waits
        // for every module and its API calls, which on two busy cores can take longer than any fixed timeout.
        try
        {
            await Page.WaitForURLAsync(url => !url.EndsWith('/') && !url.Contains("/?", StringComparison.Ordinal),
                new() { WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Signed in as {role} {name}, the browser stayed at {Page.Url}.", e);
        }
    }

    /// <summary>
    /// Presses "Sign in" on the sign-in page and signs in at the local provider's own login form with this e-mail as
    /// the login (the provider takes any password). Answers once the browser is back at the service.
    /// </summary>
    protected async Task SignInWith(string email, string? startAt = null)
    {
        await Page.GotoAsync(startAt ?? "/");
        var link = Page.Locator("#sign-in-link");
        // Read before the click: after a click that half-navigated, the link may be gone.
        var href = await link.GetAttributeAsync("href") ?? "/auth/sign-in";
        await link.ClickAsync();
        var atProvider = (string url) => url.StartsWith(fixture.App.ProviderAddress.ToString().TrimEnd('/'), StringComparison.Ordinal);
        try
        {
            await Page.WaitForURLAsync(atProvider, new() { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            // Seen about once in ten runs on two busy cores: the click landed while the page's module was still
            // settling and no navigation followed. Follow the link's own address instead (the same sign-in).
            await Page.GotoAsync(href);
            await Page.WaitForURLAsync(atProvider);
        }
        await Page.Locator("input[name=login]").FillAsync(email);
        await Page.Locator("input[name=password]").FillAsync("any password");
        await Page.Locator("button[type=submit]").ClickAsync();
        // Past the service's callback (/signin-oidc), which redirects on to the page asked for.
        await Page.WaitForURLAsync(url => url.StartsWith(Address.ToString().TrimEnd('/'), StringComparison.Ordinal)
            && !url.Contains("/signin-oidc", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
    }

    /// <summary>The e-mail the demo invited this person with (DemoSeeder): admin, the registrar, an advisor or a student by name.</summary>
    protected async Task<string> EmailOf(string role, string name)
    {
        await using var session = AppServices.GetRequiredService<IDocumentStore>().QuerySession();
        return role switch
        {
            "admin" => DemoSeeder.AdminEmail,
            "college" => DemoSeeder.RegistrarEmail,
            "advisor" => (await session.Query<Advisor>().SingleAsync(a => a.Name == name)).Email,
            _ => (await session.Query<Student>().SingleAsync(s => s.Name == name)).Email,
        };
    }

    /// <summary>
    /// The demo's advisors and one student per stage, from its database: (role, id, name, description); a student's
    /// description says their stage and advisor ("Student, enrolled; advisor Avery Chen").
    /// </summary>
    protected async Task<IReadOnlyList<(string Role, string Id, string Name, string Description)>> DemoIdentities()
    {
        await using var session = AppServices.GetRequiredService<IDocumentStore>().QuerySession();
        var advisors = await session.Query<Advisor>().OrderBy(a => a.Name).ToListAsync();
        // Only the demo's own students (numbers LCC-24000 on): other tests add students whose accounts they revoke.
        var students = (await session.Query<Student>().OrderBy(s => s.Name).Take(500).ToListAsync())
            .Where(s => s.StudentNumber?.StartsWith("LCC-2", StringComparison.Ordinal) == true).ToList();
        var names = advisors.ToDictionary(a => a.Id, a => a.Name);
        return
        [
            .. advisors.Select(a => ("advisor", a.Id.ToString(), a.Name, "Advisor")),
            .. students.GroupBy(Pathway.StageOf).OrderBy(g => g.Key).Select(g => g.First()).Select(s => ("student", s.Id.ToString(), s.Name,
                $"Student, {Json.KebabName(Pathway.StageOf(s)).Replace('-', ' ')}; advisor {names.GetValueOrDefault(s.AdvisorId, "unknown")}")),
        ];
    }

    /// <summary>The demo people the sign-in page lists: (role, e-mail).</summary>
    protected async Task<IReadOnlyList<(string Role, string Email)>> DemoPeople()
    {
        await Page.GotoAsync("/");
        var items = Page.Locator("#demo-people li");
        await items.First.WaitForAsync();
        List<(string, string)> people = [];
        foreach (var item in await items.AllAsync())
        {
            people.Add((await item.GetAttributeAsync("data-role") ?? "", await item.Locator("code").InnerTextAsync()));
        }
        return people;
    }

    /// <summary>Signs out of the service and, on the provider's own page, out of the provider; back on the sign-in page.</summary>
    protected async Task SignOut()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.StartsWith(fixture.App.ProviderAddress.ToString().TrimEnd('/'), StringComparison.Ordinal));
        await Page.Locator("button[autofocus], button[name=logout]").First.ClickAsync();
        await Page.Locator("#sign-in-link").WaitForAsync();
    }

    /// <summary>Saves the whole page at laptop width, and at phone width too when asked (tests/README.md).</summary>
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
        var folder = System.IO.Path.Combine(Repository.Root, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
