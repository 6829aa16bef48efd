using CsvHelper;
using Marten;

namespace ProgressTracker.Colleges.Imports;

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
    public IReadOnlyList<ImportError> Errors { get; init; } = [];
}

/// <summary>The uploaded CSV, kept until the import has run, so a restart can finish it.</summary>
public sealed record ImportFile(Guid Id, string Csv);

/// <summary>Runs an import in the background (durable local queue: survives a restart).</summary>
public sealed record ProcessImport(Guid ImportId);

public static class ImportsConfiguration
{
    public static void ConfigureImports(this StoreOptions opts) =>
        opts.Schema.For<RosterImport>().Index(x => x.CollegeId);
}
