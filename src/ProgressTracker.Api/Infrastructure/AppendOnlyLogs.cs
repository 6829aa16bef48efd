using System.Data.Common;
using Weasel.Core;
using Weasel.Postgresql;
using DbCommandBuilder = Weasel.Core.DbCommandBuilder;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// Makes the log tables append-only in the database itself, and, when the schema is applied by its owner for a
/// separate runtime role, grants that role what the service needs.
/// <list type="bullet">
/// <item>Triggers on each log table refuse UPDATE, DELETE (row triggers) and TRUNCATE (statement trigger) with SQLSTATE
/// 2F003, whoever asks, the owner included: an accident or a careless script cannot rewrite the history. Only dropping
/// the table or the trigger (DDL, the owner's) removes rows.</item>
/// <item>The runtime role gets USAGE on the schema, SELECT/INSERT/UPDATE/DELETE on every table and USAGE/SELECT/UPDATE
/// on every sequence, now and (ALTER DEFAULT PRIVILEGES) for the tables Marten and Wolverine create later; on the log
/// tables only SELECT and INSERT.</item>
/// </list>
/// One Marten schema object, applied after the tables by <c>db-apply</c> and at start; its check reads only the
/// catalog, so a runtime role that may not run DDL starts as long as nothing is missing.
/// </summary>
public sealed class AppendOnlyLogs(string schema, IReadOnlyList<string> logTables, string? runtimeRole) : ISchemaObject
{
    public const string FunctionName = "pt_refuse_change";
    public const string RowTrigger = "pt_append_only";
    public const string TruncateTrigger = "pt_append_only_truncate";

    /// <summary>The SQLSTATE the triggers raise (prohibited_sql_statement_attempted).</summary>
    public const string RefusedState = "2F003";

    public DbObjectName Identifier { get; } = new PostgresqlObjectName(schema, FunctionName, SchemaUtils.IdentifierUsage.General);

    public void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        writer.WriteLine($$"""
            create or replace function {{schema}}.{{FunctionName}}() returns trigger language plpgsql as $fn$
            begin
              raise exception '% on %.% refused: the table is append-only', tg_op, tg_table_schema, tg_table_name
                using errcode = 'prohibited_sql_statement_attempted';
            end
            $fn$;
            """);
        foreach (var table in logTables)
        {
            writer.WriteLine($"create or replace trigger {RowTrigger} before update or delete on {schema}.{table} for each row execute function {schema}.{FunctionName}();");
            writer.WriteLine($"create or replace trigger {TruncateTrigger} before truncate on {schema}.{table} for each statement execute function {schema}.{FunctionName}();");
        }
        if (runtimeRole is null) return;

        var role = QuoteIdentifier(runtimeRole);
        writer.WriteLine($"""
            grant usage on schema {schema} to {role};
            grant select, insert, update, delete on all tables in schema {schema} to {role};
            grant usage, select, update on all sequences in schema {schema} to {role};
            alter default privileges in schema {schema} grant select, insert, update, delete on tables to {role};
            alter default privileges in schema {schema} grant usage, select, update on sequences to {role};
            """);
        foreach (var table in logTables)
            writer.WriteLine($"revoke update, delete, truncate on {schema}.{table} from {role};");
    }

    public void WriteDropStatement(Migrator rules, TextWriter writer)
    {
        foreach (var table in logTables)
        {
            writer.WriteLine($"drop trigger if exists {RowTrigger} on {schema}.{table};");
            writer.WriteLine($"drop trigger if exists {TruncateTrigger} on {schema}.{table};");
        }
    }

    /// <summary>One row, one boolean: whether the triggers (and, with a runtime role, its privileges) are all in place.</summary>
    public void ConfigureQueryCommand(DbCommandBuilder builder)
    {
        var tables = string.Join(", ", logTables.Select(QuoteLiteral));
        var s = QuoteLiteral(schema);
        var check = $"""
            select (select count(*) from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = {s} and c.relname in ({tables}) and t.tgname in ('{RowTrigger}', '{TruncateTrigger}')) = {logTables.Count * 2}
            """;
        if (runtimeRole is not null)
        {
            var r = QuoteLiteral(runtimeRole);
            check += $"""

                and has_schema_privilege({r}, {s}, 'USAGE')
                and not exists (select 1 from pg_tables where schemaname = {s} and tablename in ({tables})
                    and (not has_table_privilege({r}, format('%I.%I', schemaname, tablename), 'SELECT')
                      or not has_table_privilege({r}, format('%I.%I', schemaname, tablename), 'INSERT')
                      or has_table_privilege({r}, format('%I.%I', schemaname, tablename), 'UPDATE')
                      or has_table_privilege({r}, format('%I.%I', schemaname, tablename), 'DELETE')
                      or has_table_privilege({r}, format('%I.%I', schemaname, tablename), 'TRUNCATE')))
                and not exists (select 1 from pg_tables where schemaname = {s} and tablename not in ({tables})
                    and not (has_table_privilege({r}, format('%I.%I', schemaname, tablename), 'SELECT')
                      and has_table_privilege({r}, format('%I.%I', schemaname, tablename), 'INSERT')
                      and has_table_privilege({r}, format('%I.%I', schemaname, tablename), 'UPDATE')
                      and has_table_privilege({r}, format('%I.%I', schemaname, tablename), 'DELETE')))
                and exists (select 1 from pg_default_acl d join pg_namespace n on n.oid = d.defaclnamespace, aclexplode(d.defaclacl) a
                    where n.nspname = {s} and d.defaclobjtype = 'r' and a.grantee = (select oid from pg_roles where rolname = {r}))
                """;
        }
        builder.Append(check + ";");
    }

    public async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default)
    {
        var inPlace = await reader.ReadAsync(ct) && !await reader.IsDBNullAsync(0, ct) && reader.GetBoolean(0);
        return new SchemaObjectDelta(this, inPlace ? SchemaPatchDifference.None : SchemaPatchDifference.Update);
    }

    public IEnumerable<DbObjectName> AllNames()
    {
        yield return Identifier;
    }

    private static string QuoteIdentifier(string name) => $"\"{name.Replace("\"", "\"\"")}\"";

    private static string QuoteLiteral(string value) => $"'{value.Replace("'", "''")}'";
}
