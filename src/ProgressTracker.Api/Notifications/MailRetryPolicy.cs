using JasperFx;
using JasperFx.CodeGeneration;
using Wolverine.Configuration;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace ProgressTracker.Notifications;

/// <summary>
/// An SMTP outage: each mail is tried again after each of <see cref="MailOptions.RetrySeconds"/> (scheduled, durable:
/// a restart keeps the schedule), then moved to Wolverine's dead letters (<c>wolverine_dead_letters</c>), where an
/// operator sees it and can replay it. Only the mail handlers get this policy.
/// </summary>
public sealed class MailRetryPolicy(TimeSpan[] delays) : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => typeof(IMailMessage).IsAssignableFrom(c.MessageType)))
        {
            if (delays.Length == 0) chain.OnAnyException().MoveToErrorQueue();
            else chain.OnAnyException().ScheduleRetry(delays).Then.MoveToErrorQueue();
        }
    }
}
