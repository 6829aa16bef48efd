using System.Diagnostics;

namespace ProgressTracker.Bench;

/// <summary>
/// The service as the production image builds it (ops/Dockerfile): Wolverine's handler code generated ahead
/// (`codegen write`), then `dotnet publish -c Release`. The repository's build inputs are copied to a scratch directory
/// first, so the generated files never land in the working tree. Measured this way, the service loads its handlers
/// statically instead of compiling them with Roslyn on first use, as it does in production; the run-time compiler
/// alone was ~100 MiB of the Development build's resident set (README "Performance").
/// </summary>
public static class ProductionBuild
{
    private static readonly string[] BuildInputs = ["global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig"];

    /// <summary>
    /// Builds into a scratch directory of this process (two runs at once do not share one) and returns the published
    /// service's directory; <see cref="Remove"/> deletes it all once the service has stopped.
    /// </summary>
    public static async Task<string> PublishAsync(string repositoryRoot, Action<string> say, CancellationToken ct)
    {
        var scratch = Path.Combine(Path.GetTempPath(), $"progress-tracker-bench-build-{Environment.ProcessId}");
        if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        foreach (var file in BuildInputs)
            CopyFile(Path.Combine(repositoryRoot, file), Path.Combine(scratch, file));
        CopySources(Path.Combine(repositoryRoot, "src"), Path.Combine(scratch, "src"));

        var project = Path.Combine("src", "ProgressTracker.Api");
        var output = Path.Combine(scratch, "app");
        var clock = Stopwatch.StartNew();
        // codegen builds the host to see its handlers; it needs a connection string, not a reachable database.
        await DotnetAsync(scratch, ct, ["run", "--project", project, "-c", "Release", "--", "codegen", "write"],
            ("ConnectionStrings__Marten", "Host=localhost;Database=none;Username=none"));
        await DotnetAsync(scratch, ct, ["publish", project, "-c", "Release", "-o", output, "--no-restore"]);
        say($"production build (codegen write + publish, as ops/Dockerfile) in {clock.Elapsed.TotalSeconds:F0} s: {output}");
        return output;
    }

    /// <summary>Deletes the scratch directory of a build <see cref="PublishAsync"/> returned.</summary>
    public static void Remove(string output)
    {
        var scratch = Path.GetDirectoryName(Path.GetFullPath(output).TrimEnd(Path.DirectorySeparatorChar))!;
        if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
    }

    private static void CopySources(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            // Build outputs and a stray generated folder stay behind: the copy must build from sources alone.
            if (parts.Any(p => p is "bin" or "obj") || relative.Contains($"Internal{Path.DirectorySeparatorChar}Generated", StringComparison.Ordinal))
                continue;
            CopyFile(file, Path.Combine(to, relative));
        }
    }

    private static async Task DotnetAsync(string directory, CancellationToken ct, string[] args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`dotnet {string.Join(' ', args)}` failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    private static void CopyFile(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }
}
