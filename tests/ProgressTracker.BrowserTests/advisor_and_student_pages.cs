using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProgressTracker.BrowserTests.Infrastructure;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students.AccessLog;
using static Microsoft.Playwright.Assertions;

namespace ProgressTracker.BrowserTests;

public sealed partial class advisor_and_student_pages(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task an_advisor_records_a_milestone_and_the_student_sees_it_and_the_advisors_read()
    {
        // An enrolled student the demo sign-in offers, and their advisor.
        var identities = await DemoIdentities();
        await Page.GotoAsync("/");
        await Screenshot("sign-in", phone: true);
        var student = identities.First(i => i.Role == "student" && i.Description.StartsWith("Student, enrolled;", StringComparison.Ordinal));
        var advisorName = AdvisorOf().Match(student.Description).Groups[1].Value;
        var advisor = identities.Single(i => i.Role == "advisor" && i.Name == advisorName);

        await SignInAs("advisor", advisor.Name);
        await Expect(Page).ToHaveURLAsync(new Regex("/advisor\\.html$"));
        await Expect(Page.Locator("h1")).ToHaveTextAsync($"Caseload of {advisor.Name}");
        await Expect(Page.Locator("#caseload tbody tr").First).ToBeVisibleAsync();
        await Expect(Page.Locator("#alerts-box")).Not.ToBeEmptyAsync();
        await Screenshot("advisor-caseload", phone: true);

        // Filters: by stage, then by alert; every row shown matches.
        await Page.Locator("#filter-stage").SelectOptionAsync("enrolled");
        foreach (var stage in await Page.Locator("#caseload tbody td[data-label='Stage']").AllInnerTextsAsync()) stage.ShouldBe("Enrolled");
        await Page.Locator("#filter-stage").SelectOptionAsync("");
        await Page.Locator("#filter-alert").SelectOptionAsync("any");
        (await Page.Locator("#caseload tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        foreach (var alerts in await Page.Locator("#caseload tbody td[data-label='Alerts']").AllInnerTextsAsync()) alerts.ShouldNotBe("none");
        await Page.Locator("#filter-alert").SelectOptionAsync("");

        // The student's record, from the caseload.
        await Page.Locator("#caseload").GetByRole(AriaRole.Link, new() { Name = student.Name, Exact = true }).ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync(student.Name);
        await Expect(Page.Locator("#stage-name")).ToHaveTextAsync("Enrolled");
        await Page.Locator("#kind").SelectOptionAsync("course-completion");

        // Sent empty: the server's 400 names each field, shown next to it.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record course completion" }).ClickAsync();
        await Expect(Page.Locator("#form-course-completion-courseCode-error")).ToBeVisibleAsync();
        await Expect(Page.Locator("#form-course-completion-courseCode")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#form-course-completion-grade-error")).ToBeVisibleAsync();
        await Screenshot("student-record-form-errors");

        await Page.GetByLabel("Course code").FillAsync("HIT-299");
        await Page.GetByLabel("Course title").FillAsync("Capstone: release of information");
        await Page.GetByLabel("Category").SelectOptionAsync("elective");
        await Page.GetByLabel("Credits").FillAsync("3");
        await Page.GetByLabel("Grade").FillAsync("A-");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record course completion" }).ClickAsync();
        await Expect(Page.Locator("#record-status")).ToContainTextAsync("Course completion recorded");
        await Expect(Page.Locator("#timeline")).ToContainTextAsync("Completed HIT-299 Capstone: release of information");

        // A pathway rule broken: the 409's sentence and rule code are shown above the form.
        await Page.Locator("#kind").SelectOptionAsync("exam-attempt");
        await Page.GetByLabel("Result").SelectOptionAsync("false");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record RHIT exam attempt" }).ClickAsync();
        var notice = Page.Locator("#form-exam-attempt .notice.bad");
        await Expect(notice).ToContainTextAsync("This breaks a pathway rule.");
        await Expect(notice).ToContainTextAsync("rule: rhit-not-eligible");
        await Screenshot("student-record-advisor-view", phone: true);

        // The student signs in: the milestone is on their timeline, and the advisor's read is in their access log.
        await SignOut();
        await SignInAs("student", student.Name);
        await Expect(Page.Locator("h1")).ToHaveTextAsync($"My pathway, {student.Name}");
        await Expect(Page.Locator("#timeline")).ToContainTextAsync("Completed HIT-299 Capstone: release of information");
        await Expect(Page.Locator("#eligibility")).ToContainTextAsync("You cannot sit the RHIT exam yet.");
        await Expect(Page.Locator("ol.stages li[aria-current='step']")).ToContainTextAsync("Enrolled");
        var advisorReads = Page.Locator("#access-log tbody tr[data-role='advisor']");
        await Expect(advisorReads.First).ToContainTextAsync("account-");
        // The advisor's page reads the timeline and the follow-up contacts: both are logged reads.
        await Expect(advisorReads.Filter(new() { HasText = $"GET /api/students/{student.Id}/timeline" }).First).ToBeVisibleAsync();
        await Expect(advisorReads.Filter(new() { HasText = $"GET /api/students/{student.Id}/follow-ups" }).First).ToBeVisibleAsync();
        await Expect(Page.Locator("#record-section")).ToBeHiddenAsync();
        await Screenshot("student-own-record", phone: true);

        ConsoleErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_long_access_log_comes_a_page_at_a_time()
    {
        // 120 earlier reads by an auditor, written the way the service logs reads.
        var student = (await DemoIdentities()).Last(i => i.Role == "student");
        var log = AppServices.GetRequiredService<AccessLog>();
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        for (var i = 0; i < 120; i++)
            await log.RecordAsync(new Caller("auditor-1", Roles.Admin), "GET an earlier read", start.AddMinutes(i), [Guid.Parse(student.Id)], CancellationToken.None);

        await SignInAs("student", student.Name);
        var rows = Page.Locator("#access-log tbody tr");
        await Expect(rows).ToHaveCountAsync(100);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show older entries" }).ClickAsync();
        await Expect(Page.Locator("#access-older")).ToBeHiddenAsync();
        (await rows.CountAsync()).ShouldBeGreaterThan(120);
        (await rows.Last.InnerTextAsync()).ShouldContain("auditor-1");
        ConsoleErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_student_cannot_open_another_students_page()
    {
        var students = (await DemoIdentities()).Where(i => i.Role == "student").ToList();
        var (me, other) = (students[0], students[1]);

        await SignInAs("student", me.Name);
        await Page.GotoAsync($"/student.html?id={other.Id}");

        // Not allowed answers as unknown (404): the page cannot tell the two apart, and says so.
        await Expect(Page.Locator("#page-notice")).ToContainTextAsync("There is no such student, or their record is not yours to see.");
        await Expect(Page.Locator("#record")).ToBeHiddenAsync();
        (await Page.ContentAsync()).ShouldNotContain(other.Name);
        await Screenshot("student-forbidden");
    }

    [GeneratedRegex("advisor (.+)$")]
    private static partial Regex AdvisorOf();
}
