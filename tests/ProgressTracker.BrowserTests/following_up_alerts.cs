using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProgressTracker.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProgressTracker.BrowserTests;

public sealed class following_up_alerts(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task an_advisor_records_a_contact_and_resolves_a_follow_up()
    {
        // The demo's sweep opened follow-ups for the advisors' students; the second advisor's, so that the other tests'
        // pages keep theirs.
        var advisor = (await DemoIdentities()).Where(i => i.Role == "advisor").OrderBy(i => i.Name).Last();
        await SignInAs("advisor", advisor.Name);
        await Expect(Page.Locator("h1")).ToHaveTextAsync($"Caseload of {advisor.Name}");
        var cards = Page.Locator("#follow-ups-box article.follow-up");
        await Expect(cards.First).ToBeVisibleAsync();
        var before = await cards.CountAsync();
        var card = cards.First;
        var id = await card.GetAttributeAsync("data-follow-up-id");
        await Expect(card.Locator(".state")).ToHaveTextAsync("Open: no contact yet");
        await Screenshot("advisor-follow-ups", phone: true);

        // A contact without a method: the server's 400 is shown next to the field.
        await card.Locator("summary", new() { HasText = "Record a contact" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Record contact" }).ClickAsync();
        await Expect(card.Locator($"#contact-{id}-method-error")).ToBeVisibleAsync();

        await card.GetByLabel("How").SelectOptionAsync("phone");
        await card.GetByLabel("Note (your working papers)").FillAsync("Called about the exam; will book in June.");
        await card.GetByRole(AriaRole.Button, new() { Name = "Record contact" }).ClickAsync();
        card = Page.Locator($"article[data-follow-up-id='{id}']");
        await Expect(card.Locator(".state")).ToHaveTextAsync("Contacted");
        await Expect(card.Locator("ul.contacts")).ToContainTextAsync("Called about the exam; will book in June.");

        // The student's page shows the advisor the contact.
        var studentLink = card.Locator("h3 a");
        var studentName = await studentLink.InnerTextAsync();
        await studentLink.ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync(studentName);
        await Expect(Page.Locator("#contact-list")).ToContainTextAsync("Called about the exam; will book in June.");
        await Page.GoBackAsync();

        card = Page.Locator($"article[data-follow-up-id='{id}']");
        await card.Locator("summary", new() { HasText = "Resolve" }).ClickAsync();
        await card.GetByLabel("Outcome").SelectOptionAsync("done");
        await card.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        // Resolved: no longer among the open follow-ups.
        await Expect(Page.Locator($"article[data-follow-up-id='{id}']")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#follow-ups-count")).ToHaveTextAsync(new Regex($"^{before - 1} open$"));
        await Screenshot("advisor-follow-up-resolved");
    }
}
