using JasperFx.CommandLine;

namespace ProgressTracker.Infrastructure;

/// <summary>The command-line flags of a role and the id of its scope, shared by the operator's commands (token, invite).</summary>
public class RoleScopeInput : NetCoreInput
{
    [Description("admin, advisor, college or student")]
    public string RoleFlag { get; set; } = Roles.Admin;

    [Description("The advisor's id (role advisor)")]
    public Guid? AdvisorIdFlag { get; set; }

    [Description("The college's id (role college)")]
    public Guid? CollegeIdFlag { get; set; }

    [Description("The student's id (role student)")]
    public Guid? StudentIdFlag { get; set; }

    /// <summary>The role's scope claim and id (none for admin); a missing or foreign id is refused with the reason.</summary>
    public (string? Claim, Guid? Id) Scope()
    {
        var (claim, id) = RoleFlag switch
        {
            Roles.Advisor => ("advisor_id", AdvisorIdFlag),
            Roles.College => ("college_id", CollegeIdFlag),
            Roles.Student => ("student_id", StudentIdFlag),
            Roles.Admin => ((string?)null, (Guid?)null),
            _ => throw new ArgumentException($"Unknown role '{RoleFlag}': use admin, advisor, college or student."),
        };
        if (claim is not null && id is null) throw new ArgumentException($"Role {RoleFlag} needs --{claim.Replace('_', '-')}.");
        var given = new[] { AdvisorIdFlag, CollegeIdFlag, StudentIdFlag }.Count(i => i is not null);
        if (given > (claim is null ? 0 : 1)) throw new ArgumentException($"Role {RoleFlag} takes only its own id.");
        return (claim, id);
    }
}
