using System.Diagnostics;
using System.Globalization;

namespace ProgressTracker.Testing;

/// <summary>
/// The real OpenID Connect provider of ops/oidc (npm oidc-provider under Node.js) as a child process on a free
/// loopback port: the browser tests sign in through its login form as the demo does. Its packages come from
/// `npm ci` in ops/oidc, run here when missing (.ci/run runs it first).
/// </summary>
internal sealed class LocalOidcProvider : IAsyncDisposable
{
    public const string ClientId = "progress-tracker";

    private static readonly SemaphoreSlim Install = new(1, 1);
    private readonly Process _process;
    private readonly List<string> _log = [];

    private LocalOidcProvider(Process process, Uri authority, string clientSecret)
    {
        _process = process;
        Authority = authority;
        ClientSecret = clientSecret;
    }

    public Uri Authority { get; }
    public string ClientSecret { get; }

    /// <param name="serviceAddress">Where the service runs: its /signin-oidc is the only redirect the provider accepts.</param>
    /// <param name="ct">Stops the wait for the provider.</param>
    public static async Task<LocalOidcProvider> StartAsync(Uri serviceAddress, CancellationToken ct = default)
    {
        var folder = Path.Combine(RepositoryRoot(), "ops", "oidc");
        await EnsureInstalledAsync(folder, ct);

        var port = LocalPostgresCluster.FreePort();
        var authority = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var secret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var service = serviceAddress.ToString().TrimEnd('/');
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("provider.mjs");
        start.Environment["OIDC_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["OIDC_CLIENT_ID"] = ClientId;
        start.Environment["OIDC_CLIENT_SECRET"] = secret;
        start.Environment["OIDC_REDIRECT_URIS"] = $"{service}/signin-oidc";
        start.Environment["OIDC_POST_LOGOUT_REDIRECT_URIS"] = $"{service}/";

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var provider = new LocalOidcProvider(process, authority, secret);
        process.OutputDataReceived += (_, e) => provider.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => provider.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) break;
            try
            {
                using var answer = await http.GetAsync(new Uri(authority, ".well-known/openid-configuration"), ct);
                if (answer.IsSuccessStatusCode) return provider;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200, ct);
        }
        await provider.DisposeAsync();
        throw new InvalidOperationException($"The local OIDC provider did not start:\n{string.Join('\n', provider._log)}");
    }

    /// <summary>The service's settings for signing in against this provider.</summary>
    public IReadOnlyDictionary<string, string> ServiceSettings => new Dictionary<string, string>
    {
        ["Auth:Oidc:Authority"] = Authority.ToString().TrimEnd('/'),
        ["Auth:Oidc:ClientId"] = ClientId,
        ["Auth:Oidc:ClientSecret"] = ClientSecret,
        ["Auth:Oidc:RequireHttpsMetadata"] = "false",
    };

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_log) _log.Add(line);
    }

    private static async Task EnsureInstalledAsync(string folder, CancellationToken ct)
    {
        await Install.WaitAsync(ct);
        try
        {
            if (Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider"))) return;
            var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error")
            {
                WorkingDirectory = folder,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("npm did not start.");
            await npm.WaitForExitAsync(ct);
            if (npm.ExitCode != 0) throw new InvalidOperationException($"npm ci in {folder} failed ({npm.ExitCode}).");
        }
        finally
        {
            Install.Release();
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProgressTracker.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (ProgressTracker.sln) was not found.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
