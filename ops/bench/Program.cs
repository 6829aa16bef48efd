namespace ProgressTracker.Bench;

/// <summary>The entry point; a named class, so that it does not clash with the service's <c>Program</c> in the tests.</summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [FloorService.Command, ..])
        {
            await FloorService.RunAsync(args[1..]);
            return 0;
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        // Timing never fails the run (issue 8): a miss is shown in the table; only a broken step exits non-zero.
        await new Harness(options, Console.Out).RunAsync(cancel.Token);
        return 0;
    }
}
