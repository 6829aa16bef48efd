using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ProgressTracker.Testing;

/// <summary>A mail the test SMTP server accepted: the envelope's recipients and the parsed message.</summary>
public sealed record DeliveredMail(IReadOnlyList<string> Recipients, MimeMessage Message)
{
    public string MessageId => Message.MessageId ?? "";
    public string Subject => Message.Subject ?? "";
    public string Text => Message.TextBody ?? "";
}

/// <summary>
/// A real SMTP server on a free loopback port (the SmtpServer package), keeping what it accepts. <see cref="Refusing"/>
/// answers every MAIL FROM with 451 (an outage); <see cref="BeforeEachMail"/> runs at each MAIL FROM, before the mail
/// is taken (the fault test holds the service there).
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly ConcurrentQueue<DeliveredMail> _delivered = new();

    public int Port { get; }
    public volatile bool Refusing;
    public Func<int, Task>? BeforeEachMail;
    private int _mailFroms;

    private TestSmtpServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public static TestSmtpServer Start()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new TestSmtpServer(port);
    }

    public IReadOnlyList<DeliveredMail> Delivered => [.. _delivered];

    public IReadOnlyList<DeliveredMail> To(string address) =>
        [.. _delivered.Where(m => m.Recipients.Contains(address, StringComparer.OrdinalIgnoreCase))];

    /// <summary>Waits until <paramref name="done"/> holds for what was delivered, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<DeliveredMail>> WaitFor(Func<IReadOnlyList<DeliveredMail>, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!done(Delivered))
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"The SMTP server has {Delivered.Count} mail(s), not what the test waited for.");
            await Task.Delay(50);
        }
        return Delivered;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(
            SmtpServer.ISessionContext context, SmtpServer.IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeMessage.Load(stream, ct);
            server._delivered.Enqueue(new DeliveredMail([.. transaction.To.Select(m => $"{m.User}@{m.Host}")], message));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class Filter(TestSmtpServer server) : IMailboxFilter
    {
        public async Task<bool> CanAcceptFromAsync(SmtpServer.ISessionContext context, IMailbox from, int size, CancellationToken ct)
        {
            var n = Interlocked.Increment(ref server._mailFroms);
            if (server.BeforeEachMail is { } hook) await hook(n);
            // MailKit reports a refused MAIL FROM as an SmtpCommandException: what a relay that is down for the day says.
            return !server.Refusing;
        }

        public Task<bool> CanDeliverToAsync(SmtpServer.ISessionContext context, IMailbox to, IMailbox from, CancellationToken ct) =>
            Task.FromResult(true);
    }
}
