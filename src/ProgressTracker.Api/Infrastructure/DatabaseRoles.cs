using Npgsql;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// Which PostgreSQL role this process connects as. <c>ConnectionStrings:Marten</c> is the service's runtime role, which
/// in production may not run DDL nor rewrite the logs; the optional <c>ConnectionStrings:MartenOwner</c> owns the schema
/// and is used only by the schema commands (<c>db-apply</c>, <c>db-patch</c>, <c>db-assert</c>, <c>resources</c>,
/// <c>projections</c>), which then also grant the runtime role what it needs (<see cref="AppendOnlyLogs"/>). The service
/// itself never connects as the owner: the schema is applied first (ops/run, the compose file's <c>migrate</c>, the
/// tests), and at start the runtime role only checks it. With one connection string, as in Development, that role does
/// everything, as before; the triggers still keep the logs append-only.
/// </summary>
public sealed record DatabaseRoles(string ConnectionString, string? RuntimeRole)
{
    private static readonly string[] SchemaCommands = ["db-apply", "db-patch", "db-assert", "db-dump", "db-list", "resources", "projections"];

    /// <summary>The connection for this process; the runtime role to grant privileges to when it is a schema command run as the owner.</summary>
    /// <remarks><paramref name="args"/> is the command line: its first word names the JasperFx command (none: run the service).</remarks>
    public static DatabaseRoles From(IConfiguration configuration, IReadOnlyList<string> args)
    {
        var runtime = configuration.GetConnectionString("Marten");
        if (string.IsNullOrWhiteSpace(runtime))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Marten is not set. Use ops/run, or set ConnectionStrings__Marten.");
        }

        var owner = configuration.GetConnectionString("MartenOwner");
        var schemaCommand = args.Count > 0 && SchemaCommands.Contains(args[0], StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(owner) || !schemaCommand) return new DatabaseRoles(runtime, null);

        var runtimeRole = new NpgsqlConnectionStringBuilder(runtime).Username;
        var ownerRole = new NpgsqlConnectionStringBuilder(owner).Username;
        return new DatabaseRoles(owner, string.IsNullOrEmpty(runtimeRole) || runtimeRole == ownerRole ? null : runtimeRole);
    }
}
