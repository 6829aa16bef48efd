using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students;
using Wolverine.Http;

namespace ProgressTracker.Accounts;

/// <summary>An invitation: the account is bound on the first sign-in whose verified e-mail matches.</summary>
public sealed record InviteAccount(string? Email, string? Role, Guid? AdvisorId, Guid? CollegeId, Guid? StudentId)
{
    public static readonly AbstractValidator<InviteAccount> Rules = new Validator();

    private static readonly string[] KnownRoles = [Roles.Admin, Roles.Advisor, Roles.College, Roles.Student];

    private sealed class Validator : AbstractValidator<InviteAccount>
    {
        public Validator()
        {
            RuleFor(x => x.Email).RequiredEmail();
            RuleFor(x => x.Role).NotEmpty().Must(r => KnownRoles.Contains(r))
                .WithMessage("'role' must be one of admin, advisor, college, student.");
            // Each role carries exactly the scope id of that role and no other (admin: none).
            ScopeId(x => x.AdvisorId, Roles.Advisor);
            ScopeId(x => x.CollegeId, Roles.College);
            ScopeId(x => x.StudentId, Roles.Student);
        }

        private void ScopeId(System.Linq.Expressions.Expression<Func<InviteAccount, Guid?>> id, string role)
        {
            RuleFor(id).NotNull().When(x => x.Role == role).WithMessage($"'{{PropertyName}}' is required for the role {role}.");
            RuleFor(id).Null().When(x => x.Role != role && KnownRoles.Contains(x.Role))
                .WithMessage("'{PropertyName}' does not belong to this role.");
        }
    }
}

public static class InviteAccountEndpoint
{
    /// <summary>The partial unique index of AccountsConfiguration: one open (invited or active) account per e-mail.</summary>
    public const string OpenEmailIndex = "mt_doc_account_uidx_open_email";

    public static ProblemDetails Validate(InviteAccount command, TimeProvider clock) =>
        Validation.Check(InviteAccount.Rules, command, clock);

    [Authorize(Policy = Policies.AccountManagers)]
    [WolverinePost("/api/accounts", Name = "InviteAccount")]
    [Tags("Accounts")]
    [ProducesResponseType<Created>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(InviteAccount command, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        var caller = Caller.From(http.User);
        var role = command.Role!;
        if (!caller.IsAdmin && role is Roles.Admin or Roles.Advisor)
            return Problems.Forbidden("inviting administrators or advisors");
        if (!await AccountScope.ManagesAsync(caller, role, command.CollegeId, command.StudentId, session, http, ct))
        {
            // Another college's staff, or a student who is not at the caller's college: as if unknown.
            http.MarkRefused("account-scope");
            return command.StudentId is { } studentId ? Problems.NotFound("student", studentId) : Problems.NotFound("college", command.CollegeId!.Value);
        }
        if (await UnknownScope(command, session, ct) is { } unknown) return unknown;

        var email = Account.NormalizeEmail(command.Email!);
        // A college invites a student only at the e-mail on the student's record: otherwise its staff could invite
        // an address of their own and read the whole record as "the student". Admins may invite any address.
        if (!caller.IsAdmin && role == Roles.Student
            && Account.NormalizeEmail((await session.LoadAsync<Student>(command.StudentId!.Value, ct))!.Email) != email)
            return Problems.Validation("email", "A college invites a student at the e-mail address on the student's record.");
        // The state is compared here, not in SQL: one e-mail has few accounts, and LINQ's enum-as-string need not
        // match the stored kebab-case value.
        if ((await session.Query<Account>().Where(a => a.Email == email).ToListAsync(ct)).Any(a => a.State != AccountState.Revoked))
            return AccountExists();

        var account = new Account
        {
            Id = Guid.CreateVersion7(),
            Email = email,
            Role = role,
            AdvisorId = command.AdvisorId,
            CollegeId = command.CollegeId,
            StudentId = command.StudentId,
            State = AccountState.Invited,
            InvitedBy = caller.Subject,
            InvitedAt = clock.GetUtcNow(),
        };
        session.Insert(account);
        return new Answer(StatusCodes.Status201Created, "/api/accounts", new Created(account.Id));
    }

    /// <summary>
    /// The database's unique index is the judge of two invitations of one e-mail racing each other: its refusal of
    /// Wolverine's commit (inside this handler's try) becomes the 409.
    /// </summary>
    public static IResult OnException(Exception e)
    {
        if (!IsOpenEmailConflict(e)) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
        return AccountExists();
    }

    private static async Task<IResult?> UnknownScope(InviteAccount command, IQuerySession session, CancellationToken ct)
    {
        if (command.AdvisorId is { } advisorId && await session.LoadAsync<Advisor>(advisorId, ct) is null)
            return Problems.NotFound("advisor", advisorId);
        if (command.CollegeId is { } collegeId && await session.LoadAsync<College>(collegeId, ct) is null)
            return Problems.NotFound("college", collegeId);
        if (command.StudentId is { } studentId && await session.LoadAsync<Student>(studentId, ct) is null)
            return Problems.NotFound("student", studentId);
        return null;
    }

    private static IResult AccountExists() =>
        Problems.Rule("account-exists", "This e-mail address already has an invited or active account; revoke it first.");

    private static bool IsOpenEmailConflict(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: OpenEmailIndex }) return true;
        }
        return false;
    }
}
