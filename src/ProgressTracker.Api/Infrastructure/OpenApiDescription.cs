using Microsoft.AspNetCore.OpenApi;

namespace ProgressTracker.Infrastructure;

/// <summary>What the OpenAPI document says about itself: title, what each tag groups, where it is served.</summary>
public static class OpenApiDescription
{
    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Accounts"] = "The service's own directory of people: invitations, role and scope, revocation.",
        ["Reference data"] = "Colleges, their programs with dated accreditation, advisors.",
        ["Students"] = "Registering students and reading their records (every read is logged).",
        ["Milestones"] = "Pathway events appended to a student's record.",
        ["Advisors"] = "An advisor's caseload dashboard and alert inbox.",
        ["Reports"] = "A college's cohort, placement and outcome reports and exports.",
        ["Imports"] = "Roster imports from CSV files and their progress.",
        ["Privacy"] = "A student's privacy rights: identity corrections, amendment requests, consented sharing, erasure.",
        ["Follow-up"] = "Follow-ups of advisors' alerts (contacts, resolution) and students' e-mail nudges.",
    };

    /// <summary>The document at /openapi/v1.json: described, with its security (<see cref="OpenApiSecurity"/>).</summary>
    public static IServiceCollection AddProgressTrackerOpenApi(this IServiceCollection services, IConfiguration configuration) =>
        services.AddOpenApi(o =>
        {
            o.Describe();
            o.AddSecurity(configuration);
        });

    public static void Describe(this OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        document.Info.Title = "ProgressTracker API";
        document.Info.Description = "Milestones on the pathway to a Health Information Technician job, and the reports built from them.";
        foreach (var tag in document.Tags ?? Enumerable.Empty<Microsoft.OpenApi.OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description)) tag.Description = description;
        }
        // The host the document was asked from, as a base URL without the trailing slash (paths start with one).
        foreach (var server in document.Servers ?? Enumerable.Empty<Microsoft.OpenApi.OpenApiServer>())
        {
            if (server.Url is { Length: > 1 } url) server.Url = url.TrimEnd('/');
        }
        return Task.CompletedTask;
    });
}
