using Marten;
using Npgsql;
using NpgsqlTypes;
using ProgressTracker.Infrastructure;
using ProgressTracker.Students.Imports;

namespace ProgressTracker.Students.Privacy;

/// <summary>
/// Erases a student (domain.md 7): masks every identifying value of the stream's events (Marten's protected-information
/// rules), appends <see cref="StudentErased"/> so the record and every read model fold into the erased form (the
/// "Reports" projection rewrites the student's cohort rows from the state), deletes the student's amendment
/// requests and consents, erases what the features above keep (<see cref="IStudentErasurePart"/>: accounts,
/// follow-up notes), and purges the values wherever else they can be: kept idempotent answers, Wolverine envelopes
/// and dead letters, import files and import errors. What stays is the facts under the stream id (dates,
/// programs, results), so report figures do not move, and the access log, which holds ids only.
/// </summary>
public sealed class StudentErasure(
    IDocumentStore store, NpgsqlDataSource database, TimeProvider clock, IEnumerable<IStudentErasurePart> parts)
{
    /// <summary>Values shorter than this are not searched for in shared stores: they would match other people's rows.</summary>
    private const int MinSearchLength = 3;

    /// <summary>False when there is no such student; erasing an erased student again changes nothing.</summary>
    public async Task<bool> EraseAsync(Guid studentId, string by, CancellationToken ct)
    {
        await using (var query = store.QuerySession())
        {
            var student = await query.LoadAsync<Student>(studentId, ct);
            if (student is null) return false;
            if (student.Erased) return true;
        }

        // The stream's row stays locked from before the masking until StudentErased commits: a milestone written
        // meanwhile waits, then finds the record erased (410), so no unmasked event can slip in between.
        List<string> values;
        await using (var session = store.LightweightSession())
        {
            var stream = await session.Events.FetchForExclusiveWriting<Student>(studentId, ct);
            if (stream.Aggregate is not { Erased: false }) return stream.Aggregate is not null;
            values = await IdentifyingValuesAsync(studentId, ct);
            await store.Advanced.ApplyEventDataMasking(x => x.IncludeStream(studentId), ct);
            stream.AppendOne(new StudentErased(studentId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), by));
            session.DeleteWhere<AmendmentRequest>(r => r.StudentId == studentId);
            session.DeleteWhere<Consent>(c => c.StudentId == studentId);
            foreach (var part in parts) await part.EraseAsync(session, studentId, ct);
            await session.SaveChangesAsync(ct);
        }

        await PurgeAsync(studentId, values, ct);
        return true;
    }

    /// <summary>Every identifying value the student's events and documents hold, current and past.</summary>
    private async Task<List<string>> IdentifyingValuesAsync(Guid studentId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var events = await session.Events.FetchStreamAsync(studentId, token: ct);
        var requests = await session.Query<AmendmentRequest>().Where(r => r.StudentId == studentId).ToListAsync(ct);
        var consents = await session.Query<Consent>().Where(c => c.StudentId == studentId).ToListAsync(ct);
        List<string?> kept = [];
        foreach (var part in parts) kept.AddRange(await part.IdentifyingValuesAsync(session, studentId, ct));
        IEnumerable<string?> all =
        [
            .. events.Select(e => e.Data).OfType<Milestone>().SelectMany(ProtectedInformation.ValuesOf),
            .. requests.SelectMany(r => new[] { r.Requested, r.Reason, r.Note, r.Statement }),
            .. consents.SelectMany(c => new[] { c.Recipient, c.Purpose }),
            .. kept,
        ];
        return [.. all.Select(v => v?.Trim()).OfType<string>().Where(v => v.Length >= MinSearchLength && v != ProtectedInformation.ErasedName)
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The values (and the student's id) wherever else they may have been kept, in one transaction.</summary>
    private async Task PurgeAsync(Guid studentId, List<string> values, CancellationToken ct)
    {
        string[] search = [.. values, studentId.ToString()];
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        // Documents whose JSON mentions the student: kept answers (their location names the id), import errors.
        foreach (var table in new[] { store.Options.Schema.For<IdempotentResponse>(), store.Options.Schema.For<ImportErrorRow>() })
        {
            await ExecuteAsync(connection, tx,
                $"delete from {table} where exists (select 1 from unnest($1::text[]) v where strpos(lower(data::text), lower(v)) > 0)",
                ct, Texts(search));
        }

        // Import files still waiting to run: the student's lines go, the others stay.
        await using (var session = store.LightweightSession())
        {
            var files = await session.Query<ImportFile>().ToListAsync(ct);
            foreach (var file in files)
            {
                var lines = file.Csv.Split('\n');
                var kept = lines.Where(l => !search.Any(v => l.Contains(v, StringComparison.OrdinalIgnoreCase))).ToArray();
                if (kept.Length != lines.Length) session.Store(file with { Csv = string.Join('\n', kept) });
            }
            await session.SaveChangesAsync(ct);
        }

        // Wolverine's envelopes (incoming, outgoing, dead letters) and Marten's dead-letter events, wherever they live:
        // a message about the student goes with the student.
        var bodies = await ColumnsAsync(connection, tx, ct);
        foreach (var (table, column, type) in bodies)
        {
            if (type == "bytea")
                await ExecuteAsync(connection, tx,
                    $"delete from {table} where exists (select 1 from unnest($1::bytea[]) v where position(v in {column}) > 0)", ct, Bytes(search));
            else
                await ExecuteAsync(connection, tx,
                    $"delete from {table} where exists (select 1 from unnest($1::text[]) v where strpos(lower({column}::text), lower(v)) > 0)", ct, Texts(search));
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>The message and dead-letter tables' body and text columns.</summary>
    private static async Task<List<(string Table, string Column, string Type)>> ColumnsAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            select quote_ident(table_schema) || '.' || quote_ident(table_name), quote_ident(column_name), data_type
            from information_schema.columns
            where (table_name in ('wolverine_incoming_envelopes', 'wolverine_outgoing_envelopes', 'wolverine_dead_letters')
                   and data_type in ('bytea', 'text', 'character varying'))
               or (table_name = 'mt_doc_deadletterevent' and data_type in ('jsonb', 'text'))
            """, connection, tx);
        await using var reader = await command.ExecuteReaderAsync(ct);
        List<(string, string, string)> columns = [];
        while (await reader.ReadAsync(ct)) columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return columns;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlParameter Texts(string[] values) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter Bytes(string[] values) =>
        new() { Value = values.Select(System.Text.Encoding.UTF8.GetBytes).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea };
}
