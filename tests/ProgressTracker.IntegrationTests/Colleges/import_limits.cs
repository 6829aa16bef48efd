using System.Net.Http.Headers;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Students;
using ProgressTracker.Students.Imports;

namespace ProgressTracker.IntegrationTests.Colleges;

/// <summary>Imports are bounded: rows per file (Imports:MaxRows, 2,000 in the tests), one at a time per college.</summary>
public sealed class import_limits(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string StudentsHeader = "name,email,studentNumber,advisorId";

    private static string Students(int rows, Guid advisor, string prefix = "S")
    {
        var csv = new StringBuilder(StudentsHeader).Append('\n');
        for (var i = 1; i <= rows; i++) csv.Append($"Student {i},{prefix.ToLowerInvariant()}{i}@example.edu,{prefix}-{i:D6},{advisor}\n");
        return csv.ToString();
    }

    private async Task<ImportStatus> Finished(Guid import)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        var status = await Host.ImportStatus(import);
        while (status.State is ImportState.Queued or ImportState.Running && DateTime.UtcNow < until)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            status = await Host.ImportStatus(import);
        }
        return status;
    }

    [Fact]
    public void only_the_import_route_takes_a_body_larger_than_a_json_one()
    {
        // Kestrel's limit is the JSON one; RequestSizeLimits raises it for a route that carries its own limit.
        var limits = Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => (Route: (e as RouteEndpoint)?.RoutePattern.RawText, Limit: e.Metadata.GetMetadata<IRequestSizeLimitMetadata>()))
            .Where(e => e.Limit is not null)
            .ToList();

        limits.ShouldHaveSingleItem().Route.ShouldBe("/api/colleges/{collegeId}/imports");
        limits[0].Limit!.MaxRequestBodySize.ShouldBe(StartImportEndpoint.MaxFileBytes + StartImportEndpoint.MultipartOverhead);
    }

    [Fact]
    public async Task a_file_over_the_row_cap_is_a_413_before_anything_is_queued()
    {
        var college = await Host.RegisterCollege();
        var advisor = await Host.RegisterAdvisor();

        var problem = await Host.Reject($"/api/colleges/{college}/imports?kind=students", Students(2_001, advisor), 413);

        problem["detail"]!.GetValue<string>().ShouldContain("2,000");
        await using var query = Store.QuerySession();
        (await query.Query<RosterImport>().CountAsync(TestContext.Current.CancellationToken)).ShouldBe(0);
        (await query.Query<Student>().CountAsync(TestContext.Current.CancellationToken)).ShouldBe(0);
    }

    [Fact]
    public async Task of_simultaneous_imports_for_one_college_one_is_accepted_and_the_others_get_409_import_running()
    {
        var college = await Host.RegisterCollege();
        var other = await Host.RegisterCollege("Hillside Technical College");
        var advisor = await Host.RegisterAdvisor();
        var csv = Students(2_000, advisor);   // exactly the cap: accepted
        using var client = Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Identities.Admin);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.PostAsync(
            $"/api/colleges/{college}/imports?kind=students",
            new StringContent(csv, MediaTypeHeaderValue.Parse("text/csv")), TestContext.Current.CancellationToken)));
        // Another college is not held up.
        var elsewhere = await Host.StartImport(other, "students", Students(3, advisor, "H"));

        responses.Select(r => (int)r.StatusCode).Order().ShouldBe([202, 409, 409, 409, 409, 409]);
        foreach (var refused in responses.Where(r => (int)r.StatusCode == 409))
        {
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            Imports.Json(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))["rule"]!
                .GetValue<string>().ShouldBe("import-running");
        }
        var accepted = Imports.Json(await responses.Single(r => (int)r.StatusCode == 202).Content
            .ReadAsStringAsync(TestContext.Current.CancellationToken))["id"]!.GetValue<Guid>();
        (await Finished(accepted)).State.ShouldBe(ImportState.Completed);
        (await Finished(elsewhere)).State.ShouldBe(ImportState.Completed);

        // Once it has finished, the college imports again.
        (await Host.Import(college, "students", Students(1, advisor, "N"))).State.ShouldBe(ImportState.Completed);
    }

    [Fact]
    public async Task rejected_rows_are_kept_apart_from_the_import_and_come_back_as_csv_in_row_order()
    {
        var college = await Host.RegisterCollege();
        var advisor = await Host.RegisterAdvisor();
        var csv = new StringBuilder(StudentsHeader).Append('\n');
        for (var i = 1; i <= 1_200; i++)
            csv.Append(i % 3 == 0 ? $"Student {i},student{i}@example.edu,S-{i:D6},{advisor}\n" : $"Student {i},not-an-email,S-{i:D6},{advisor}\n");

        var status = await Host.Import(college, "students", csv.ToString());

        (status.Applied, status.Failed).ShouldBe((400, 800));
        // The import's own record stays small: its errors are rows of their own, not a list rewritten every batch.
        var database = Host.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var command = database.CreateCommand(
            $"select length(data::text) from {Store.Options.DatabaseSchemaName}.mt_doc_rosterimport where id = $1"))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = status.Id });
            ((int)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!).ShouldBeLessThan(2_000);
        }
        var lines = (await Host.ImportErrors(status.Id)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].ShouldBe("row,column,message");
        lines.Length.ShouldBe(801);
        var rows = lines.Skip(1).Select(l => int.Parse(l.Split(',')[0])).ToList();
        rows.ShouldBe(Enumerable.Range(1, 1_200).Where(i => i % 3 != 0).ToList());
        lines.Skip(1).ShouldAllBe(l => l.Contains(",email,"));
    }

    [Fact]
    public async Task an_import_running_refusal_is_not_kept_for_its_key()
    {
        var college = await Host.RegisterCollege();
        var advisor = await Host.RegisterAdvisor();
        var ct = TestContext.Current.CancellationToken;
        // As while another import of the college is queued.
        await using (var session = Store.LightweightSession())
        {
            session.Store(new RunningImport(college, Guid.CreateVersion7()));
            await session.SaveChangesAsync(ct);
        }

        async Task<int> Start() => (await Host.Scenario(x =>
        {
            x.As(Identities.Admin);
            x.WithRequestHeader("Idempotency-Key", "nightly-roster");
            x.Post.Text(Students(1, advisor)).ToUrl($"/api/colleges/{college}/imports").QueryString("kind", "students");
            x.WithRequestHeader("Content-Type", "text/csv");
            x.IgnoreStatusCode();
        })).Context.Response.StatusCode;

        (await Start()).ShouldBe(409);
        await using (var session = Store.LightweightSession())
        {
            session.Delete<RunningImport>(college);
            await session.SaveChangesAsync(ct);
        }
        var started = 0;
        await Wolverine.Tracking.WolverineHostMessageTrackingExtensions.ExecuteAndWaitAsync(Host, async () => started = await Start(), 60_000);
        started.ShouldBe(202);
    }
}
