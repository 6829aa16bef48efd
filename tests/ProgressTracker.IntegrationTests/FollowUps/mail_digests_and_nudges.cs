using System.Text.RegularExpressions;
using JasperFx.Core;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProgressTracker.IntegrationTests.Accounts;
using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.IntegrationTests.Reports;
using ProgressTracker.Notifications;
using ProgressTracker.Testing;
using Wolverine.Tracking;
using static ProgressTracker.IntegrationTests.Infrastructure.Scenarios;

namespace ProgressTracker.IntegrationTests.FollowUps;

/// <summary>The service's mail, delivered to a real SMTP server (the fixture's) and read back from it.</summary>
public sealed partial class mail_digests_and_nudges(AppFixture fixture) : IntegrationContext(fixture)
{
    private DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    private readonly string _tag = Guid.NewGuid().ToString("N")[..10];
    private string Name(string who) => $"{who} Quillfeather-{_tag}";
    private string Email(string who) => $"{who.ToLowerInvariant()}.{_tag}@mail.example.edu";

    private IReadOnlyList<DeliveredMail> Mine => [.. Mail.Delivered.Where(m => m.Recipients.Any(r => r.Contains(_tag)))];

    private async Task Digest() => await Host.InvokeMessageAndWaitAsync(new SendDigests(Today), 30_000);

    [Fact]
    public async Task the_daily_digest_tells_each_advisor_how_many_follow_ups_are_new_once_a_day_without_names()
    {
        var college = await Host.RegisterCollege();
        var unaccredited = await Host.AddProgram(college, accredited: false, name: "Unaccredited HIT");
        var avery = await Host.RegisterAdvisor();
        var blake = await Host.RegisterAdvisor("Blake Advisor");
        var quiet = await Host.RegisterAdvisor("Quiet Advisor");
        await Host.InviteAdvisor(avery, Email("avery"));
        await Host.InviteAdvisor(blake, Email("blake"));
        await Host.InviteAdvisor(quiet, Email("quiet"));
        var students = new List<Guid>();
        foreach (var (who, advisor) in new[] { ("Rosa", avery), ("Sam", avery), ("Tess", blake) })
            students.Add(await Host.NamedStudent(advisor, unaccredited, Name(who), Email(who), Day(Today.AddDays(-30))));
        (await Host.Sweep()).Count.ShouldBe(3);

        using var sent = new MailCounter("progress_tracker.mail.sent");
        await Digest();
        await Mail.WaitFor(_ => Mine.Count >= 2, 20.Seconds());
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Mine.Count.ShouldBe(2);   // the advisor with nothing new gets nothing
        sent.Count.ShouldBe(2);

        var toAvery = Mail.To(Email("avery")).Single();
        toAvery.Subject.ShouldBe("ProgressTracker: 2 new follow-ups");
        toAvery.Message.From.ToString().ShouldContain("no-reply@progress.example.edu");
        toAvery.Text.ShouldContain("not-exam-eligible: 2");
        toAvery.Text.ShouldContain($"{AppFixture.PublicBaseUrl}/advisor.html#follow-ups");
        toAvery.MessageId.ShouldEndWith("@progress-tracker");
        Mail.To(Email("blake")).Single().Subject.ShouldBe("ProgressTracker: 1 new follow-up");
        foreach (var m in Mine)
        {
            foreach (var who in new[] { "Rosa", "Sam", "Tess" })
            {
                m.Subject.ShouldNotContain(Name(who));
                m.Text.ShouldNotContain(Name(who));
                m.Text.ShouldNotContain(Email(who));
            }
            foreach (var student in students) m.Text.ShouldNotContain(student.ToString());
        }

        // The same day again, or the next day with nothing new: no mail.
        await Digest();
        Clock.Advance(TimeSpan.FromDays(1));
        await Digest();
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Mine.Count.ShouldBe(2);

        // Nothing identifying in any log line of all this.
        Logs.Lines.ShouldNotContain(l => new[] { "Rosa", "Sam", "Tess", "avery", "blake" }.Any(w => l.Contains(Name(w)) || l.Contains(Email(w))));
    }

