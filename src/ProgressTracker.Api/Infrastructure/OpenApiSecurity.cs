using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ProgressTracker.Infrastructure;

/// <summary>
/// The OpenAPI document's security: the schemes a client can use (a bearer token; with OIDC configured, the
/// provider's discovery document) and, on every operation that needs a signed-in caller, a requirement naming them.
/// Routes that allow anonymous callers get none, so generated clients and linters see the same rules as the service.
/// </summary>
public static class OpenApiSecurity
{
    public const string Bearer = "bearer";
    public const string Oidc = "oidc";

    public static void AddSecurity(this OpenApiOptions options, IConfiguration configuration)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token carrying the caller's role and scope claims (api.md \"Authentication\").",
            };
            if (DiscoveryUrl(configuration) is { } discovery)
            {
                document.Components.SecuritySchemes[Oidc] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.OpenIdConnect,
                    OpenIdConnectUrl = discovery,
                    Description = "Sign-in through the institution's identity provider; the service keeps the session.",
                };
            }
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
            {
                // Said explicitly (an empty list: no scheme needed), as for the unsubscribe link.
                operation.Security = [];
                return Task.CompletedTask;
            }
            // Alternatives: either scheme signs the caller in.
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
            if (DiscoveryUrl(configuration) is not null)
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Oidc, context.Document)] = [] });
            return Task.CompletedTask;
        });
    }

    /// <summary><c>{Auth:Oidc:Authority}/.well-known/openid-configuration</c>, or null while OIDC is not configured.</summary>
    private static Uri? DiscoveryUrl(IConfiguration configuration) =>
        configuration["Auth:Oidc:Authority"] is { Length: > 0 } authority
            ? new Uri($"{authority.TrimEnd('/')}/.well-known/openid-configuration")
            : null;
}
