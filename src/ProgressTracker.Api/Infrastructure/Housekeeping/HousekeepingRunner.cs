namespace ProgressTracker.Infrastructure.Housekeeping;

/// <summary>The "Housekeeping" settings.</summary>
public sealed class HousekeepingOptions
{
    /// <summary>Minutes between runs; 0 turns the background job off (the tests run it themselves).</summary>
    public int PeriodMinutes { get; set; } = 60;

    /// <summary>Rows deleted per transaction.</summary>
    public int BatchSize { get; set; } = 1000;
}

/// <summary>
/// Runs every registered <see cref="IHousekeepingTask"/> until it has nothing left to delete. Several nodes may run it
/// at once: each batch deletes rows that are no use to anyone, so a row deleted twice is simply not there.
/// </summary>
public sealed partial class HousekeepingRunner(
    IEnumerable<IHousekeepingTask> tasks, HousekeepingOptions options, ILogger<HousekeepingRunner> logger)
{
    public async Task RunOnceAsync(CancellationToken ct)
    {
        var batchSize = Math.Max(1, options.BatchSize);
        foreach (var task in tasks)
        {
            var total = 0;
            try
            {
                int deleted;
                do
                {
                    deleted = await task.RunBatchAsync(batchSize, ct);
                    total += deleted;
                } while (deleted >= batchSize);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One task's failure does not stop the others; the next run tries again.
                LogFailed(e, task.Name);
            }
            if (total > 0) LogDeleted(total, task.Name);
        }
    }

    [LoggerMessage(LogLevel.Information, "Housekeeping deleted {Count} rows: {Task}")]
    private partial void LogDeleted(int count, string task);

    [LoggerMessage(LogLevel.Error, "Housekeeping failed: {Task}")]
    private partial void LogFailed(Exception e, string task);
}

public static class HousekeepingRegistration
{
    /// <summary>The runner and its background job; features add their tasks with <see cref="AddHousekeepingTask{T}"/>.</summary>
    public static void AddHousekeeping(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Housekeeping").Get<HousekeepingOptions>() ?? new HousekeepingOptions());
        builder.Services.AddSingleton<HousekeepingRunner>();
        builder.Services.AddHostedService<HousekeepingService>();
    }

    public static IServiceCollection AddHousekeepingTask<T>(this IServiceCollection services) where T : class, IHousekeepingTask =>
        services.AddSingleton<IHousekeepingTask, T>();
}
