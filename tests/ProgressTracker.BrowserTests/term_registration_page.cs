using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProgressTracker.BrowserTests.Infrastructure;
using ProgressTracker.Students;
using static Microsoft.Playwright.Assertions;

namespace ProgressTracker.BrowserTests;

public sealed class term_registration_page(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task college_staff_record_a_term_registration_on_the_student_page()
    {
        // The last enrolled demo student by name (the advisor page test writes to the first one).
        Student student;
        await using (var session = AppServices.GetRequiredService<IDocumentStore>().QuerySession())
        {
            student = (await session.Query<Student>().OrderBy(s => s.Name).Take(500).ToListAsync(TestContext.Current.CancellationToken))
                .Where(s => s.StudentNumber?.StartsWith("LCC-2", StringComparison.Ordinal) == true && Pathway.StageOf(s) == Stage.Enrolled)
                .Last();
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var term = new[] { $"{today.Year}-FA", $"{today.Year}-SU", $"{today.Year}-SP" }.First(t => TermCalendar.Start(t) <= today);

        await SignInAs("college", "Lakeside Community College");
        await Page.GotoAsync($"/student.html?id={student.Id}");
        await Expect(Page.Locator("h1")).ToHaveTextAsync(student.Name);
        await Page.Locator("#kind").SelectOptionAsync("term-registration");
        await Page.GetByLabel("Term").FillAsync(term);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record term registration" }).ClickAsync();

        await Expect(Page.Locator("#record-status")).ToContainTextAsync("Term registration recorded");
        await Expect(Page.Locator("#timeline")).ToContainTextAsync($"Registered for {term}");
        await Screenshot("student-term-registration");
        ConsoleErrors.ShouldBeEmpty();
    }
}
