using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProgressTracker.Infrastructure;
using Wolverine.Http;

namespace ProgressTracker.Colleges;

public sealed record AccreditationPeriod(string? Body, DateOnly? From, DateOnly? To)
{
    public static readonly AbstractValidator<AccreditationPeriod> Rules = new Validator();

    private sealed class Validator : AbstractValidator<AccreditationPeriod>
    {
        public Validator()
        {
            RuleFor(x => x.Body).RequiredText(40);
            RuleFor(x => x.From).NotNull();
            RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.To is not null && x.From is not null)
                .WithMessage("'to' cannot precede 'from'.");
        }
    }

    public Accreditation ToAccreditation(DateTimeOffset recordedAt) => new(Body!.Trim(), From!.Value, To) { RecordedAt = recordedAt };
}

public sealed record AddProgram(
    string? Name, Award? Award, int? NormalDurationMonths, IReadOnlyList<CourseCategory>? RequiredCategories,
    IReadOnlyList<AccreditationPeriod>? Accreditations)
{
    public static readonly AbstractValidator<AddProgram> Rules = new Validator();

    private sealed class Validator : AbstractValidator<AddProgram>
    {
        public Validator()
        {
            RuleFor(x => x.Name).RequiredText(200);
            RuleFor(x => x.Award).NotNull();
            RuleFor(x => x.NormalDurationMonths).NotNull().InclusiveBetween(6, 72);
            RuleFor(x => x.RequiredCategories).NotEmpty();
            RuleForEach(x => x.Accreditations).SetValidator(AccreditationPeriod.Rules);
        }
    }

    public AcademicProgram Decide(Guid programId, Guid collegeId, DateTimeOffset recordedAt) => new(
        programId, collegeId, Name!.Trim(), Award!.Value, NormalDurationMonths!.Value,
        [.. RequiredCategories!.Distinct()], [.. (Accreditations ?? []).Select(a => a.ToAccreditation(recordedAt))]);
}

public static class AddProgramEndpoint
{
    public static ProblemDetails Validate(AddProgram command, TimeProvider clock) =>
        Validation.Check(AddProgram.Rules, command, clock);

    [Authorize(Policy = Policies.Admin)]
    [WolverinePost("/api/colleges/{collegeId}/programs", Name = "AddProgram")]
    [Tags("Reference data")]
    [ProducesResponseType<Created>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(Guid collegeId, AddProgram command, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        if (await session.LoadAsync<College>(collegeId, http.RequestAborted) is null)
            return Problems.NotFound("college", collegeId);

        var program = command.Decide(Guid.CreateVersion7(), collegeId, clock.GetUtcNow());
        session.Insert(program);
        return new Answer(StatusCodes.Status201Created, $"/api/colleges/{collegeId}/programs", new Created(program.Id));
    }
}
