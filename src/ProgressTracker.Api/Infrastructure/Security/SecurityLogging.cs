using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace ProgressTracker.Infrastructure.Security;

public static class SecurityLogging
{
    public const string TableName = "pt_security_log";

    /// <summary>
    /// A plain append-only table beside the access log (same triggers and grants, <see cref="AppendOnlyLogs"/>):
    /// read by an operator or an auditor by time, so indexed by time only.
    /// </summary>
    public static void ConfigureSecurityLog(this StoreOptions opts)
    {
        var table = new Table(new PostgresqlObjectName(opts.DatabaseSchemaName, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn("at", "timestamptz").NotNull();
        table.AddColumn("kind", "text").NotNull();
        table.AddColumn("subject", "text");
        table.AddColumn("account_id", "uuid");
        table.AddColumn("route", "text");
        table.AddColumn("status", "integer");
        table.AddColumn("reason", "text");
        table.Indexes.Add(new IndexDefinition($"ix_{TableName}_at") { Columns = ["at"] });
        opts.Storage.ExtendedSchemaObjects.Add(table);
    }
}
