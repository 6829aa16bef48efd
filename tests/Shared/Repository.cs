namespace ProgressTracker.Testing;

/// <summary>The repository's root folder (the one holding ProgressTracker.sln), found above the test's build output.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>The service's build beside the test's: src/ProgressTracker.Api/bin/&lt;configuration&gt;/net10.0.</summary>
    public static string ServiceDirectory =>
        Path.Combine(Root, "src", "ProgressTracker.Api", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0");

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProgressTracker.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException($"ProgressTracker.sln not found above {AppContext.BaseDirectory}");
    }
}
