using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Npgsql;
using ProgressTracker.Accounts;
using ProgressTracker.Advisors;
using ProgressTracker.Advisors.Alerts;
using ProgressTracker.Advisors.FollowUps;
using ProgressTracker.Colleges;
using ProgressTracker.Infrastructure;
using ProgressTracker.Infrastructure.Security;
using ProgressTracker.Notifications;
using ProgressTracker.Reports;
using ProgressTracker.Students;
using ProgressTracker.Students.AccessLog;
using ProgressTracker.Students.Imports;
using ProgressTracker.Students.Privacy;
using Weasel.Core;
using Wolverine.Marten;

namespace ProgressTracker;

public static class Persistence
{
    /// <summary>Marten: the event store (one stream per student) and the documents (reference data, read models).</summary>
    /// <remarks>Schema commands on <paramref name="args"/> connect as <c>ConnectionStrings:MartenOwner</c> when set (<see cref="DatabaseRoles"/>).</remarks>
    public static void AddProgressTrackerPersistence(this WebApplicationBuilder builder, string[] args)
    {
        var roles = DatabaseRoles.From(builder.Configuration, args);
        var schema = builder.Configuration["Marten:Schema"] ?? "progress_tracker";
        var dataSource = BuildDataSource(roles.ConnectionString);
        builder.Services.AddSingleton(dataSource);

        var reportsVersion = ReportsConfiguration.VersionFrom(builder.Configuration);
        builder.Services.AddMarten(opts => ConfigureStore(opts, dataSource, schema, roles.RuntimeRole, reportsVersion))
            .UseLightweightSessions()
            // One node runs every projection in development and tests; production nodes elect a leader (advisory
            // lock), so each async projection runs on exactly one node. Marten:DaemonMode overrides (Solo, HotCold).
            .AddAsyncDaemon(builder.Configuration.GetValue<DaemonMode?>("Marten:DaemonMode")
                ?? (builder.Environment.IsProduction() ? DaemonMode.HotCold : DaemonMode.Solo))
            // Everything is created at start, not on first use: the access-log table is not a document, and a schema
            // problem should stop the start rather than fail someone's first request.
            .ApplyAllDatabaseChangesOnStartup()
            .IntegrateWithWolverine();

        builder.Services.AddSingleton<ReportsStoreShape>((options, dataSource, schema, version) =>
            ConfigureStore(options, dataSource, schema, reportsVersion: version));
        builder.Services.AddSingleton<ReportsVersions>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReportsVersions>());
        builder.Services.AddSingleton<RosterImporter>();
        builder.Services.AddSingleton<AccessLog>();
        builder.Services.AddSingleton<SecurityLog>();
        // After Marten's own start-up work above, which creates pt_access_log.
        builder.Services.AddHostedService<AccessLogMigration>();
        // After the schema is applied, before requests: a new version of a student projection is rebuilt.
        builder.Services.AddSingleton<StudentProjectionsUpgrade>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StudentProjectionsUpgrade>());

        builder.Services.CritterStackDefaults(x =>
        {
            x.Development.ResourceAutoCreate = AutoCreate.CreateOrUpdate;
            x.Production.ResourceAutoCreate = AutoCreate.CreateOrUpdate;
            // The image pre-generates Wolverine's handler code (ops/Dockerfile); Auto loads it, and compiles only
            // what is missing.
            x.Production.GeneratedCodeMode = TypeLoadMode.Auto;
        });
    }

    /// <summary>
    /// The service's connection pool. Marten sends the same few statements on every request, so Npgsql prepares each
    /// after its second use and PostgreSQL skips parse and plan (measured in ops/bench/README.md).
    /// A connection string that sets <c>Max Auto Prepare</c> itself keeps its value.
    /// </summary>
    public static NpgsqlDataSource BuildDataSource(string connectionString)
    {
        var npgsql = new NpgsqlDataSourceBuilder(connectionString);
        if (npgsql.ConnectionStringBuilder.MaxAutoPrepare == 0) npgsql.ConnectionStringBuilder.MaxAutoPrepare = 64;
        return npgsql.Build();
    }

    /// <summary>
    /// The store's whole shape: connection, schema, serializer, event options and every document and projection.
    /// Shared with tools that must see the same store (ops/bench seeds and rebuilds through it).
    /// </summary>
    /// <remarks>
    /// <paramref name="runtimeRole"/>: the role to grant the service's privileges to, when the owner applies the schema.
    /// <paramref name="reportsVersion"/>: the Reports projection's version (<see cref="ReportsConfiguration.VersionFrom"/>).
    /// </remarks>
    public static void ConfigureStore(StoreOptions opts, NpgsqlDataSource dataSource, string schema, string? runtimeRole = null,
        uint reportsVersion = ReportsConfiguration.Version)
    {
        opts.Connection(dataSource);
        opts.DatabaseSchemaName = schema;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase,
            configure: Json.ConfigureStorage);

        opts.Events.StreamIdentity = StreamIdentity.AsGuid;
        // Every write starts a stream explicitly (registration) or appends to one that must exist.
        opts.Events.UseMandatoryStreamTypeDeclaration = true;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;

        opts.ConfigureStudents();
        opts.ConfigureAdvisors();
        opts.ConfigureColleges();
        opts.ConfigureReports(reportsVersion);
        opts.ConfigureAccessLog();
        opts.ConfigureImports();
        opts.ConfigureAccounts();
        opts.ConfigureIdempotency();
        opts.ConfigureSecurityLog();
        opts.ConfigurePrivacy();
        opts.ConfigureFollowUps();
        opts.ConfigureNotifications();
        // Document types no feature configures, named so that db-apply creates their tables: a runtime role may not
        // create a table on first use.
        opts.Schema.For<College>();
        opts.Schema.For<IdempotentResponse>();
        opts.Schema.For<ImportFile>();
        opts.Schema.For<RaisedAlerts>();
        opts.Schema.For<RunningImport>();
        // Last: it guards the log tables above.
        opts.Storage.ExtendedSchemaObjects.Add(new AppendOnlyLogs(schema,
            [AccessLogging.TableName, AccessLogging.GroupTableName, SecurityLogging.TableName], runtimeRole));
    }
}