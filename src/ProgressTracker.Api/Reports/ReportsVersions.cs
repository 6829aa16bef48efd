using JasperFx;
using Marten;
using Npgsql;

namespace ProgressTracker.Reports;

/// <summary>
/// Which version of the report tables this node reads. A node whose <see cref="ReportsConfiguration.VersionFrom"/>
/// is new to the database rebuilds that version from the first event in its own tables (Marten's projection
/// versioning: a new shard, <c>Reports:V2:All</c>); until it has projected as far as the previous version had, it reads
/// the previous version's tables, complete if not current, and never the half-built ones. Then it switches, for good.
/// </summary>
/// <remarks>
/// The comparison is between the two progress rows in <c>mt_event_progression</c>, so every node of either version
/// decides the same way, and a node started again after the switch reads the new tables at once. The previous tables
/// are read through a second store whose only difference is that version; it creates nothing. Every read of the
/// report documents goes through <see cref="Reads"/> (a route's session is Wolverine's document session of the main
/// store, so it cannot be swapped underneath). The previous tables must still be readable by the new code: a change that renames or retypes a
/// report document's fields needs the old nodes kept serving until the new ones are ready (README, "Upgrades").
/// </remarks>
public sealed class ReportsVersions(IDocumentStore store, NpgsqlDataSource dataSource, IConfiguration configuration,
    ReportsStoreShape storeShape, ILogger<ReportsVersions> logger) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _decided = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile ServedVersion? _served;
    private Task? _polling;
    private DocumentStore? _previousStore;

    public uint Current { get; } = ReportsConfiguration.VersionFrom(configuration);

    /// <summary>The version reads are answered from: <see cref="Current"/>, or an earlier one while this one is rebuilt.</summary>
    public uint Serving => _served?.Version ?? Current;

    /// <summary>True while the current version is being rebuilt beside an earlier one that answers reads.</summary>
    public bool Rebuilding => Serving != Current;

    /// <summary>
    /// The session to read the report documents (the cohort rows) with: the route's own
    /// <paramref name="session"/>, or while the current version is rebuilt a session on the previous version's tables,
    /// disposed with the request.
    /// </summary>
    public IQuerySession Reads(IQuerySession session, HttpContext http)
    {
        // Only a request served before the start-up decision (the server starting first) ever waits here.
        if (!_decided.Task.IsCompleted) _decided.Task.Wait(TimeSpan.FromSeconds(30));
        if (_served is not { Store: { } previous }) return session;
        var reads = previous.QuerySession();
        http.Response.RegisterForDisposeAsync(reads);
        return reads;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Decided before the first request: a node must not answer one read from the half-built tables.
        await RefreshAsync(cancellationToken);
        _decided.TrySetResult();
        if (Rebuilding) _polling = PollAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Nothing runs unless a rebuild is watched; a host may also dispose this before it stops it (a test's host).
        if (_polling is not { } polling) return;
        await _stopping.CancelAsync();
        await polling.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        if (_polling is { } polling)
        {
            _polling = null;
            await _stopping.CancelAsync();
            await polling.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _stopping.Dispose();
        if (_previousStore is not null) await _previousStore.DisposeAsync();
    }

    private async Task PollAsync(CancellationToken ct)
    {
        while (Rebuilding && !ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Poll, ct);
                await RefreshAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // PostgreSQL away: keep reading the previous tables and ask again.
                logger.LogWarning(e, "Could not read the progress of the {Shard} rebuild", ReportsConfiguration.ShardOf(Current));
            }
        }
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        var progress = await ProgressAsync(ct);
        var own = progress.GetValueOrDefault(Current);
        var previous = progress.Keys.Where(v => v < Current).DefaultIfEmpty().Max();
        if (previous == 0 || own >= progress[previous] || !await TablesExistAsync(previous, ct))
        {
            if (_served is not null)
                logger.LogInformation("Reports read from {Shard} from now on: it has projected as far as {Previous} (event {Sequence})",
                    ReportsConfiguration.ShardOf(Current), ReportsConfiguration.ShardOf(_served.Version), own);
            _served = null;
            return;
        }

        if (_served?.Version != previous)
        {
            logger.LogInformation("{Shard} is rebuilt beside {Previous}, which answers reads until the rebuild reaches event {Sequence}",
                ReportsConfiguration.ShardOf(Current), ReportsConfiguration.ShardOf(previous), progress[previous]);
            _served = new ServedVersion(previous, PreviousStore(previous));
        }
    }

    /// <summary>Each version's progress, by the names Marten gives their rows (Reports:All, Reports:V2:All, ...).</summary>
    private async Task<Dictionary<uint, long>> ProgressAsync(CancellationToken ct)
    {
        var versions = new Dictionary<uint, long>();
        await using var command = dataSource.CreateCommand(
            $"select name, last_seq_id from {store.Options.Events.DatabaseSchemaName}.mt_event_progression where name like $1");
        command.Parameters.AddWithValue($"{ReportsConfiguration.ProjectionName}:%");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (VersionOf(reader.GetString(0)) is { } version) versions[version] = reader.GetInt64(1);
        }
        return versions;
    }

    private static uint? VersionOf(string shard)
    {
        var parts = shard.Split(':');
        return parts switch
        {
            [ReportsConfiguration.ProjectionName, "All"] => 1,
            [ReportsConfiguration.ProjectionName, ['V', .. var number], "All"] when uint.TryParse(number, out var v) => v,
            _ => null,
        };
    }

    private async Task<bool> TablesExistAsync(uint version, CancellationToken ct)
    {
        var schema = store.Options.DatabaseSchemaName;
        var suffix = ReportsConfiguration.TableSuffix(version);
        await using var command = dataSource.CreateCommand("select to_regclass($1) is not null");
        command.Parameters.AddWithValue($"{schema}.mt_doc_cohortrow{suffix}");
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The service's own store shape with the previous version's tables; it never creates or changes a table.</summary>
    private DocumentStore PreviousStore(uint version)
    {
        if (_previousStore is not null) return _previousStore;
        var options = new StoreOptions();
        storeShape(options, dataSource, store.Options.DatabaseSchemaName, version);
        options.AutoCreateSchemaObjects = AutoCreate.None;
        return _previousStore = new DocumentStore(options);
    }

    private sealed record ServedVersion(uint Version, DocumentStore Store);
}

/// <summary>
/// The service's store settings with a given version's Reports tables (<c>Persistence.ConfigureStore</c>): the
/// composition root registers it, so that Reports builds the previous version's store without knowing the root.
/// </summary>
public delegate void ReportsStoreShape(StoreOptions options, NpgsqlDataSource dataSource, string schema, uint reportsVersion);
