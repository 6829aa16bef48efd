using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ProgressTracker.BrowserTests.Infrastructure;
using ProgressTracker.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProgressTracker.BrowserTests;

/// <summary>Text that the API accepted (it is the user's to write) is shown as text by the pages, never run.</summary>
public sealed class hostile_text_in_the_pages(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task markup_and_script_in_a_record_are_shown_escaped()
    {
        const string name = "<img src=x onerror=\"window.pwned=1\">Rosa";
        const string organization = "<script>window.pwned=2</script>Clinic";
        var advisor = (await DemoIdentities()).First(i => i.Role == "advisor");
        var auth = AppServices.GetRequiredService<AuthOptions>();
        using var api = new HttpClient { BaseAddress = Address };
        api.DefaultRequestHeaders.Authorization = new("Bearer", DevelopmentTokens.Create(auth, "admin-escaping", "admin"));
        var ct = TestContext.Current.CancellationToken;
        var created = await api.PostAsJsonAsync("/api/students", new { name, email = "hostile@example.edu", advisorId = advisor.Id }, ct);
        var id = (await created.Content.ReadFromJsonAsync<Created>(ct))!.Id;
        (await api.PostAsJsonAsync($"/api/students/{id}/volunteering",
            new { organization, setting = "hospital", hours = 4, startedOn = "2026-01-05", endedOn = "2026-01-05" }, ct)).EnsureSuccessStatusCode();

        await SignInAs("advisor", advisor.Name);   // the student is on this advisor's caseload
        await Page.GotoAsync($"/student.html?id={id}");

        await Expect(Page.GetByText(organization, new() { Exact = false }).First).ToBeVisibleAsync();
        (await Page.Locator("img[src='x']").CountAsync()).ShouldBe(0, "the name's markup became an element");
        (await Page.EvaluateAsync<bool>("() => window.pwned === undefined")).ShouldBeTrue("script from a record ran");
        await Screenshot("student-record-hostile-text");
        ConsoleErrors.ShouldBeEmpty();
    }
}
