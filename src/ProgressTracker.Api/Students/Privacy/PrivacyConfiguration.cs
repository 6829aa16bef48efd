using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
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
        // The share link needs no sign-in (the token is the key): its operation says so with an empty requirement.
        builder.Services.Configure<OpenApiOptions>("v1", o => o.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any()
                && context.Description.RelativePath?.StartsWith("shared/", StringComparison.Ordinal) == true)
                operation.Security = [new OpenApiSecurityRequirement()];
            return Task.CompletedTask;
        }));
    }
}
