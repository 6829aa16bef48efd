using JasperFx.CommandLine;

namespace ProgressTracker.Infrastructure;

public sealed class TokenInput : RoleScopeInput
{
    [Description("The token's subject; defaults to the role and its id")]
    public string? SubjectFlag { get; set; }

    [Description("Hours until it expires")]
    public int HoursFlag { get; set; } = 8;
}

/// <summary>`dotnet run -- token --role advisor --advisor-id ID`: a development token signed with Auth:SigningKey.</summary>
[Description("Print a development bearer token for a role", Name = "token")]
public sealed class TokenCommand : JasperFxCommand<TokenInput>
{
    public override bool Execute(TokenInput input)
    {
        var auth = input.BuildHost().Services.GetRequiredService<AuthOptions>();
        var (claim, id) = input.Scope();

        var scope = claim is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [claim] = id!.Value.ToString() };
        var subject = input.SubjectFlag ?? (id is null ? input.RoleFlag : $"{input.RoleFlag}-{id}");
        Console.WriteLine(DevelopmentTokens.Create(auth, subject, input.RoleFlag, scope, TimeSpan.FromHours(input.HoursFlag)));
        return true;
    }
}
