using JasperFx.CommandLine;
using Marten;
using Spectre.Console;

namespace ProgressTracker.Students.Imports;

public sealed class ImportInput : NetCoreInput
{
    [Description("The CSV file to import")]
    public string File { get; set; } = "";

    [Description("The college the roster belongs to")]
    public Guid CollegeFlag { get; set; }

    [Description("students, enrollments, course-completions, withdrawals, degrees, exam-attempts, job-placements or term-registrations")]
    public string KindFlag { get; set; } = "";
}

/// <summary>`dotnet run -- import FILE --college ID --kind KIND`: imports in this process, with a live progress bar.</summary>
[Description("Import a roster CSV for a college, showing progress", Name = "import")]
public sealed class ImportCommand : JasperFxAsyncCommand<ImportInput>
{
    public override async Task<bool> Execute(ImportInput input)
    {
        if (!ImportKind.All.TryGetValue(input.KindFlag, out var kind))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]--kind must be one of: {string.Join(", ", ImportKind.All.Keys)}[/]");
            return false;
        }

        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var importer = host.Services.GetRequiredService<RosterImporter>();
        var maxRows = host.Services.GetRequiredService<ImportOptions>().MaxRows;
        var csv = await System.IO.File.ReadAllTextAsync(input.File);
        var shape = RowReader.Scan(csv, maxRows);
        if (RowReader.CheckHeader(kind, shape.Header) is { Count: > 0 } problems)
        {
            foreach (var problem in problems) AnsiConsole.MarkupLineInterpolated($"[red]{problem}[/]");
            return false;
        }
        if (shape.Rows > maxRows)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]The file has more than {maxRows:N0} rows (Imports:MaxRows); split it.[/]");
            return false;
        }

        var import = new RosterImport
        {
            Id = Guid.CreateVersion7(), CollegeId = input.CollegeFlag, Kind = kind.Name, Total = shape.Rows,
            RequestedBy = "cli", RequestedByRole = Infrastructure.Roles.Admin, RequestedAt = DateTimeOffset.UtcNow,
        };
        await using (var session = store.LightweightSession())
        {
            if (await OneImportPerCollege.ClaimAsync(session, import.CollegeId, import.Id, CancellationToken.None) is not null)
            {
                AnsiConsole.MarkupLine("[red]This college has an import queued or running (import-running); try again when it has finished.[/]");
                return false;
            }
            session.Store(import);
            session.Store(new ImportFile(import.Id, csv));
            await session.SaveChangesAsync();
        }

        var last = import;
        await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var bar = ctx.AddTask($"Importing {kind.Name}", maxValue: Math.Max(1, shape.Rows));
            await importer.RunAsync(import.Id, progress => { last = progress; bar.Value = progress.Processed; }, CancellationToken.None);
            bar.Value = bar.MaxValue;
        });

        AnsiConsole.MarkupLineInterpolated(
            $"{last.State}: {last.Total} rows, [green]{last.Applied} applied[/], {last.Skipped} skipped, [red]{last.Failed} failed[/]. Import {last.Id}.");
        await using (var query = store.QuerySession())
        {
            var errors = await query.Query<ImportErrorRow>().Where(e => e.ImportId == last.Id).OrderBy(e => e.Id).Take(20).ToListAsync();
            foreach (var error in errors) AnsiConsole.MarkupLineInterpolated($"  row {error.Row}, {error.Column}: {error.Message}");
        }
        return last.State == ImportState.Completed;
    }
}
