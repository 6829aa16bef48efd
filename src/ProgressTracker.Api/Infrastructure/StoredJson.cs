using System.Data.Common;
using Marten.Internal;
using Marten.Linq.QueryHandlers;
using Weasel.Postgresql;
using Weasel.Storage;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// A document's JSON as stored, by id, as one query of a Marten batch (<c>batch.AddItem</c>): Marten's own
/// <c>session.Json</c> reads cannot join a batch, and a read model stored in the shape the API answers is sent unparsed.
/// </summary>
public sealed class StoredJson<TDoc>(Guid id) : IQueryHandler<string?>
{
    public void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
    {
        var table = ((IMartenSession)session).StorageFor(typeof(TDoc)).TableName.QualifiedName;
        builder.Append($"select data from {table} where id = ");
        builder.AppendParameter(id);
    }

    public async Task<string?> HandleAsync(DbDataReader reader, IStorageSession session, CancellationToken token) =>
        await reader.ReadAsync(token) ? await reader.GetFieldValueAsync<string>(0, token) : null;

    public Task<int> StreamJson(Stream stream, DbDataReader reader, CancellationToken token) =>
        throw new NotSupportedException("Read with HandleAsync.");
}
