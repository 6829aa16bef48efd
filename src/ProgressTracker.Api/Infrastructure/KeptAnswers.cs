using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Marten;
using Wolverine.Http;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// Idempotency in one place: after each write endpoint that works in a Marten session, and before Wolverine commits
/// that session, the answer it returned is kept for the request's <c>Idempotency-Key</c> (<see cref="Idempotency.Keep"/>).
/// The middleware (<see cref="Idempotency"/>) holds the key's lock, replays a kept answer and keeps refusals.
/// </summary>
public sealed class KeptAnswers : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(IsSessionWrite))
        {
            // The endpoint's own IResult, not one a Load or Before method returned to say "go on".
            var result = chain.Method.Creates.FirstOrDefault(v => v.VariableType == typeof(IResult));
            if (result is null) continue;
            var keep = new MethodCall(typeof(Idempotency), nameof(Idempotency.Keep));
            keep.Arguments[0] = result;
            // First of the postprocessors: before the transactional middleware's SaveChangesAsync.
            chain.Postprocessors.Insert(0, keep);
        }
    }

    private static bool IsSessionWrite(HttpChain chain) =>
        chain.HttpMethods.Any(Idempotency.IsWrite)
        && chain.Method.HandlerType.GetMethods().Any(m => m.GetParameters().Any(p => p.ParameterType == typeof(IDocumentSession)));
}
