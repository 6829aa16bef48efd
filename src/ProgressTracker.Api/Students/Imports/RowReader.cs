using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using ProgressTracker.Infrastructure;

namespace ProgressTracker.Students.Imports;

/// <summary>A data row of the CSV: its number (from 1 after the header) and its cells by column name.</summary>
public sealed record CsvRow(int Number, IReadOnlyDictionary<string, string> Cells)
{
    public string? this[string column] => Cells.TryGetValue(column, out var value) && value.Length > 0 ? value : null;
}

/// <summary>What a first pass over a file finds: its header and how many data rows it has (counted up to a limit).</summary>
public sealed record CsvShape(IReadOnlyList<string> Header, int Rows);

/// <summary>
/// Reads the CSV (CsvHelper) and turns a row into the command its route takes, with the route's own binding. A file is
/// counted once when it arrives (no cells kept) and read once, row by row, by the importer.
/// </summary>
public static class RowReader
{
    /// <summary>The header and the number of data rows, counting no further than one past <paramref name="maxRows"/>.</summary>
    public static CsvShape Scan(string csv, int maxRows)
    {
        using var reader = Open(csv);
        IReadOnlyList<string> header = [.. reader.Headers.Select(h => h.Trim())];
        var rows = 0;
        while (rows <= maxRows && reader.Read())
        {
            if (!IsBlank(reader, header.Count)) rows++;
        }
        return new CsvShape(header, rows);
    }

    /// <summary>
    /// The data rows in order, read lazily, numbered from 1 after the header (blank lines are not rows). The first
    /// <paramref name="skip"/> rows are passed over without reading their cells: a resumed import starts after them.
    /// </summary>
    public static IEnumerable<CsvRow> Rows(string csv, int skip = 0)
    {
        using var reader = Open(csv);
        string[] header = [.. reader.Headers.Select(h => h.Trim())];
        var number = 0;
        while (reader.Read())
        {
            if (IsBlank(reader, header.Length)) continue;
            if (++number <= skip) continue;
            var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length && i < reader.FieldCount; i++) cells[header[i]] = reader.GetString(i).Trim();
            yield return new CsvRow(number, cells);
        }
    }

    private static CsvReader Open(string csv) => CsvReader.FromText(csv, new CsvReaderOptions { TrimWhitespace = true });

    private static bool IsBlank(CsvReader reader, int columns)
    {
        for (var i = 0; i < columns && i < reader.FieldCount; i++)
        {
            if (reader.GetSpan(i).IndexOfAnyExcept(" \t\r\n"u8) >= 0) return false;
        }
        return true;
    }

    /// <summary>Columns a file may leave out (their field is optional in the route's body too).</summary>
    private static readonly HashSet<string> OptionalColumns = new(StringComparer.OrdinalIgnoreCase) { "score" };

    /// <summary>The header's problems for this kind: missing and unknown columns.</summary>
    public static IReadOnlyList<string> CheckHeader(ImportKind kind, IReadOnlyList<string> header)
    {
        var present = header.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var known = kind.Columns.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = kind.Columns.Where(c => !present.Contains(c) && !OptionalColumns.Contains(c))
            .Select(c => $"The header has no '{c}' column.")
            .Concat(header.Where(h => !known.Contains(h)).Select(h => $"'{h}' is not a column of a {kind.Name} import."))
            .ToList();
        if (header.Count == 0) problems.Add("The file is empty: the first line must be the header.");
        return problems;
    }

    /// <summary>
    /// Builds the JSON body the route would get (typed by the command's properties) and binds it with the API's own
    /// JSON options, so a cell is read exactly as the same value in a request body would be.
    /// </summary>
    public static (object? Command, List<ImportError> Errors) ToCommand(ImportKind kind, CsvRow row)
    {
        var errors = new List<ImportError>();
        var body = new JsonObject();
        foreach (var column in kind.Columns.Where(c => c != ImportKind.StudentNumber || kind.Name == ImportKind.Students))
        {
            if (row[column] is not { } cell) continue;
            var type = PropertyType(kind.Command, column);
            var underlying = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
            if (underlying == typeof(bool))
            {
                if (TryBool(cell, out var flag)) body[column] = flag;
                else errors.Add(new(row.Number, column, $"'{column}' must be true or false."));
            }
            else if (underlying is not null && (underlying == typeof(decimal) || underlying == typeof(int)))
            {
                if (decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)) body[column] = number;
                else errors.Add(new(row.Number, column, $"'{column}' must be a number."));
            }
            else if (underlying is not null && underlying.IsGenericType)
            {
                body[column] = new JsonArray([.. cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => (JsonNode)v)]);
            }
            else body[column] = cell;
        }
        if (errors.Count > 0) return (null, errors);

        try
        {
            return (body.Deserialize(kind.Command, Json.Http), errors);
        }
        catch (JsonException e)
        {
            errors.AddRange(JsonBodyCheck.Describe(e, kind.Command)
                .SelectMany(f => f.Value.Select(m => new ImportError(row.Number, f.Key, m))));
            return (null, errors);
        }
    }

    private static Type? PropertyType(Type command, string column) =>
        command.GetProperty(column, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;

    private static bool TryBool(string cell, out bool value)
    {
        switch (cell.ToLowerInvariant())
        {
            case "true" or "yes" or "y" or "1": value = true; return true;
            case "false" or "no" or "n" or "0": value = false; return true;
            default: value = false; return false;
        }
    }
}
