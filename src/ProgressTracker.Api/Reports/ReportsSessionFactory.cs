using Marten;

namespace ProgressTracker.Reports;

/// <summary>
/// Marten's lightweight sessions, except that a query session reads the report tables <see cref="ReportsVersions"/>
/// says answer reads: the previous version's while the current one is rebuilt. Wolverine opens every endpoint's and
/// handler's <c>IQuerySession</c> here; document sessions (writes) always belong to the main store.
/// </summary>
public sealed class ReportsSessionFactory(IDocumentStore store, ReportsVersions versions) : SessionFactoryBase(store)
{
    public override Marten.Services.SessionOptions BuildOptions() => new() { Tracking = DocumentTracking.None };

    public override IQuerySession QuerySession() => versions.QuerySession();
}
