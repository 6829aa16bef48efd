namespace ProgressTracker.Infrastructure.Housekeeping;

/// <summary>Runs the housekeeping tasks every <see cref="HousekeepingOptions.PeriodMinutes"/> (wall-clock time).</summary>
public sealed class HousekeepingService(HousekeepingRunner runner, HousekeepingOptions options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.PeriodMinutes <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.PeriodMinutes));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await runner.RunOnceAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
