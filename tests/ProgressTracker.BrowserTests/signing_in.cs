using System.Text.RegularExpressions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using ProgressTracker.Accounts;
using ProgressTracker.BrowserTests.Infrastructure;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students;
using static Microsoft.Playwright.Assertions;

namespace ProgressTracker.BrowserTests;

/// <summary>
/// Sign-in through the real local provider's own login form (ops/oidc), the account directory deciding who gets in
/// and as what (domain.md section 2): each role lands on its page, an uninvited or unverified person gets the
/// no-access page, a revoked account is refused on its next request, sign-out ends the session, and a write from
/// another site (no antiforgery token) is refused.
/// </summary>
public sealed class signing_in(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Theory]
    [InlineData("admin", "Administrator", "/admin\\.html$")]
    [InlineData("advisor", "Avery Chen", "/advisor\\.html$")]
    // The college page adds the cohort it shows to its address (?cohort=) once the report is in.
    [InlineData("college", "Lakeside Community College", "/college\\.html")]
    [InlineData("student", "Rosa Diaz", "/student\\.html\\?id=")]
    public async Task each_role_signs_in_at_the_provider_and_lands_on_its_page(string role, string name, string page)
    {
        await SignInWith(await EmailOf(role, name));

        await Expect(Page).ToHaveURLAsync(new Regex(page));
        var me = await Me();
        me.Status.ShouldBe(200);
        me.Body.ShouldContain($"\"role\":\"{role}\"");
        // The page holds no token: the session is an HttpOnly cookie the scripts cannot read.
        (await Page.EvaluateAsync<string>("() => document.cookie")).ShouldNotContain(Authentication.SessionCookie);
        (await Page.EvaluateAsync<int>("() => sessionStorage.length + localStorage.length")).ShouldBe(0);
        var cookie = (await Page.Context.CookiesAsync()).Single(c => c.Name == Authentication.SessionCookie);
        cookie.HttpOnly.ShouldBeTrue();
        cookie.SameSite.ShouldBe(Microsoft.Playwright.SameSiteAttribute.Lax);
        // The security log has the sign-in, by account id and reason, with no e-mail in the row.
        var account = await AccountOf(await EmailOf(role, name));
        (await SecurityLogRows(account.Id)).ShouldContain(r => r.Kind == "sign-in" && !r.Row.Contains('@'));
        ConsoleErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_person_without_an_account_gets_the_no_access_page()
    {
        await SignInWith("walk-in@elsewhere.example.org");

        await Expect(Page.Locator("#no-access")).ToBeVisibleAsync();
        await Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        await Expect(Page.Locator("#no-access")).ToContainTextAsync("has no account for you");
        (await Me()).Status.ShouldBe(403);
        (await SecurityLogRows(null)).ShouldContain(r => r.Kind == "sign-in-failed" && r.Row.Contains("no-account") && !r.Row.Contains("walk-in"));
        await Screenshot("no-access", phone: true);

        // Even a page's address typed by hand shows nothing but the way back.
        await Page.GotoAsync("/advisor.html");
        await Expect(Page).ToHaveURLAsync(new Regex("/\\?noaccess=1$"));
        ConsoleErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task an_unverified_email_does_not_take_an_invitation()
    {
        var invited = await InviteStudentAsync("unverified.taylor@students.example.edu");

        await SignInWith(invited.Email);

        await Expect(Page.Locator("#no-access")).ToBeVisibleAsync();
        (await LoadAsync(invited.Id)).State.ShouldBe(AccountState.Invited);
    }

    [Fact]
    public async Task a_revoked_account_is_refused_on_its_next_request()
    {
        var invited = await InviteStudentAsync("morgan.lee@students.example.edu");
        await SignInWith(invited.Email);
        await Expect(Page).ToHaveURLAsync(new Regex("/student\\.html\\?id="));
        // The page has drawn the record (its scripts are done navigating) before the account changes under it.
        await Expect(Page.Locator("h1")).ToContainTextAsync("Test Student");
        (await LoadAsync(invited.Id)).State.ShouldBe(AccountState.Active);

        await using (var session = Store.LightweightSession())
        {
            var account = await session.LoadAsync<Account>(invited.Id, TestContext.Current.CancellationToken);
            session.Store(account! with { State = AccountState.Revoked, RevokedAt = DateTimeOffset.UtcNow });
            await session.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        // The same cookie, the very next request.
        (await Me()).Status.ShouldBe(403);
        await Page.GotoAsync($"/student.html?id={invited.StudentId}");
        await Expect(Page.Locator("#no-access")).ToBeVisibleAsync();

        // Invited again (a revocation by mistake): the next sign-in binds the new invitation, the old one stays revoked.
        var again = invited with { Id = Guid.CreateVersion7(), State = AccountState.Invited, InvitedAt = DateTimeOffset.UtcNow };
        await using (var session = Store.LightweightSession())
        {
            session.Store(again);
            await session.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await SignOut();
        await SignInWith(invited.Email);
        await Expect(Page).ToHaveURLAsync(new Regex("/student\\.html\\?id="));
        (await LoadAsync(again.Id)).State.ShouldBe(AccountState.Active);
        (await LoadAsync(invited.Id)).State.ShouldBe(AccountState.Revoked);
    }

    [Fact]
    public async Task signing_out_ends_the_session()
    {
        await SignInAs("advisor", "Avery Chen");

        await SignOut();

        (await Me()).Status.ShouldBe(401);
        await Page.GotoAsync("/advisor.html");
        await Expect(Page).ToHaveURLAsync(new Regex("/\\?next=%2Fadvisor\\.html$"));
        await Expect(Page.Locator("#sign-in-link")).ToBeVisibleAsync();
        ConsoleErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_write_without_the_pages_antiforgery_token_is_refused()
    {
        await SignInAs("advisor", "Avery Chen");
        var student = (await DemoIdentities()).First(i => i.Role == "student" && i.Description.EndsWith("advisor Avery Chen", StringComparison.Ordinal));
        const string body = """{"organization":"Lakeside Clinic","setting":"hospital","hours":4,"startedOn":"2026-01-05","endedOn":"2026-01-05"}""";

        // What another site's script or form could send along with the cookie: refused before any work.
        var forged = await Page.EvaluateAsync<int>($$"""
            async () => (await fetch('/api/students/{{student.Id}}/volunteering', {
              method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{{body}}' })).status
            """);
        forged.ShouldBe(403);

        // The page's own write, with the token from /auth/csrf, goes through.
        var own = await Page.EvaluateAsync<int>($$"""
            async () => {
              const token = (await (await fetch('/auth/csrf')).json()).token;
              return (await fetch('/api/students/{{student.Id}}/volunteering', {
                method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': token }, body: '{{body.Replace("clinic", "outpatient")}}' })).status;
            }
            """);
        own.ShouldBe(201);

        // A read another site makes the browser send (a link, an image) is marked cross-site by the browser: refused,
        // so nobody can make the advisor's session log reads of records they did not open.
        var crossSite = await Page.APIRequest.GetAsync($"/api/students/{student.Id}/timeline",
            new() { Headers = new Dictionary<string, string> { ["Sec-Fetch-Site"] = "cross-site" } });
        crossSite.Status.ShouldBe(403);
        var sameSite = await Page.APIRequest.GetAsync($"/api/students/{student.Id}/timeline",
            new() { Headers = new Dictionary<string, string> { ["Sec-Fetch-Site"] = "same-origin" } });
        sameSite.Status.ShouldBe(200);
    }

    [Fact]
    public async Task a_crafted_return_address_cannot_send_the_person_to_another_site()
    {
        var email = await EmailOf("advisor", "Avery Chen");
        await Page.GotoAsync("/auth/sign-in?returnUrl=%2F%5Cevil.example%2Fphish");
        await Page.Locator("input[name=login]").FillAsync(email);
        await Page.Locator("input[name=password]").FillAsync("any password");
        await Page.Locator("button[type=submit]").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/advisor\\.html$"));
        new Uri(Page.Url).Host.ShouldBe(Address.Host);
    }

    private IDocumentStore Store => AppServices.GetRequiredService<IDocumentStore>();

    private async Task<(int Status, string Body)> Me()
    {
        var answer = await Page.EvaluateAsync<string[]>("async () => { const r = await fetch('/api/me'); return [String(r.status), await r.text()]; }");
        return (int.Parse(answer[0], System.Globalization.CultureInfo.InvariantCulture), answer[1]);
    }

    /// <summary>A new student of the demo's first advisor, with an invitation to this e-mail.</summary>
    private async Task<Account> InviteStudentAsync(string email)
    {
        var advisor = (await DemoIdentities()).First(i => i.Role == "advisor");
        var studentId = Guid.CreateVersion7();
        var account = new Account
        {
            Id = Guid.CreateVersion7(), Email = Account.NormalizeEmail(email), Role = Roles.Student, StudentId = studentId,
            State = AccountState.Invited, InvitedBy = "signing-in-test", InvitedAt = DateTimeOffset.UtcNow,
        };
        await using var session = Store.LightweightSession();
        session.Events.StartStream<Student>(studentId, new RegisterStudent("Test Student", email, Guid.Parse(advisor.Id), null)
            .Decide(studentId, new Caller("signing-in-test", Roles.Admin), DateOnly.FromDateTime(DateTime.UtcNow)));
        session.Store(account);
        await session.SaveChangesAsync();
        return account;
    }

    private async Task<Account> AccountOf(string email)
    {
        await using var session = Store.QuerySession();
        return await session.Query<Account>().SingleAsync(a => a.Email == email);
    }

    /// <summary>The security log's rows of one account (or of none), as (kind, the whole row as text).</summary>
    private async Task<List<(string Kind, string Row)>> SecurityLogRows(Guid? accountId)
    {
        var source = AppServices.GetRequiredService<Npgsql.NpgsqlDataSource>();
        await using var command = source.CreateCommand(
            $"select kind, t::text from {Store.Options.DatabaseSchemaName}.{ProgressTracker.Infrastructure.Security.SecurityLogging.TableName} t " +
            "where account_id is not distinct from $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = accountId is { } id ? id : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        await using var reader = await command.ExecuteReaderAsync();
        List<(string, string)> rows = [];
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1)));
        return rows;
    }

    private async Task<Account> LoadAsync(Guid id)
    {
        await using var session = Store.QuerySession();
        return (await session.LoadAsync<Account>(id))!;
    }
}
