using CsvHelper;

namespace ProgressTracker.Infrastructure;

/// <summary>CSV answers (CsvHelper): RFC 4180, invariant culture, spreadsheet formula injection escaped.</summary>
public static class CsvFiles
{
    /// <summary>A CSV of a <c>[CsvRecord]</c> type; its column names are the JSON field names.</summary>
    public static IResult Csv<T>(IEnumerable<T> rows, string fileName)
    {
        var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteRecords(rows);
        }
        return Results.File(buffer.ToArray(), "text/csv; charset=utf-8", fileName);
    }
}
