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
    /// <summary>The resource whose access tokens are JWTs for <see cref="ApiAudience"/> (ops/oidc/provider.mjs).</summary>
    public const string ApiResource = "urn:progress-tracker:api";
    public const string ApiAudience = "progress-tracker";

    private static readonly SemaphoreSlim Install = new(1, 1);
    private readonly Process _process;
    private readonly List<string> _log = [];
    private string _redirectUri = "";

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
    /// <param name="extraTokenClaims">Claims the provider adds to its API access tokens (JSON), e.g. a forged role.</param>
    public static async Task<LocalOidcProvider> StartAsync(Uri serviceAddress, CancellationToken ct = default, string? extraTokenClaims = null)
    {
        var folder = Path.Combine(Repository.Root, "ops", "oidc");
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
        start.Environment["OIDC_API_RESOURCE"] = ApiResource;
        start.Environment["OIDC_API_AUDIENCE"] = ApiAudience;
        if (extraTokenClaims is not null) start.Environment["OIDC_EXTRA_TOKEN_CLAIMS"] = extraTokenClaims;

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var provider = new LocalOidcProvider(process, authority, secret) { _redirectUri = $"{service}/signin-oidc" };
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

    /// <summary>
    /// An API access token for the person with this login, as an integration gets one: the authorization code flow
    /// with PKCE through the provider's own login form, driven over HTTP, then the code redeemed at the token endpoint.
    /// </summary>
    public async Task<string> AccessTokenAsync(string login, CancellationToken ct = default)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() })
        {
            BaseAddress = Authority,
        };
        var verifier = Base64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        var authorize = "/auth?" + string.Join('&', new Dictionary<string, string>
        {
            ["client_id"] = ClientId, ["response_type"] = "code", ["redirect_uri"] = _redirectUri, ["scope"] = "openid api",
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256", ["resource"] = ApiResource, ["state"] = "s", ["nonce"] = "n",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

        var location = await RedirectOf(await http.GetAsync(authorize, ct));
        var form = await http.GetStringAsync(location, ct);
        var action = System.Text.RegularExpressions.Regex.Match(form, "action=\"([^\"]+)\"").Groups[1].Value;
        var submitted = await http.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["prompt"] = "login", ["login"] = login, ["password"] = "any password",
        }), ct);
        location = await RedirectOf(submitted);
        while (!location.StartsWith(_redirectUri, StringComparison.Ordinal)) location = await RedirectOf(await http.GetAsync(location, ct));
        var code = System.Web.HttpUtility.ParseQueryString(new Uri(location).Query)["code"]
            ?? throw new InvalidOperationException($"The provider answered no code: {location}");

        using var token = await http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = _redirectUri, ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret, ["code_verifier"] = verifier, ["resource"] = ApiResource,
        }), ct);
        var body = await token.Content.ReadAsStringAsync(ct);
        if (!token.IsSuccessStatusCode) throw new InvalidOperationException($"The token endpoint answered {(int)token.StatusCode}: {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;

        static async Task<string> RedirectOf(HttpResponseMessage answer)
        {
            using (answer)
            {
                if ((int)answer.StatusCode is < 300 or > 399 || answer.Headers.Location is null)
                    throw new InvalidOperationException($"Expected a redirect, got {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
                return answer.Headers.Location.ToString();
            }
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

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
