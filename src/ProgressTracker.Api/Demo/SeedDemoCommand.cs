using JasperFx.CommandLine;
using Marten;

namespace ProgressTracker.Demo;

/// <summary>`dotnet run -- seed-demo`: seeds the demo data set (once; a second run changes nothing).</summary>
[Description("Seed the demo college, advisors and thirty students spread over every stage", Name = "seed-demo")]
public sealed class SeedDemoCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        // The host is built, not started: the seed needs the document store, not a web server or the daemon.
        using var host = input.BuildHost();
        var seeded = await new DemoSeeder(host.Services.GetRequiredService<IDocumentStore>()).SeedAsync(CancellationToken.None);
        Console.WriteLine(seeded ? "Demo data seeded." : "Demo data was already there; nothing changed.");
        return true;
    }
}
