using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace ProgressTracker.Students.AccessLog;

/// <summary>
/// One read of a student's record: who (token subject and role), when, and through which route. Kept with the
/// student's record for the student to inspect (FERPA, 34 CFR 99.32). Entries are only ever inserted: no route
/// or code path updates or deletes them.
/// </summary>
public sealed record AccessLogEntry(Guid Id, Guid StudentId, string Subject, string Role, string Route, DateTimeOffset At)
{
    /// <summary>A disclosure through a consent's link: its recipient and purpose, read from the consent (not stored here).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Recipient { get; init; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Purpose { get; init; }
}

/// <summary>
/// One logged read as it is written: of one student's record (a row of <see cref="AccessLogging.TableName"/>) or of
/// several at once, a dashboard view or a roster export (one row of <see cref="AccessLogging.GroupTableName"/>).
/// </summary>
public sealed record LoggedRead(Guid Id, Guid[] StudentIds, string Subject, string Role, string Route, DateTimeOffset At);

public static class AccessLogging
{
    public const string TableName = "pt_access_log";

    /// <summary>Reads of several records at once: one row each, the students' ids in an array (GIN-indexed).</summary>
    public const string GroupTableName = "pt_access_log_group";

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

        // A dashboard view reads ~250 records: one row here rather than ~250 above, whose inserts (a heap row and two
        // index entries each) would be most of the dashboard's time. A student's log finds these rows through the GIN
        // index. Its fast-update list is off: the insert that fills the list merges it, and that one view then stalls
        // for hundreds of milliseconds (ops/bench/README.md).
        var group = new Table(new PostgresqlObjectName(opts.DatabaseSchemaName, GroupTableName, SchemaUtils.IdentifierUsage.General));
        group.AddColumn<Guid>("id").AsPrimaryKey();
        group.AddColumn("student_ids", "uuid[]").NotNull();
        group.AddColumn("subject", "text").NotNull();
        group.AddColumn("role", "text").NotNull();
        group.AddColumn("route", "text").NotNull();
        group.AddColumn("at", "timestamptz").NotNull();
        group.Indexes.Add(new IndexDefinition($"ix_{GroupTableName}_student_ids") {
            Columns = ["student_ids"],
            Method = IndexMethod.gin,
            StorageParameters = { ["fastupdate"] = "off" },
        });
        opts.Storage.ExtendedSchemaObjects.Add(group);
    }
}
