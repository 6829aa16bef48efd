using ProgressTracker.Infrastructure;
using ProgressTracker.Students.Imports;

namespace ProgressTracker.UnitTests.Students.Imports;

public sealed class ImportKindsTests
{
    [Fact]
    public void the_documented_columns_are_the_columns_the_importer_reads()
    {
        foreach (var kind in ImportKind.All.Values)
            StartImportEndpoint.Columns.ShouldContain($"{kind.Name}: {string.Join(',', kind.Columns)}");
    }

    [Fact]
    public void the_same_name_always_gives_the_same_version_5_id()
    {
        var id = DeterministicIds.For("college|enrollments|S-1");

        id.ShouldBe(DeterministicIds.For("college|enrollments|S-1"));
        id.ShouldNotBe(DeterministicIds.For("college|enrollments|S-2"));
        id.Version.ShouldBe(5);
    }
}
