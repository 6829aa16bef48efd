using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProgressTracker.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProgressTracker.BrowserTests;

public sealed partial class privacy_pages(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task a_denied_amendment_leaves_the_students_statement_on_the_advisors_view_and_a_shared_link_shows_only_its_parts()
    {
        // A demo student with a degree and an exam on record, and their advisor.
        var identities = await DemoIdentities();
        var student = identities.First(i => i.Role == "student" && i.Description.StartsWith("Student, credentialed;", StringComparison.Ordinal));
        var advisorName = AdvisorOf().Match(student.Description).Groups[1].Value;
        const string requested = "My volunteering hours were 60, not 40";
        const string statement = "I disagree: my supervisor's letter confirms 60 hours.";

        // The student asks for an amendment of a milestone.
        await SignInAs("student", student.Name);
        await Expect(Page.Locator("#amendments-section")).ToBeVisibleAsync();
        await Page.Locator("#amendment-form-target").SelectOptionAsync(new SelectOptionValue { Index = 4 });
        await Page.Locator("#amendment-form-requested").FillAsync(requested);
        await Page.Locator("#amendment-form-reason").FillAsync("The hospice's log shows more hours.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ask for a correction" }).ClickAsync();
        await Expect(Page.Locator("#amendment-requests li[data-state='pending']")).ToContainTextAsync(requested);
        await Screenshot("student-amendment-request");
        await SignOut();

        // An admin denies it from the list of pending requests.
        await SignInAs("admin", "admin");
        var pending = Page.Locator("#pending-requests li").Filter(new() { HasText = requested });
        await Expect(pending).ToBeVisibleAsync();
        await pending.Locator("select[name=decision]").SelectOptionAsync("denied");
        await pending.Locator("textarea[name=note]").FillAsync("The site's records show 40 hours.");
        await Screenshot("admin-amendment-requests");
        await pending.GetByRole(AriaRole.Button, new() { Name = "Decide" }).ClickAsync();
        await Expect(Page.Locator("#pending-requests li").Filter(new() { HasText = requested })).ToHaveCountAsync(0);
        await SignOut();

        // The student reads the reason and the right to a hearing, and places a statement of disagreement.
        await SignInAs("student", student.Name);
        var denied = Page.Locator("#amendment-requests li[data-state='denied']").Filter(new() { HasText = requested });
        await Expect(denied).ToContainTextAsync("The site's records show 40 hours.");
        await Expect(denied).ToContainTextAsync("right to a hearing");
        await denied.Locator("textarea[name=text]").FillAsync(statement);
        await denied.GetByRole(AriaRole.Button, new() { Name = "Place statement" }).ClickAsync();
        await Expect(Page.Locator("#statements")).ToContainTextAsync(statement);
        await SignOut();

        // The advisor's view of the timeline carries the statement.
        await SignInAs("advisor", advisorName);
        await Page.GotoAsync($"/student.html?id={student.Id}");
        await Expect(Page.Locator("h1")).ToHaveTextAsync(student.Name);
        await Expect(Page.Locator("#statements")).ToContainTextAsync(statement);
        await Expect(Page.Locator("#amendments-section")).ToBeHiddenAsync();
        await Screenshot("advisor-sees-statement");
        await SignOut();

        // The student shares their exams and degrees with an employer.
        await SignInAs("student", student.Name);
        await Page.Locator("#consent-form-recipient").FillAsync("Harbor Hospital HR");
        await Page.Locator("#consent-form-purpose").FillAsync("Screening for a coding job");
        await Page.Locator("#consent-form-expiresOn").FillAsync(DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Page.Locator("#consent-parts input[value=exams]").CheckAsync();
        await Page.Locator("#consent-parts input[value=degrees]").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        var link = await Page.Locator("#share-link").GetAttributeAsync("href");
        link.ShouldNotBeNull();
        link.ShouldContain("/shared/");
        await Screenshot("student-shares-record");

        // The recipient, signed in nowhere, sees exactly those parts and the statement.
        await using var recipientContext = await Page.Context.Browser!.NewContextAsync(new() { ViewportSize = Laptop });
        var recipient = await recipientContext.NewPageAsync();
        await recipient.GotoAsync(link);
        await Expect(recipient.Locator("#title")).ToHaveTextAsync($"Record of {student.Name}");
        var shared = recipient.Locator("#shared-box");
        await Expect(shared).ToContainTextAsync("RHIT exam");
        await Expect(shared).ToContainTextAsync("Degree conferred");
        (await shared.InnerTextAsync()).ShouldNotContain("Enrolled in");
        (await shared.InnerTextAsync()).ShouldNotContain("Volunteered");
        await Expect(recipient.Locator("#statements")).ToContainTextAsync(statement);
        await recipient.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf("recipient-shared-record-laptop.png"), FullPage = true });

        // The reading is a disclosure in the student's access log, naming recipient and purpose.
        await Page.ReloadAsync();
        await Expect(Page.Locator("#access-log tbody tr[data-role='recipient']").First)
            .ToContainTextAsync("Shared with Harbor Hospital HR for: Screening for a coding job");

        // Revoked, the link stops at once.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Revoke consent for Harbor Hospital HR" }).ClickAsync();
        await Expect(Page.Locator("#consents tr[data-state='revoked']")).ToContainTextAsync("Harbor Hospital HR");
        await recipient.ReloadAsync();
        await Expect(recipient.Locator("#page-notice")).ToContainTextAsync("no longer works");
        await Expect(recipient.Locator("#record")).ToBeHiddenAsync();

        ConsoleErrors.ShouldBeEmpty();
    }

    [GeneratedRegex("advisor (.+)$")]
    private static partial Regex AdvisorOf();
}
