using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProgressTracker.BrowserTests.Infrastructure;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students;
using static Microsoft.Playwright.Assertions;

namespace ProgressTracker.BrowserTests;

/// <summary>The admin page (accounts, colleges, programs, advisors) and the college page's People section.</summary>
public sealed class admin_pages(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string College = "Lakeside Community College";

    private static string Email(string who) => $"{who}-{Guid.NewGuid():N}@people.example.edu";

    private ILocator AccountRow(string email) => Page.Locator($"tr[data-email='{email}']");

    [Fact]
    public async Task an_admin_invites_an_advisor_account_sees_it_listed_and_revokes_it()
    {
        await SignInAs("admin", "Administrator");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin\\.html"));
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveAttributeAsync("aria-current", "page");

        var email = Email("advisor");
        await Page.Locator("#accounts-invite-email").FillAsync(email);
        await Page.Locator("#accounts-invite-role").SelectOptionAsync("advisor");
        await Expect(Page.Locator("#accounts-invite-studentId")).ToBeHiddenAsync();
        await Page.Locator("#accounts-invite-advisorId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();

        await Expect(AccountRow(email)).ToHaveAttributeAsync("data-state", "invited");
        await Expect(AccountRow(email)).ToContainTextAsync("Advisor");
        await Screenshot("admin-accounts", phone: true);

        // The filter narrows the list to the role.
        await Page.Locator("#accounts-filter-role").SelectOptionAsync("student");
        await Expect(AccountRow(email)).ToHaveCountAsync(0);
        await Page.Locator("#accounts-filter-role").SelectOptionAsync("advisor");
        await Expect(AccountRow(email)).ToHaveCountAsync(1);

        // Revoking asks first; cancelling changes nothing.
        await AccountRow(email).Locator("[data-action='revoke']").ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(AccountRow(email)).ToHaveAttributeAsync("data-state", "invited");
        await AccountRow(email).Locator("[data-action='revoke']").ClickAsync();
        await AccountRow(email).Locator("[data-action='confirm-revoke']").ClickAsync();
        await Expect(AccountRow(email)).ToHaveAttributeAsync("data-state", "revoked");

        // The same e-mail can be invited again once revoked; a second open invitation is refused with the rule.
        await Page.Locator("#accounts-invite-email").FillAsync(email);
        await Page.Locator("#accounts-invite-role").SelectOptionAsync("admin");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(Page.Locator("#accounts-invite .notice.ok")).ToBeVisibleAsync();
        await Page.Locator("#accounts-invite-email").FillAsync(email);
        await Page.Locator("#accounts-invite-role").SelectOptionAsync("admin");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(Page.Locator("#accounts-invite .notice.bad")).ToContainTextAsync("account-exists");
        ConsoleErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task an_admin_adds_a_college_and_a_program_with_accreditation_periods()
    {
        await SignInAs("admin", "Administrator");
        var name = $"Riverside College {Guid.NewGuid().ToString("N")[..6]}";
        await Page.Locator("#college-form-name").FillAsync(name);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add college" }).ClickAsync();
        await Expect(Page.Locator("#colleges-table")).ToContainTextAsync(name);

        await Page.Locator("#program-college").SelectOptionAsync(new SelectOptionValue { Label = name });
        await Expect(Page.Locator("#programs-box")).ToContainTextAsync("no program yet");
        // Without categories the server's 400 is shown next to them.
        await Page.Locator("#program-form-name").FillAsync("Health Information Technology");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add program" }).ClickAsync();
        await Expect(Page.Locator("#program-form-requiredCategories-error")).ToBeVisibleAsync();

        foreach (var category in new[] { "english", "mathematics", "medical-terminology", "health-information" })
            await Page.Locator($"#program-form input[value='{category}']").CheckAsync();
        await Page.Locator("#program-period-0-from").FillAsync("2012-03-01");
        await Page.Locator("#program-period-0-to").FillAsync("2020-02-29");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add program" }).ClickAsync();

        var row = Page.Locator("#programs-table tr[data-name='Health Information Technology']");
        await Expect(row).ToContainTextAsync("CAHIIM: Mar 1, 2012 to Feb 29, 2020");
        await Expect(row).ToContainTextAsync("Medical terminology");

        await row.Locator("summary").ClickAsync();
        await row.Locator("input[name='from']").FillAsync("2021-09-01");
        await row.GetByRole(AriaRole.Button, new() { Name = "Add period" }).ClickAsync();
        await Expect(Page.Locator("#programs-table tr[data-name='Health Information Technology'] ul.accreditations li")).ToHaveCountAsync(2);
        await Expect(Page.Locator("#programs-table tr[data-name='Health Information Technology']")).ToContainTextAsync("Sep 1, 2021 to now");
        await Screenshot("admin-programs", phone: true);

        // The new college is offered as an account scope at once.
        await Expect(Page.Locator($"#accounts-invite-collegeId option", new() { HasText = name })).ToHaveCountAsync(1);
        ConsoleErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task college_staff_invite_a_student_account_and_revoke_it()
    {
        var (student, email) = await NewStudentOfCollege();
        await SignInAs("college", College);
        var people = Page.Locator("#people-box");
        await people.ScrollIntoViewIfNeededAsync();
        await Expect(Page.Locator("#people-invite-role option[value='advisor']")).ToHaveCountAsync(0);

        // A college invites a student at the e-mail of their record.
        await Page.Locator("#people-invite-email").FillAsync(email);
        await Page.Locator("#people-invite-role").SelectOptionAsync("student");
        await Page.Locator("#people-invite-studentId").FillAsync(student.ToString());
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(AccountRow(email)).ToHaveAttributeAsync("data-state", "invited");
        await Expect(AccountRow(email)).ToContainTextAsync("Student");
        await Screenshot("college-people");

        // A student the college does not serve is unknown to it.
        await Page.Locator("#people-invite-email").FillAsync(Email("stranger"));
        await Page.Locator("#people-invite-role").SelectOptionAsync("student");
        await Page.Locator("#people-invite-studentId").FillAsync(Guid.CreateVersion7().ToString());
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(Page.Locator("#people-invite .notice.bad")).ToContainTextAsync("Not found");

        await AccountRow(email).Locator("[data-action='revoke']").ClickAsync();
        await AccountRow(email).Locator("[data-action='confirm-revoke']").ClickAsync();
        await Expect(AccountRow(email)).ToHaveAttributeAsync("data-state", "revoked");
        ConsoleErrors.Where(e => !e.Contains("404")).ShouldBeEmpty();
    }

    /// <summary>A new student on Lakeside's roster (as its roster import registers them), with no account yet.</summary>
    private async Task<(Guid Id, string Email)> NewStudentOfCollege()
    {
        var store = AppServices.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession();
        var ct = TestContext.Current.CancellationToken;
        var college = (await session.Query<College>().Where(c => c.Name == College).ToListAsync(ct)).Single();
        var advisor = (await session.Query<Advisor>().ToListAsync(ct)).First();
        var id = Guid.CreateVersion7();
        var email = Email("student");
        session.Events.StartStream<Student>(id, new RegisterStudent("Rostered Student", email, advisor.Id, $"LCC-T{id.ToString()[..8]}")
            .Decide(id, new Caller("admin-pages-test", Roles.Admin), DateOnly.FromDateTime(DateTime.UtcNow)) with { CollegeId = college.Id });
        await session.SaveChangesAsync(ct);
        return (id, email);
    }
}
