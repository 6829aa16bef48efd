using System.Text.Json;
using JasperFx.Events;
using Marten;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Reports;
using ProgressTracker.Reports.Cohorts;
using ProgressTracker.Students;

namespace ProgressTracker.IntegrationTests.Reports;

/// <summary>
/// A page of the "Reports" projection reads and writes only the students whose record it is current for: a student
/// with later events is left to the page that holds them (what lets a rebuild read each record once).
/// </summary>
public sealed class reports_projection_pages(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task a_page_leaves_a_student_with_later_events_to_the_page_holding_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var program = await Host.AddProgram(await Host.RegisterCollege());
        var advisor = await Host.RegisterAdvisor();
        var spread = await Host.EnrolledStudent(advisor, program, "2024-FA", "2024-08-26");
        await Host.Record(spread, "volunteering", new
        {
            organization = "Mercy General", setting = "hospital", hours = 20, startedOn = "2024-06-01", endedOn = "2024-06-30",
        });
        var single = await Host.EnrolledStudent(advisor, program, "2024-FA", "2024-08-26");
        await Host.WaitForReports();

        // The daemon is caught up: clear what it wrote and hand the projection the events as two pages of our own.
        await using (var clear = Store.LightweightSession())
        {
            clear.DeleteWhere<CohortRow>(_ => true);
            await clear.SaveChangesAsync(ct);
        }
        await using var query = Store.QuerySession();
        var spreadEvents = await query.Events.FetchStreamAsync(spread, token: ct);
        var singleEvents = await query.Events.FetchStreamAsync(single, token: ct);
        spreadEvents.Count.ShouldBe(3);

        await Apply([spreadEvents[0], spreadEvents[1], .. singleEvents]);
        (await Entries()).ShouldBe([single]);

        await Apply([spreadEvents[2]]);
        (await Entries()).ShouldBe([spread, single], ignoreOrder: true);
        var record = await query.LoadAsync<Student>(spread, ct);
        // Records holding lists compare by reference: compare their JSON.
        Json(await query.Query<CohortRow>().Where(r => r.Facts.StudentId == spread).ToListAsync(ct)).ShouldBe(Json(CohortRow.AllOf(record!).ToList()));

        async Task Apply(IReadOnlyList<IEvent> page)
        {
            await using var session = Store.LightweightSession();
            await new ReportsProjection().ApplyAsync(session, page, ct);
            await session.SaveChangesAsync(ct);
        }

        static string Json<T>(T value) => JsonSerializer.Serialize(value);

        async Task<IReadOnlyList<Guid>> Entries() => (await query.Query<CohortRow>().Select(r => r.Facts.StudentId).ToListAsync(ct)).Distinct().ToList();
    }
}
