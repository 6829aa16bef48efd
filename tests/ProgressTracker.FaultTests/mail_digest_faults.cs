using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProgressTracker.FaultTests.Harness;
using ProgressTracker.Testing;

namespace ProgressTracker.FaultTests;

/// <summary>
/// Issue 22: the advisors' digest goes out through Wolverine's durable outbox and the "mail" queue. The service is
/// SIGKILLed in the middle of sending it and started again: every advisor gets their digest exactly once.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class mail_digest_faults(FaultFixture fixture)
{
    private const int Advisors = 10;
    private const int KillBeforeMail = 5;   // the service dies as it starts the 5th mail, four having been accepted

    [Fact]
    public async Task the_service_killed_mid_digest_sends_each_advisor_their_digest_exactly_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await fixture.DatabaseAsync("mail_digest");
        await using var smtp = TestSmtpServer.Start();
        var mail = new Dictionary<string, string>
        {
            ["Email__Smtp__Host"] = "127.0.0.1",
            ["Email__Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email__RetrySeconds"] = "1,1,1",
        };

        // 1. Ten advisors, each with one student whose program is not accredited, and the sweep that opens their
        //    follow-ups (the sweep runs a minute after start; the digest timer is off on this node).
        var emails = new Dictionary<Guid, string>();
        var sweeping = ServiceNode.Environment(db, "Development", new Dictionary<string, string>(mail)
        {
            ["Alerts__SweepMinutes"] = "1", ["Email__DigestCheckSeconds"] = "0",
        });
        await using (var seeder = await ServiceNode.StartAsync("seeder", sweeping))
        {
            var client = seeder.Client;
            var college = await client.PostForIdAsync("/api/colleges", new { name = "Lakeside Community College" });
            var program = await client.PostForIdAsync($"/api/colleges/{college}/programs", new
            {
                name = "Unaccredited HIT", award = "aas", normalDurationMonths = 24,
                requiredCategories = new[] { "english", "health-information" }, accreditations = Array.Empty<object>(),
            });
            var startedOn = DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            for (var i = 0; i < Advisors; i++)
            {
                var advisor = await client.RegisterAdvisorAsync();
                emails[advisor] = $"advisor{i}.{Guid.NewGuid():N}@advisors.example.edu";
                await client.PostForIdAsync("/api/accounts", new { email = emails[advisor], role = "advisor", advisorId = advisor });
                var student = (await client.RegisterStudentsAsync(advisor, 1))[0];
                using var enrolled = await client.PostAsJsonAsync($"/api/students/{student}/enrollments",
                    new { programId = program, cohort = "2026-FA", intensity = "full-time", startedOn }, ct);
                ((int)enrolled.StatusCode).ShouldBe(201);
            }
            var waiting = Stopwatch.StartNew();
            while (await OpenFollowUps(client, emails.Keys) < Advisors)
            {
                waiting.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(180), "the sweep opened no follow-ups");
                await Task.Delay(1_000, ct);
            }
        }

        // 2. A node that sends the digest at once; it is killed as the SMTP server sees the fifth mail begin (the four
        //    before it accepted and recorded), before that mail is taken.
        var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        smtp.BeforeEachMail = async n =>
        {
            if (n != KillBeforeMail) return;
            killNow.TrySetResult();
            await release.Task;
        };
        var digesting = ServiceNode.Environment(db, "Development", new Dictionary<string, string>(mail)
        {
            ["Alerts__DigestHourUtc"] = "0", ["Email__DigestCheckSeconds"] = "1",
        });
        var first = await ServiceNode.StartAsync("first", digesting);
        try
        {
            await killNow.Task.WaitAsync(TimeSpan.FromSeconds(90), ct);
            first.Kill();
        }
        finally
        {
            release.TrySetResult();
            await first.DisposeAsync();
        }
        smtp.Delivered.Count.ShouldBe(KillBeforeMail - 1);

        // 3. Started again: the dead node's queued mail moves to the new one (Wolverine:StaleNodeSeconds) and is sent;
        //    what was sent before is not sent again.
        await using var second = await ServiceNode.StartAsync("second", digesting);
        await smtp.WaitFor(d => d.Count >= Advisors, TimeSpan.FromSeconds(120));
        await Task.Delay(3_000, ct);   // anything sent twice would arrive by now

        var delivered = smtp.Delivered;
        delivered.Count.ShouldBe(Advisors, string.Join(", ", delivered.Select(d => d.MessageId)));
        delivered.Select(d => d.MessageId).Distinct().Count().ShouldBe(Advisors);
        foreach (var email in emails.Values) smtp.To(email).Count.ShouldBe(1, email);
        delivered.ShouldAllBe(d => d.Subject == "ProgressTracker: 1 new follow-up");
        (await Checks.ScalarAsync(db, $"select count(*) from {Checks.Schema}.mt_doc_sentmail")).ShouldBe(Advisors);
        (await Checks.ScalarAsync(db, $"select count(*) from {Checks.Schema}.mt_doc_digestrun")).ShouldBe(1);
        second.Log.ShouldNotContain(l => emails.Values.Any(l.Contains));
    }

    private static async Task<int> OpenFollowUps(HttpClient client, IEnumerable<Guid> advisors)
    {
        var open = 0;
        foreach (var advisor in advisors)
        {
            var list = JsonNode.Parse(await client.GetStringAsync($"/api/advisors/{advisor}/follow-ups?state=open"))!.AsArray();
            open += list.Count;
        }
        return open;
    }
}