    [Fact]
    public async Task a_student_who_opted_in_gets_a_nudge_for_their_next_step_and_unsubscribes_without_signing_in()
    {
        var college = await Host.RegisterCollege();
        var program = await Host.AddProgram(college);
        var advisor = await Host.RegisterAdvisor();
        var start = Day(Today.AddYears(-2));
        var rosa = await Host.NamedStudent(advisor, program, Name("Rosa"), Email("Rosa"), start);
        var sam = await Host.NamedStudent(advisor, program, Name("Sam"), Email("Sam"), start);
        await Host.InviteStudent(rosa, Email("Rosa"));
        await Host.InviteStudent(sam, Email("Sam"));
        await Host.Status("PUT", $"/api/students/{rosa}/notifications", Identities.Student(rosa), 200, new { email = true });
        // Both graduate (exam-ready); only Rosa asked for nudges.
        foreach (var student in new[] { rosa, sam })
        {
            await Host.CompleteAllCourses(student, program, Day(Today.AddDays(-40)));
            await Host.Degree(student, program, Day(Today.AddDays(-20)));
        }

        await Host.Sweep();
        var nudge = (await Mail.WaitFor(_ => Mine.Count >= 1, 20.Seconds())).Single(m => m.Recipients.Contains(Email("Rosa").ToLowerInvariant()));
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Mine.Count.ShouldBe(1);
        nudge.Subject.ShouldBe("ProgressTracker: your next step");
        nudge.Text.ShouldContain("You can sit the RHIT exam");
        nudge.Text.ShouldContain($"{AppFixture.PublicBaseUrl}/student.html?id={rosa}");
        nudge.Text.ShouldNotContain(Name("Rosa"));
        nudge.Message.Headers["List-Unsubscribe"].ShouldNotBeNull();

        var link = UnsubscribeLink().Match(nudge.Text).Value;
        link.ShouldStartWith($"{AppFixture.PublicBaseUrl}/notifications/unsubscribe?token=");
        var path = link[AppFixture.PublicBaseUrl.Length..];

        // A tampered token changes nothing; the genuine one works without any sign-in.
        var token = path[(path.IndexOf('=') + 1)..];
        var tampered = path[..(path.IndexOf('=') + 1)] + (token[0] == 'A' ? 'B' : 'A') + token[1..];
        await Host.Scenario(x => { x.Get.Url(tampered); x.StatusCodeShouldBe(400); });
        (await Preference(rosa)).ShouldBeTrue();
        await Host.Scenario(x => { x.Get.Url(path); x.StatusCodeShouldBe(200); });
        (await Preference(rosa)).ShouldBeFalse();

        // After the link's days it no longer works.
        Clock.Advance(TimeSpan.FromDays(61));
        await Host.Scenario(x => { x.Get.Url(path); x.StatusCodeShouldBe(400); });

        Logs.Lines.ShouldNotContain(l => l.Contains(Email("Rosa")) || l.Contains(Name("Rosa")) || l.Contains(token));
    }

    [Fact]
    public async Task a_revoked_student_account_gets_no_mail()
    {
        var college = await Host.RegisterCollege();
        var program = await Host.AddProgram(college);
        var advisor = await Host.RegisterAdvisor();
        var rosa = await Host.NamedStudent(advisor, program, Name("Rosa"), Email("Rosa"), Day(Today.AddYears(-2)));
        var account = await Host.InviteStudent(rosa, Email("Rosa"));
        await Host.Status("PUT", $"/api/students/{rosa}/notifications", Identities.Student(rosa), 200, new { email = true });
        await Host.Revoke(account);
        await Host.CompleteAllCourses(rosa, program, Day(Today.AddDays(-40)));
        await Host.Degree(rosa, program, Day(Today.AddDays(-20)));

        await Host.Sweep();
        await WaitForSentRecords(1);
        Mine.ShouldBeEmpty();
    }

    [Fact]
    public async Task an_smtp_outage_is_retried_then_dead_lettered_and_nothing_is_sent_twice()
    {
        var college = await Host.RegisterCollege();
        var unaccredited = await Host.AddProgram(college, accredited: false, name: "Unaccredited HIT");
        var avery = await Host.RegisterAdvisor();
        await Host.InviteAdvisor(avery, Email("avery"));
        await Host.NamedStudent(avery, unaccredited, Name("Rosa"), Email("Rosa"), Day(Today.AddDays(-30)));
        await Host.Sweep();
        var failedBefore = Logs.Lines.Count(l => l.Contains("(digest) attempt"));

        using var failed = new MailCounter("progress_tracker.mail.failed");
        Mail.Refusing = true;
        try
        {
            await Host.TrackActivity().Timeout(30.Seconds()).DoNotAssertOnExceptionsDetected().InvokeMessageAndWaitAsync(new SendDigests(Today));
            // Email:RetrySeconds is "1,1" in the tests: three attempts, then Wolverine's dead letters.
            var deadLetters = await WaitForDeadLetters(1, 60.Seconds());
            deadLetters.ShouldBe(1);
        }
        finally
        {
            Mail.Refusing = false;
        }
        Logs.Lines.Count(l => l.Contains("(digest) attempt")).ShouldBe(failedBefore + 3);
        failed.Count.ShouldBe(3);
        Mine.ShouldBeEmpty();
        Logs.Lines.ShouldNotContain(l => l.Contains(Email("avery")));
    }

    private async Task<bool> Preference(Guid student)
    {
        await using var session = Store.QuerySession();
        return (await session.LoadAsync<NotificationPreference>(student))?.Email == true;
    }

    private async Task WaitForSentRecords(int count)
    {
        for (var i = 0; i < 200; i++)
        {
            await using var session = Store.QuerySession();
            if (await session.Query<SentMail>().CountAsync() >= count) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("No mail was dealt with.");
    }

    private async Task<long> WaitForDeadLetters(int count, TimeSpan timeout)
    {
        var database = Host.Services.GetRequiredService<NpgsqlDataSource>();
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var command = database.CreateCommand(
                "select count(*) from progress_tracker_tests.wolverine_dead_letters where message_type like '%advisor_digest%' or message_type like '%SendAdvisorDigest%'");
            var n = (long)(await command.ExecuteScalarAsync())!;
            if (n >= count || DateTime.UtcNow > until) return n;
            await Task.Delay(250);
        }
    }

    /// <summary>Listens to one counter of the service's meter (README "Operations: telemetry") while the test runs.</summary>
    private sealed class MailCounter : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
        private long _count;

        public MailCounter(string name)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ProgressTracker.Infrastructure.Telemetry.ServiceMetrics.MeterName && instrument.Name == name)
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }

    [GeneratedRegex(@"https://\S+/notifications/unsubscribe\?token=\S+")]
    private static partial Regex UnsubscribeLink();
}
