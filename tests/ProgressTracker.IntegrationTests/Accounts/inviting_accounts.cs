using System.Net;
using System.Net.Http.Json;
using ProgressTracker.Accounts;
using ProgressTracker.IntegrationTests.Infrastructure;
using static ProgressTracker.IntegrationTests.Accounts.AccountScenarios;

namespace ProgressTracker.IntegrationTests.Accounts;

public sealed class inviting_accounts(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task an_admin_invites_each_role_with_its_scope_and_the_account_is_listed_as_invited()
    {
        var advisorId = await Host.RegisterAdvisor();
        var collegeId = await Host.RegisterCollege();
        var studentId = await Host.RegisterStudent(advisorId);

        var admin = await Host.Invite(new { email = "Root@Admins.Example.EDU", role = "admin" });
        var advisor = await Host.Invite(new { email = Email(), role = "advisor", advisorId });
        var staff = await Host.Invite(new { email = Email(), role = "college", collegeId });
        var student = await Host.Invite(new { email = Email(), role = "student", studentId });

        var accounts = await Host.Accounts();
        accounts.Count.ShouldBe(4);
        var first = accounts.WithId(admin)!;
        first["email"]!.GetValue<string>().ShouldBe("root@admins.example.edu");
        first["role"]!.GetValue<string>().ShouldBe("admin");
        first["state"]!.GetValue<string>().ShouldBe("invited");
        first["invitedAt"].ShouldNotBeNull();
        first["lastSignInAt"].ShouldBeNull();
        accounts.WithId(advisor)!["advisorId"]!.GetValue<Guid>().ShouldBe(advisorId);
        accounts.WithId(staff)!["collegeId"]!.GetValue<Guid>().ShouldBe(collegeId);
        accounts.WithId(student)!["studentId"]!.GetValue<Guid>().ShouldBe(studentId);
        accounts.WithId(student)!["collegeId"].ShouldBeNull();

        (await Host.Accounts(query: "?role=advisor")).Ids().ShouldBe([advisor]);
    }

    [Fact]
    public async Task advisors_and_students_may_not_invite_list_or_revoke()
    {
        var advisorId = await Host.RegisterAdvisor();
        var studentId = await Host.RegisterStudent(advisorId);
        var account = await Host.Invite(new { email = Email(), role = "student", studentId });

        foreach (var token in new[] { Identities.Advisor(advisorId), Identities.Student(studentId) })
        {
            await Host.Reject("/api/accounts", new { email = Email(), role = "student", studentId }, 403, token);
            await Host.Scenario(x => { x.As(token); x.Get.Url("/api/accounts"); x.StatusCodeShouldBe(403); });
            (await Host.Revoke(account, token)).ShouldBe(403);
        }
        await Host.Scenario(x => { x.Get.Url("/api/accounts"); x.StatusCodeShouldBe(401); });
        (await Host.Accounts()).Single()!["state"]!.GetValue<string>().ShouldBe("invited");
    }

    [Theory]
    [InlineData("""{"email":"not-an-email","role":"admin"}""", "email")]
    [InlineData("""{"email":"a@b.edu"}""", "role")]
    [InlineData("""{"email":"a@b.edu","role":"janitor"}""", "role")]
    [InlineData("""{"email":"a@b.edu","role":"advisor"}""", "advisorId")]
    [InlineData("""{"email":"a@b.edu","role":"college"}""", "collegeId")]
    [InlineData("""{"email":"a@b.edu","role":"student"}""", "studentId")]
    [InlineData("""{"email":"a@b.edu","role":"admin","studentId":"0193c4a1-0000-7000-8000-000000000001"}""", "studentId")]
    [InlineData("""{"email":"a@b.edu","role":"advisor","advisorId":"0193c4a1-0000-7000-8000-000000000001","collegeId":"0193c4a1-0000-7000-8000-000000000002"}""", "collegeId")]
    [InlineData("""{"email":"a@b.edu","role":"advisor","advisorId":"not-a-guid"}""", "advisorId")]
    public async Task a_bad_invitation_is_a_400_naming_the_field_and_creates_nothing(string body, string field)
    {
        var problem = await Host.Reject("/api/accounts", body, 400, contentType: "application/json");

        problem["errors"]!.AsObject().Select(e => e.Key.TrimStart('$', '.')).ShouldContain(field);
        (await Host.Accounts()).ShouldBeEmpty();
    }

    [Fact]
    public async Task an_unknown_scope_id_is_a_404()
    {
        var unknown = Guid.CreateVersion7();
        await Host.Reject("/api/accounts", new { email = Email(), role = "advisor", advisorId = unknown }, 404);
        await Host.Reject("/api/accounts", new { email = Email(), role = "college", collegeId = unknown }, 404);
        await Host.Reject("/api/accounts", new { email = Email(), role = "student", studentId = unknown }, 404);
        (await Host.Accounts()).ShouldBeEmpty();
    }

    [Fact]
    public async Task an_email_with_an_open_account_is_a_409_until_that_account_is_revoked()
    {
        var collegeId = await Host.RegisterCollege();
        var first = await Host.Invite(new { email = "sam@college.example.edu", role = "college", collegeId });

        var problem = await Host.Reject("/api/accounts", new { email = "SAM@College.Example.edu", role = "admin" }, 409);
        problem["rule"]!.GetValue<string>().ShouldBe("account-exists");

        (await Host.Revoke(first)).ShouldBe(204);
        var second = await Host.Invite(new { email = "sam@college.example.edu", role = "admin" });
        second.ShouldNotBe(first);
        (await Host.Accounts()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task simultaneous_invitations_of_one_email_create_one_account()
    {
        var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Identities.Admin);
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            client.PostAsJsonAsync("/api/accounts", new { email = "race@college.example.edu", role = "admin" })));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).ShouldBe(5);
        (await Host.Accounts()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task the_database_refuses_a_second_open_account_for_an_email()
    {
        var ct = TestContext.Current.CancellationToken;
        await Host.Invite(new { email = "twice@college.example.edu", role = "admin" });

        await using var session = Store.LightweightSession();
        session.Insert(new Account { Id = Guid.CreateVersion7(), Email = "twice@college.example.edu", Role = "admin", State = AccountState.Active });
        await Should.ThrowAsync<Exception>(() => session.SaveChangesAsync(ct));

        // A revoked one beside it is history, not a conflict.
        await using var other = Store.LightweightSession();
        other.Insert(new Account { Id = Guid.CreateVersion7(), Email = "twice@college.example.edu", Role = "admin", State = AccountState.Revoked });
        await other.SaveChangesAsync(ct);
    }

    [Fact]
    public async Task a_repeated_invitation_with_the_same_idempotency_key_answers_the_first_id()
    {
        var body = new { email = Email(), role = "admin" };
        var ids = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            var result = await Host.Scenario(x =>
            {
                x.As(Identities.Admin);
                x.Post.Json(body).ToUrl("/api/accounts");
                x.WithRequestHeader("Idempotency-Key", "invite-1");
                x.StatusCodeShouldBe(201);
            });
            ids.Add((await result.ReadAsJsonAsync<ProgressTracker.Infrastructure.Created>())!.Id);
        }
        ids.Distinct().Count().ShouldBe(1);
        (await Host.Accounts()).Count.ShouldBe(1);
    }
}
