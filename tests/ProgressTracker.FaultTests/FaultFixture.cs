using ProgressTracker.Testing;

namespace ProgressTracker.FaultTests;

/// <summary>One PostgreSQL cluster for the fault tests, which run one at a time (they stop it, and share 2 cores).</summary>
public sealed class FaultFixture : IAsyncLifetime
{
    internal LocalPostgresCluster? Cluster { get; private set; }

    public async ValueTask InitializeAsync() => Cluster = await LocalPostgresCluster.TryStartAsync();

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
    }

    /// <summary>A fresh database for one test; skips the test where no PostgreSQL binaries are installed.</summary>
    public async Task<string> DatabaseAsync(string name)
    {
        if (Cluster is null) Assert.Skip("No PostgreSQL server binaries on this machine (apt-get install postgresql).");
        return await Cluster.CreateDatabaseAsync(name);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection : ICollectionFixture<FaultFixture>
{
    public const string Name = "faults";
}
