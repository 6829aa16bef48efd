using ProgressTracker.IntegrationTests.Infrastructure;
using ProgressTracker.Testing;

namespace ProgressTracker.IntegrationTests.Operations;

/// <summary>
/// The OpenAPI document as the running host serves it, linted by Redocly CLI with its recommended rules (the version
/// pinned in ops/openapi/package-lock.json; `npm ci` there when node_modules is missing). Errors fail the test.
/// </summary>
/// <remarks>
/// The two warnings that stay, on purpose:
/// - info-license: the API is an institution's internal service, not a published one; it has no licence to name.
/// - no-server-example.com: the servers entry is the host the document was asked from, here the test host (localhost).
/// </remarks>
public sealed class openapi_lint(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task redocly_finds_no_error_in_the_document()
    {
        var ct = TestContext.Current.CancellationToken;
        var result = await Host.Scenario(x =>
        {
            x.Get.Url("/openapi/v1.json");
            x.StatusCodeShouldBe(200);
        });
        var tool = Path.Combine(Repository.Root, "ops", "openapi");
        var document = Path.Combine(Repository.Root, "TestResults", "openapi", "v1.json");
        Directory.CreateDirectory(Path.GetDirectoryName(document)!);
        await File.WriteAllTextAsync(document, await result.ReadAsTextAsync(), ct);

        try
        {
            if (!File.Exists(Path.Combine(tool, "node_modules", ".bin", "redocly")))
                await Shell.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5), workingDirectory: tool);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("npm is missing: the OpenAPI lint needs Node.js 20 or later (`apt-get install -y nodejs npm`; .ci/run does).");
        }
        var lint = await Shell.RunAsync("npx", ["--no-install", "redocly", "lint", "--extends=recommended", "--format=stylish", document],
            TimeSpan.FromMinutes(2), throwOnError: false, workingDirectory: tool,
            environment: new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" });

        // Redocly exits non-zero when a rule at level error fails.
        lint.ExitCode.ShouldBe(0, lint.Output);
    }
}
