using System.Globalization;
using System.Reflection;

namespace ProgressTracker.Bench;

/// <summary>The command line: <c>[--quick] [--students N] [--seconds S] [--import-rows N] [--out DIR] [--development] [--api DIR]</c>.</summary>
public sealed record BenchOptions
{
    public bool Quick { get; init; }
    public int Students { get; init; } = 10_000;

    /// <summary>How long each load step runs (after a warm-up of a fifth of it).</summary>
    public TimeSpan StepDuration { get; init; } = TimeSpan.FromSeconds(10);

    public int ImportRows { get; init; } = 5_000;
    public int[] WriteConcurrency { get; init; } = [1, 16, 64];
    public int ReadConcurrency { get; init; } = 16;
    public string ResultsDirectory { get; init; } = Metadata("ResultsDirectory");

    /// <summary>
    /// Run the service as production does (<see cref="Bench.ProductionBuild"/>, environment Production), or as
    /// <c>ops/run</c> does (the Release build output, environment Development: handlers compiled at run time).
    /// </summary>
    public bool ProductionBuild { get; init; } = true;

    /// <summary>A build output to run instead of building one; null: the production build, or ops/run's output.</summary>
    public string? ApiDirectory { get; init; }

    public string RepositoryRoot { get; } = Metadata("RepositoryRoot");
    public string DevelopmentOutput { get; } = Metadata("ApiOutput");
    public string ServiceEnvironment => ProductionBuild ? "Production" : "Development";

    /// <summary>A connection string to use instead of a throwaway cluster (the bench keeps to its own schema).</summary>
    public string? Database { get; init; } =
        Environment.GetEnvironmentVariable("PROGRESSTRACKER_BENCH_DATABASE") is { Length: > 0 } bench ? bench
        : Environment.GetEnvironmentVariable("ConnectionStrings__Marten") is { Length: > 0 } marten ? marten
        : null;

    public const string Usage = """
        usage: dotnet run --project ops/bench -c Release -- [options]
          --quick            a short run (2,000 students, 3 s steps; under 3 minutes)
          --students N       population to seed (default 10000, about 13 events each)
          --seconds S        duration of each load step
          --import-rows N    rows in the CSV import (default 5000; quick 1000)
          --out DIR          where results go (default ops/bench/results)
          --development      run the service as ops/run does (Development, handlers compiled at run time)
                             instead of as the production image does (handlers generated ahead, Production)
          --api DIR          run this build output of the service instead of building it
          --database CS      a PostgreSQL connection string instead of a throwaway cluster
        PostgreSQL: PROGRESSTRACKER_BENCH_DATABASE or ConnectionStrings__Marten if set (schema progress_tracker_bench,
        dropped first), else a throwaway cluster of this machine's PostgreSQL binaries on a free port.
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var quick = args.Contains("--quick");
        var options = quick
            ? new BenchOptions { Quick = true, Students = 2_000, StepDuration = TimeSpan.FromSeconds(3), ImportRows = 1_000 }
            : new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            options = args[i] switch
            {
                "--quick" => options,
                "--students" => options with { Students = Positive(Next()) },
                "--seconds" => options with { StepDuration = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--import-rows" => options with { ImportRows = Positive(Next()) },
                "--out" => options with { ResultsDirectory = Path.GetFullPath(Next()) },
                "--development" => options with { ProductionBuild = false },
                "--api" => options with { ApiDirectory = Path.GetFullPath(Next()) },
                "--database" => options with { Database = Next() },
                _ => throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}"),
            };
        }
        return options;
    }

    private static int Positive(string raw) =>
        int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"'{raw}' is not a positive number.");

    private static string Metadata(string key) =>
        typeof(BenchOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
