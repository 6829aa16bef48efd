using CsvHelper;
using Marten;
using Wolverine.Attributes;

namespace ProgressTracker.Students.Imports;

public enum ImportState { Queued, Running, Completed, Failed }

/// <summary>A rejected row: numbered from 1 after the header, the column at fault (or "row"), and why.</summary>
[CsvRecord]
public sealed partial record ImportError(
    [property: CsvColumn("row")] int Row,
    [property: CsvColumn("column")] string Column,
    [property: CsvColumn("message")] string Message);

/// <summary>
/// A roster import and its progress. Progress is saved in the same transaction as each batch of appended
/// milestones, so after a restart the import resumes exactly where its last batch committed.
/// </summary>
public sealed record RosterImport
{
    public Guid Id { get; init; }
    public Guid CollegeId { get; init; }
    public string Kind { get; init; } = "";
    public ImportState State { get; init; }
    public int Total { get; init; }
    public int Processed { get; init; }
    public int Applied { get; init; }
    public int Failed { get; init; }

    /// <summary>Rows already applied by an earlier import (or earlier in this file): nothing appended twice.</summary>
    public int Skipped { get; init; }

    public string RequestedBy { get; init; } = "";
    public string RequestedByRole { get; init; } = "";
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}

/// <summary>
/// A rejected row's error, a document of its own written with the batch it belongs to, so a big file's errors are
/// appended, not rewritten. The id orders them: import, row, then the error's place in the row.
/// </summary>
public sealed record ImportErrorRow(string Id, Guid ImportId, int Row, string Column, string Message)
{
    public static ImportErrorRow Of(Guid importId, ImportError error, int index) =>
        new($"{importId:N}:{error.Row:D9}:{index:D4}", importId, error.Row, error.Column, error.Message);
}

/// <summary>The uploaded CSV, kept until the import has run, so a restart can finish it.</summary>
public sealed record ImportFile(Guid Id, string Csv);

/// <summary>
/// Runs an import in the background (durable local queue: survives a restart). Its stored name is the one it had in
/// Colleges/Imports, so an import queued before the folder moved still runs after.
/// </summary>
[MessageIdentity("ProgressTracker.Colleges.Imports.ProcessImport")]
public sealed record ProcessImport(Guid ImportId);

/// <summary>The "Imports" settings.</summary>
public sealed class ImportOptions
{
    /// <summary>Rows per file: a large college's term fits; more is refused (413) before anything is queued.</summary>
    public int MaxRows { get; set; } = 100_000;
}

public static class ImportsConfiguration
{
    public static void ConfigureImports(this StoreOptions opts)
    {
        opts.Schema.For<RosterImport>().Index(x => x.CollegeId);
        opts.Schema.For<ImportErrorRow>().Duplicate(x => x.ImportId);
    }

    public static void AddImports(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Imports").Get<ImportOptions>() ?? new ImportOptions());
        builder.Services.AddExceptionHandler<ImportRunningConflict>();
    }
}
