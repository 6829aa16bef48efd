using ProgressTracker.IntegrationTests.Infrastructure;
using static ProgressTracker.IntegrationTests.Accounts.AccountScenarios;

namespace ProgressTracker.IntegrationTests.Accounts;

/// <summary>A college manages the accounts of its own staff and students, and sees no other account.</summary>
public sealed class college_accounts(AppFixture fixture) : IntegrationContext(fixture)
{
    private Guid _lakeside, _hillcrest, _advisor, _lakesideStudent, _hillcrestStudent, _lakesideProgram;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _lakeside = await Host.RegisterCollege();
        _hillcrest = await Host.RegisterCollege("Hillcrest Technical College");
        _advisor = await Host.RegisterAdvisor();
        _lakesideStudent = await Host.RegisterStudent(_advisor);
        _hillcrestStudent = await Host.RegisterStudent(_advisor);
        _lakesideProgram = await Host.AddProgram(_lakeside);
        await Host.Enroll(_lakesideStudent, _lakesideProgram);
        await Host.Enroll(_hillcrestStudent, await Host.AddProgram(_hillcrest));
        // The college's list finds enrolled students through the report rows (async daemon).
        await Marten.Events.TestingExtensions.WaitForNonStaleProjectionDataAsync(Host, TimeSpan.FromSeconds(30));
    }

    private string Lakeside => Identities.College(_lakeside);

    [Fact]
    public async Task a_college_invites_its_own_staff_and_its_own_students()
    {
        var staff = await Host.Invite(new { email = Email(), role = "college", collegeId = _lakeside }, Lakeside);
        var student = await Host.Invite(new { email = await EmailOf(_lakesideStudent), role = "student", studentId = _lakesideStudent }, Lakeside);

        (await Host.Accounts(Lakeside)).Ids().ShouldBe([staff, student], ignoreOrder: true);
    }

    [Fact]
    public async Task a_college_invites_a_student_only_at_the_email_on_their_record()
    {
        // Otherwise its staff could invite an address of their own and read the whole record as the student.
        await Host.Reject("/api/accounts", new { email = Email(), role = "student", studentId = _lakesideStudent }, 400, Lakeside);
        (await Host.Accounts()).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_colleges_rights_over_a_students_account_end_with_its_access_to_the_student()
    {
        var account = await Host.Invite(new { email = Email(), role = "student", studentId = _lakesideStudent });
        var yesterday = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await Host.Record(_lakesideStudent, "withdrawals", new { programId = _lakesideProgram, withdrawnOn = yesterday, reason = "personal" });
        (await Host.Accounts(Lakeside)).Ids().ShouldContain(account);

        // Thirteen months on the college no longer serves the student (Access:CollegeMonthsAfterEnrollment, 12): it
        // neither sees nor manages their account, as for a student it never had.
        Clock.Advance(TimeSpan.FromDays(395));
        (await Host.Accounts(Lakeside)).Ids().ShouldNotContain(account);
        await Host.Scenario(x =>
        {
            x.As(Lakeside);
            x.Delete.Url($"/api/accounts/{account}");
            x.StatusCodeShouldBe(404);
        });
        await Host.Reject("/api/accounts", new { email = await EmailOf(_lakesideStudent), role = "student", studentId = _lakesideStudent }, 404, Lakeside);
    }

    private async Task<string> EmailOf(Guid studentId)
    {
        await using var session = Store.QuerySession();
        return (await session.LoadAsync<ProgressTracker.Students.Student>(studentId, TestContext.Current.CancellationToken))!.Email;
    }

    [Fact]
    public async Task another_colleges_staff_or_student_is_a_404_as_if_unknown()
    {
        await Host.Reject("/api/accounts", new { email = Email(), role = "college", collegeId = _hillcrest }, 404, Lakeside);
        await Host.Reject("/api/accounts", new { email = Email(), role = "student", studentId = _hillcrestStudent }, 404, Lakeside);
        // A student linked to no college at all, and one that does not exist, answer alike.
        var unlinked = await Host.RegisterStudent(_advisor);
        var unknownAnswer = await Host.Reject("/api/accounts", new { email = Email(), role = "student", studentId = Guid.CreateVersion7() }, 404, Lakeside);
        var unlinkedAnswer = await Host.Reject("/api/accounts", new { email = Email(), role = "student", studentId = unlinked }, 404, Lakeside);
        unlinkedAnswer["title"]!.GetValue<string>().ShouldBe(unknownAnswer["title"]!.GetValue<string>());

        (await Host.Accounts()).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_college_may_not_invite_admins_or_advisors()
    {
        await Host.Reject("/api/accounts", new { email = Email(), role = "admin" }, 403, Lakeside);
        await Host.Reject("/api/accounts", new { email = Email(), role = "advisor", advisorId = _advisor }, 403, Lakeside);
        (await Host.Accounts()).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_college_lists_only_the_accounts_within_its_scope()
    {
        var lakesideStaff = await Host.Invite(new { email = Email(), role = "college", collegeId = _lakeside });
        var lakesideStudent = await Host.Invite(new { email = Email(), role = "student", studentId = _lakesideStudent });
        await Host.Invite(new { email = Email(), role = "college", collegeId = _hillcrest });
        await Host.Invite(new { email = Email(), role = "student", studentId = _hillcrestStudent });
        await Host.Invite(new { email = Email(), role = "advisor", advisorId = _advisor });
        await Host.Invite(new { email = Email(), role = "admin" });

        (await Host.Accounts(Lakeside)).Ids().ShouldBe([lakesideStaff, lakesideStudent], ignoreOrder: true);
        (await Host.Accounts(Lakeside, $"?collegeId={_lakeside}&role=student")).Ids().ShouldBe([lakesideStudent]);
        (await Host.Accounts(query: $"?collegeId={_lakeside}")).Ids().ShouldBe([lakesideStaff, lakesideStudent], ignoreOrder: true);
        (await Host.Accounts()).Count.ShouldBe(6);
        await Host.Scenario(x =>
        {
            x.As(Lakeside);
            x.Get.Url($"/api/accounts?collegeId={_hillcrest}");
            x.StatusCodeShouldBe(404);
        });
    }

    [Fact]
    public async Task a_college_revokes_accounts_within_its_scope_only()
    {
        var ownStudent = await Host.Invite(new { email = Email(), role = "student", studentId = _lakesideStudent });
        var otherStaff = await Host.Invite(new { email = Email(), role = "college", collegeId = _hillcrest });
        var advisor = await Host.Invite(new { email = Email(), role = "advisor", advisorId = _advisor });

        (await Host.Revoke(otherStaff, Lakeside)).ShouldBe(404);
        (await Host.Revoke(advisor, Lakeside)).ShouldBe(404);
        (await Host.Revoke(Guid.CreateVersion7(), Lakeside)).ShouldBe(404);
        (await Host.Revoke(ownStudent, Lakeside)).ShouldBe(204);

        var all = await Host.Accounts();
        all.WithId(ownStudent)!["state"]!.GetValue<string>().ShouldBe("revoked");
        all.WithId(otherStaff)!["state"]!.GetValue<string>().ShouldBe("invited");
        all.WithId(advisor)!["state"]!.GetValue<string>().ShouldBe("invited");
    }
}
