using Marten;
using ProgressTracker.Infrastructure.Housekeeping;

namespace ProgressTracker.Infrastructure;

/// <summary>The "Idempotency" settings.</summary>
public sealed class IdempotencyOptions
{
    /// <summary>How long a kept answer is replayed; a client retries within minutes, so a day is ample.</summary>
    public int RetentionHours { get; set; } = 24;

    public DateTimeOffset ExpiredBefore(TimeProvider clock) => clock.GetUtcNow().AddHours(-RetentionHours);
}

/// <summary>Deletes kept answers older than <see cref="IdempotencyOptions.RetentionHours"/>, oldest first.</summary>
public sealed class ExpiredIdempotentAnswers(IDocumentStore store, IdempotencyOptions options, TimeProvider clock) : IHousekeepingTask
{
    public string Name => "expired idempotency answers";

    public async Task<int> RunBatchAsync(int batchSize, CancellationToken ct)
    {
        var cutoff = options.ExpiredBefore(clock);
        await using var session = store.LightweightSession();
        var ids = await session.Query<IdempotentResponse>()
            .Where(a => a.AnsweredAt <= cutoff)
            .OrderBy(a => a.AnsweredAt)
            .Select(a => a.Id)
            .Take(batchSize)
            .ToListAsync(ct);
        if (ids.Count == 0) return 0;
        string[] batch = [.. ids];
        session.DeleteWhere<IdempotentResponse>(a => a.Id.IsOneOf(batch) && a.AnsweredAt <= cutoff);
        await session.SaveChangesAsync(ct);
        return ids.Count;
    }
}

public static class IdempotencyRegistration
{
    public static void AddIdempotency(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Idempotency").Get<IdempotencyOptions>() ?? new IdempotencyOptions());
        builder.Services.AddHousekeepingTask<ExpiredIdempotentAnswers>();
    }

    /// <summary>The answer's time as its own indexed column, so expired answers are found without reading each one.</summary>
    public static void ConfigureIdempotency(this StoreOptions opts) =>
        opts.Schema.For<IdempotentResponse>().Duplicate(x => x.AnsweredAt);
}
