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

    /// <summary>
    /// A CSV written to the response as the rows arrive (a query read as a stream), never held whole.
    /// <paramref name="rows"/> carries the request's cancellation.
    /// </summary>
    public static IResult Stream<T>(IAsyncEnumerable<T> rows, string fileName) =>
        Results.Stream(async body =>
        {
            await using var csv = CsvWriter.Create(body, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
            await csv.WriteRecordsAsync(rows);
        }, "text/csv; charset=utf-8", fileName);
}
