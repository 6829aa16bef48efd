using System.Reflection;
using Marten.Schema;
using NpgsqlTypes;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// Stores a document's member (a JSON text) in a <c>jsonb</c> column of its own as well, so that a query can read it
/// without detoasting the document. Marten's <c>Duplicate</c> would also index the column: a b-tree over JSON is
/// useless here and refuses values over 2.7 KB.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class JsonbColumnAttribute : MartenAttribute
{
    public override void Modify(DocumentMapping mapping, MemberInfo member) =>
        mapping.DuplicateField([member], "jsonb").DbType = NpgsqlDbType.Jsonb;
}
