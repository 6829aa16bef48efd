using System.Text;
using Microsoft.Playwright;
using ProgressTracker.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProgressTracker.BrowserTests;

public sealed class college_pages(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string College = "Lakeside Community College";

    [Fact]
    public async Task college_staff_open_the_cohort_report_and_download_its_csv()
    {
        await SignInAs("college", College);
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/college\\.html"));
        await Expect(Page.Locator("#funnel-chart svg")).ToBeVisibleAsync();
        await Expect(Page.Locator("#cohort-title")).ToContainTextAsync($"Entry term {DateTime.UtcNow.Year - 3}-FA");
        (await Page.Locator("#cohort-measures tbody tr").CountAsync()).ShouldBe(7);
        await Expect(Page.Locator("#cohort-measures tr[data-measure='graduation-rate-150']")).ToContainTextAsync("members with a degree");
        await Expect(Page.Locator("#setting-chart svg")).ToBeVisibleAsync();
        await Expect(Page.Locator("#specialty-chart svg")).ToBeVisibleAsync();
        await Expect(Page.Locator("#outcomes-box table").First).ToBeVisibleAsync();
        await Screenshot("college-reports", phone: true);

        var download = await Page.RunAndWaitForDownloadAsync(() =>
            Page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        download.SuggestedFilename.ShouldBe($"cohort-{DateTime.UtcNow.Year - 3}-FA.csv");
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, TestContext.Current.CancellationToken);
        csv.ShouldStartWith("name,numerator,denominator,rate,formula");
        csv.ShouldContain("graduation-rate-150");

        // A bad entry term: the server's 400 is shown next to the field.
        await Page.GetByLabel("Entry term").FillAsync("fall 2023");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show report" }).ClickAsync();
        await Expect(Page.Locator("#cohort-error")).ToContainTextAsync("entry term");

        ConsoleErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task college_staff_copy_the_outcomes_of_an_academic_year_for_the_apar()
    {
        await SignInAs("college", College);
        var table = Page.Locator("#outcomes-box table").First;
        await Expect(table).ToBeVisibleAsync();
        // Every measure the answer carries, with its numerator, denominator and formula.
        await Expect(table.Locator("tr[data-measure='employment-rate']")).ToContainTextAsync("within 12 months");
        await Expect(Page.Locator("#outcomes-box [data-counts]").First).ToContainTextAsync("Entrants, full-time");

        // The figures as text, ready to paste, with the year and the instant they describe.
        await Page.GetByText("For the APAR: every figure as text").ClickAsync();
        var text = await Page.Locator("#apar-text").InputValueAsync();
        var year = DateTime.UtcNow.Month >= 8 ? DateTime.UtcNow.Year - 1 : DateTime.UtcNow.Year - 2;   // the last whole year
        text.ShouldStartWith($"CAHIIM outcomes, academic year {year}-{(year + 1) % 100:00} ({year}-08-01 to {year + 1}-07-31), generated on ");
        text.ShouldContain("program,item,numerator,denominator,rate,formula or value");
        text.ShouldContain(",employment-rate,");
        text.ShouldContain(",Graduates,");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Copy the figures" }).ClickAsync();
        await Expect(Page.Locator("#apar-copy-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Copied|Selected"));

        // As of a past day: the record as it stood at the end of that day, said beside the figures and in the text.
        await Page.Locator("#outcomes-as-of").FillAsync($"{year + 1}-07-31");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show outcomes" }).ClickAsync();
        await Expect(Page.Locator("#outcomes-as-of-line")).ToContainTextAsync($"as it stood at the end of Jul 31, {year + 1} (UTC)");
        await Page.GetByText("For the APAR: every figure as text").ClickAsync();
        (await Page.Locator("#apar-text").InputValueAsync()).ShouldContain($"as of {year + 1}-07-31T23:59:59");
        await Screenshot("college-apar", phone: true);

        ConsoleErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task college_staff_import_a_roster_and_follow_its_progress()
    {
        await SignInAs("college", College);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Roster import" }).ClickAsync();
        await Page.Locator("#kind").SelectOptionAsync("exam-attempts");
        await Page.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "exam-attempts.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("studentNumber,exam,takenOn,passed,score\nNO-SUCH-STUDENT,rhit,2026-01-10,true,320\n"),
        });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload and import" }).ClickAsync();

        await Expect(Page.Locator("#import-state")).ToHaveTextAsync("Finished.", new() { Timeout = 30_000 });
        await Expect(Page.Locator("#import-failed")).ToHaveTextAsync("1");
        await Expect(Page.Locator("#errors-csv")).ToBeVisibleAsync();
        await Screenshot("college-import", phone: true);
        ConsoleErrors.ShouldBeEmpty();
    }
}
