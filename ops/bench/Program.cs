using ProgressTracker.Bench;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
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
