using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace ProgressTracker.Students.AccessLog;

/// <summary>
/// One read of a student's record: who (token subject and role), when, and through which route. Kept with the
/// student's record for the student to inspect (FERPA, 34 CFR 99.32). Entries are only ever inserted: no route
/// or code path updates or deletes them.
/// </summary>
public sealed record AccessLogEntry(Guid Id, Guid StudentId, string Subject, string Role, string Route, DateTimeOffset At);

public static class AccessLogging
{
    public const string TableName = "pt_access_log";

    /// <summary>
    /// A plain table, not a Marten document: it is append-only and written in bulk by <see cref="AccessLog"/> (one
    /// statement for many reads), and read by student, newest first. Marten creates and migrates it with the rest.
    /// </summary>
    public static void ConfigureAccessLog(this StoreOptions opts)
    {
        var table = new Table(new PostgresqlObjectName(opts.DatabaseSchemaName, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn<Guid>("student_id").NotNull();
        table.AddColumn("subject", "text").NotNull();
        table.AddColumn("role", "text").NotNull();
        table.AddColumn("route", "text").NotNull();
        table.AddColumn("at", "timestamptz").NotNull();
        table.Indexes.Add(new IndexDefinition($"ix_{TableName}_student_at") { Columns = ["student_id", "at"] });
        opts.Storage.ExtendedSchemaObjects.Add(table);
    }
}
