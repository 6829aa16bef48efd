using JasperFx.CommandLine;
using Marten;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Accounts;

public sealed class InviteInput : RoleScopeInput
{
    [Description("The e-mail the person's identity provider vouches for")]
    public string EmailFlag { get; set; } = "";
}

/// <summary>
/// `dotnet run -- invite --email it@college.edu --role admin`: an operator's way to invite the first administrator
/// of a new deployment (everyone after that is invited on the admin page). Bound on that person's first sign-in.
/// </summary>
[Description("Invite a person by e-mail (the first admin of a deployment)", Name = "invite")]
public sealed class InviteCommand : JasperFxAsyncCommand<InviteInput>
{
    public override async Task<bool> Execute(InviteInput input)
    {
        if (string.IsNullOrWhiteSpace(input.EmailFlag) || !input.EmailFlag.Contains('@'))
            throw new ArgumentException("Give the person's e-mail with --email.");
        var (claim, id) = input.Scope();

        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession();
        var email = Account.NormalizeEmail(input.EmailFlag);
        if (await session.Query<Account>().AnyAsync(a => a.Email == email && a.State != AccountState.Revoked))
        {
            Console.WriteLine($"An account for {email} exists already.");
            return false;
        }
        var account = new Account
        {
            Id = Guid.CreateVersion7(), Email = email, Role = input.RoleFlag,
            AdvisorId = claim == "advisor_id" ? id : null, CollegeId = claim == "college_id" ? id : null,
            StudentId = claim == "student_id" ? id : null, State = AccountState.Invited, InvitedBy = "invite-command", InvitedAt = DateTimeOffset.UtcNow,
        };
        session.Store(account);
        await session.SaveChangesAsync();
        Console.WriteLine($"Invited {email} as {input.RoleFlag} (account {account.Id}): bound on their first sign-in.");
        return true;
    }
}
