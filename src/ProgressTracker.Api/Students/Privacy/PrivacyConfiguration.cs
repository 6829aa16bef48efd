using Marten;
using ProgressTracker.Infrastructure.Housekeeping;

namespace ProgressTracker.Students.Privacy;

public static class PrivacyConfiguration
{
    public static void ConfigurePrivacy(this StoreOptions opts)
    {
        ProtectedInformation.AddMaskingRules(opts);
        opts.Schema.For<AmendmentRequest>().Index(x => x.StudentId);
        opts.Schema.For<Consent>().Index(x => x.StudentId).UniqueIndex(x => x.TokenHash);
    }

    public static void AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddPrivacyPolicies();
        builder.Services.AddSingleton(builder.Configuration.GetSection("Privacy").Get<PrivacyOptions>() ?? new PrivacyOptions());
        builder.Services.AddSingleton<StudentErasure>();
        builder.Services.AddHousekeepingTask<RetentionSweep>();
    }
}
