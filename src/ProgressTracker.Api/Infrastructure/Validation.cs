using System.Runtime.CompilerServices;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// Shape rules (FluentValidation) run before an endpoint; a failure is a 400 with one entry per JSON field.
/// State rules are not here: they are pure decision functions answering 409.
/// </summary>
public static class Validation
{
    private const string TodayKey = "today";

#pragma warning disable CA2255 // This is the application assembly: error keys must be camelCase before any validator is built.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UseJsonFieldNames()
    {
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
            member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
    }

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Runs <paramref name="validator"/>; the result plugs into Wolverine's <c>Validate</c> convention.</summary>
    public static ProblemDetails Check<T>(IValidator<T> validator, T command, TimeProvider clock)
    {
        if (command is null) return Problems.ValidationDetails(new Dictionary<string, string[]> { ["body"] = ["A JSON body is required."] });

        var errors = Errors(validator, command, clock.Today());
        return errors.Count == 0 ? WolverineContinue.NoProblems : Problems.ValidationDetails(errors);
    }

    /// <summary>The shape errors of a command, by JSON field name; empty when it is valid.</summary>
    public static Dictionary<string, string[]> Errors<T>(IValidator<T> validator, T command, DateOnly today)
    {
        var context = new ValidationContext<T>(command);
        context.RootContextData[TodayKey] = today;
        return validator.Validate(context).Errors
            .GroupBy(e => e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
    }

    /// <summary>A milestone cannot be dated in the future (domain.md rule 5); "today" is the server's UTC date.</summary>
    public static IRuleBuilderOptions<T, DateOnly?> NotInFuture<T>(this IRuleBuilder<T, DateOnly?> rule) =>
        rule.Must((_, date, ctx) => date is null || date <= (DateOnly)ctx.RootContextData[TodayKey])
            .WithMessage("'{PropertyName}' cannot be in the future.");

    /// <summary>The server's UTC date the validation runs on, for rules beyond <see cref="NotInFuture"/>.</summary>
    public static DateOnly TodayOf<T>(ValidationContext<T> context) => (DateOnly)context.RootContextData[TodayKey];

    public static IRuleBuilderOptions<T, DateOnly?> RequiredDate<T>(this IRuleBuilder<T, DateOnly?> rule) =>
        rule.NotNull().WithMessage("'{PropertyName}' is required (yyyy-MM-dd).").NotInFuture();

    /// <summary>One address: no spaces, one '@', a dot in the domain. (FluentValidation's own check only wants an '@'.)</summary>
    public static IRuleBuilderOptions<T, string?> RequiredEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(254).Matches(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")
            .WithMessage("'{PropertyName}' must be one e-mail address, like name@college.edu.");

    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.NotEmpty().MaximumLength(maxLength);
}
