using JasperFx.CommandLine;

namespace ProgressTracker.Infrastructure;

public sealed class TokenInput : NetCoreInput
{
    [Description("admin, advisor, college or student")]
    public string RoleFlag { get; set; } = Roles.Admin;

    [Description("The advisor's id (role advisor)")]
    public Guid? AdvisorIdFlag { get; set; }

    [Description("The college's id (role college)")]
    public Guid? CollegeIdFlag { get; set; }

    [Description("The student's id (role student)")]
    public Guid? StudentIdFlag { get; set; }

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
        var (claim, id) = input.RoleFlag switch
        {
            Roles.Advisor => ("advisor_id", input.AdvisorIdFlag),
            Roles.College => ("college_id", input.CollegeIdFlag),
            Roles.Student => ("student_id", input.StudentIdFlag),
            Roles.Admin => ((string?)null, (Guid?)null),
            _ => throw new ArgumentException($"Unknown role '{input.RoleFlag}': use admin, advisor, college or student."),
        };
        if (claim is not null && id is null) throw new ArgumentException($"Role {input.RoleFlag} needs --{claim.Replace('_', '-')}.");

        var scope = claim is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [claim] = id!.Value.ToString() };
        var subject = input.SubjectFlag ?? (id is null ? input.RoleFlag : $"{input.RoleFlag}-{id}");
        Console.WriteLine(DevelopmentTokens.Create(auth, subject, input.RoleFlag, scope, TimeSpan.FromHours(input.HoursFlag)));
        return true;
    }
}
