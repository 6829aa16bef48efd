namespace ProgressTracker.Students.Imports;

/// <summary>Runs imports from the durable local queue: an import accepted before a restart finishes after it.</summary>
public static class ProcessImportHandler
{
    public static Task Handle(ProcessImport message, RosterImporter importer, CancellationToken cancellation) =>
        importer.RunAsync(message.ImportId, progress: null, cancellation);
}
