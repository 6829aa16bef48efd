using Marten;
using ProgressTracker.Advisors.FollowUps;
using ProgressTracker.Infrastructure;
using Wolverine;

namespace ProgressTracker.Notifications;

public static class NotificationsConfiguration
{
    /// <summary>Follow-ups, the mail they cause (digests, nudges), its queue and retry policy, and their settings.</summary>
    public static void AddFollowUpsAndMail(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var mail = config.GetSection("Email").Get<MailOptions>() ?? new MailOptions();
        builder.Services.AddSingleton(mail);
        builder.Services.AddSingleton(new DigestOptions(config.GetValue("Alerts:DigestHourUtc", 12)));
        builder.Services.AddSingleton(config.GetSection("FollowUps").Get<FollowUpOptions>() ?? new FollowUpOptions());
        builder.Services.AddSingleton(UnsubscribeTokens.From(mail, config["Auth:SigningKey"]));
        builder.Services.AddSingleton<IMailTransport, SmtpMailTransport>();
        builder.Services.AddHostedService<DigestService>();
        builder.Services.AddFollowUpPolicies();
        builder.Services.AddAuthorizationBuilder().AddPolicy(SetNotificationsEndpoint.StudentOnly, p => p.RequireClaim("role", Roles.Student)
            .AddRequirements(new ScopeRequirement(Roles.Student, "student_id", "id", "student")));

        var delays = mail.RetryDelays();
        builder.Services.ConfigureWolverine(opts =>
        {
            // One mail at a time, durable: a restart resumes the queue; the SMTP server is not hammered.
            opts.LocalQueue("mail").Sequential().UseDurableInbox();
            opts.PublishMessage<SendAdvisorDigest>().ToLocalQueue("mail");
            opts.PublishMessage<SendStudentNudge>().ToLocalQueue("mail");
            opts.Policies.Add(new MailRetryPolicy(delays));
        });
    }

    public static void ConfigureNotifications(this StoreOptions opts)
    {
        opts.Schema.For<SentMail>();
        opts.Schema.For<DigestRun>();
        opts.Schema.For<NotificationPreference>();
    }
}
