using System.Text.RegularExpressions;
using ProgressTracker.Testing;
using YamlDotNet.RepresentationModel;

namespace ProgressTracker.UnitTests.Operations;

/// <summary>
/// docker-compose.yml is production-like: Production, secrets only from .env, ports on the loopback interface only,
/// the schema applied by a one-shot `migrate` as the owner before the api starts as the runtime role.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string Root = Repository.Root;
    private static readonly YamlMappingNode Services = (YamlMappingNode)Load()["services"];

    [Fact]
    public void the_service_runs_in_production()
    {
        foreach (var name in new[] { "api", "migrate" })
            Environment(name)["ASPNETCORE_ENVIRONMENT"].ShouldBe("Production", name);
    }

    [Fact]
    public void every_published_port_is_on_the_loopback_interface()
    {
        var ports = Services.Children.Values.OfType<YamlMappingNode>()
            .SelectMany(s => s.Children.TryGetValue("ports", out var p) ? ((YamlSequenceNode)p).Children : [])
            .Select(p => p.ToString()).ToList();
        ports.ShouldNotBeEmpty();
        ports.ShouldAllBe(p => p.StartsWith("127.0.0.1:"));
    }

    [Fact]
    public void no_secret_is_written_in_the_file()
    {
        foreach (var service in Services.Children.Keys.Select(k => k.ToString()))
        {
            foreach (var (key, value) in Environment(service))
            {
                if (SecretName().IsMatch(key)) value.ShouldMatch(@"^\$\{[A-Z_]+(:[?-][^}]*)?\}$", $"{service}: {key}");
                foreach (Match password in PasswordInConnectionString().Matches(value))
                    password.Groups[1].Value.ShouldMatch(@"^\$\{[A-Z_]+\}$", $"{service}: {key}");
            }
        }
    }

    [Fact]
    public void the_secrets_come_from_an_uncommitted_env_file_with_a_committed_example()
    {
        File.ReadAllLines(Path.Combine(Root, ".gitignore")).ShouldContain(".env");
        var example = File.ReadAllLines(Path.Combine(Root, ".env.example"))
            .Where(l => !l.StartsWith('#') && l.Contains('=')).Select(l => l[..l.IndexOf('=')]).ToHashSet();
        var used = Variable().Matches(File.ReadAllText(Path.Combine(Root, "docker-compose.yml"))).Select(m => m.Groups[1].Value).Distinct();
        used.ShouldAllBe(v => example.Contains(v));
    }

    [Fact]
    public void the_schema_is_applied_as_the_owner_before_the_api_starts_as_the_runtime_role()
    {
        var migrate = (YamlMappingNode)Services["migrate"];
        ((YamlSequenceNode)migrate["command"]).Children.Select(c => c.ToString()).ShouldBe(["db-apply"]);
        Environment("migrate")["ConnectionStrings__MartenOwner"].ShouldContain("Username=progress_tracker_owner");

        var api = (YamlMappingNode)Services["api"];
        ((YamlMappingNode)((YamlMappingNode)api["depends_on"])["migrate"])["condition"].ToString().ShouldBe("service_completed_successfully");
        var apiEnvironment = Environment("api");
        apiEnvironment["ConnectionStrings__Marten"].ShouldContain("Username=progress_tracker_app");
        apiEnvironment.ShouldNotContainKey("ConnectionStrings__MartenOwner");

        var postgres = (YamlMappingNode)Services["postgres"];
        ((YamlSequenceNode)postgres["volumes"]).Children.Select(v => v.ToString())
            .ShouldContain(v => v.Contains("/docker-entrypoint-initdb.d/"));
    }

    private static Dictionary<string, string> Environment(string service) =>
        ((YamlMappingNode)Services[service]).Children.TryGetValue("environment", out var env)
            ? ((YamlMappingNode)env).Children.ToDictionary(e => e.Key.ToString(), e => e.Value.ToString())
            : [];

    private static YamlMappingNode Load()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, "docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    [GeneratedRegex("password|secret|signingkey", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex("Password=([^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordInConnectionString();

    [GeneratedRegex(@"\$\{([A-Z_]+)")]
    private static partial Regex Variable();
}
