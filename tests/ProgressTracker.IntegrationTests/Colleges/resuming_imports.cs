using Marten;
using Microsoft.Extensions.DependencyInjection;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Students;
using ProgressTracker.Students.Imports;

namespace ProgressTracker.IntegrationTests.Colleges;

public sealed class resuming_imports(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task an_interrupted_import_resumes_after_its_last_committed_batch()
    {
        var ct = TestContext.Current.CancellationToken;
        var college = await Host.RegisterCollege();
        var advisor = await Host.RegisterAdvisor();
        var csv = Imports.Csv("name,email,studentNumber,advisorId",
            $"Rosa Diaz,rosa@example.edu,S-1,{advisor}",
            $"Malik Johnson,malik@example.edu,S-2,{advisor}",
            $"Priya Patel,priya@example.edu,S-3,{advisor}");
        // As a restart finds it: running, the first row's batch committed, the file still there.
        var import = new RosterImport
        {
            Id = Guid.CreateVersion7(), CollegeId = college, Kind = "students", State = ImportState.Running, Total = 3,
            Processed = 1, Applied = 1, RequestedBy = "admin-1", RequestedByRole = "admin", RequestedAt = DateTimeOffset.UtcNow,
        };
        await using (var session = Store.LightweightSession())
        {
            session.Store(import);
            session.Store(new ImportFile(import.Id, csv));
            await session.SaveChangesAsync(ct);
        }

        await Host.Services.GetRequiredService<RosterImporter>().RunAsync(import.Id, progress: null, ct);

        var status = await Host.ImportStatus(import.Id);
        (status.State, status.Processed, status.Applied).ShouldBe((ImportState.Completed, 3, 3));
        await using var query = Store.QuerySession();
        var numbers = (await query.Query<Student>().ToListAsync(ct)).Select(s => s.StudentNumber);
        numbers.Order().ShouldBe(["S-2", "S-3"]);   // row 1 belonged to the batch that had already committed
        (await query.LoadAsync<ImportFile>(import.Id, ct)).ShouldBeNull();
    }
}
