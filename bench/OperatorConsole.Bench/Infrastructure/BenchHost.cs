using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace OperatorConsole.Bench;

/// <summary>
/// The real console on Kestrel (a real TCP port, real HTTP), on the benchmark's SQLite file, with a known operator
/// and API key. Logging is kept to warnings so the console output does not become the thing measured.
/// </summary>
public sealed partial class BenchHost(string databasePath) : WebApplicationFactory<Program>
{
    public const string OperatorEmail = "bench@operator.local";
    public const string Password = "Bench-Password-123";
    public const string AgentKey = "oc_bench_agent_key_0123456789abcdef";

    public string BaseUrl { get; private set; } = "";

    public void Start()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("ConnectionStrings:OperatorConsole", $"Data Source={databasePath}");
        builder.UseSetting("Bootstrap:AdminEmail", OperatorEmail);
        builder.UseSetting("Bootstrap:AdminPassword", Password);
        builder.UseSetting("Bootstrap:ApiKey", AgentKey);
        builder.UseSetting("Seed:Demo", "false");
        builder.UseSetting("RateLimiting:ApiPermitsPerSecond", "1000000");
        builder.UseSetting("RateLimiting:ApiBurst", "1000000");
        builder.UseSetting("RateLimiting:SignInAttemptsPerMinute", "1000");
        // Browsers need the console's static files (Blazor's script, MudBlazor's styles) served from the build.
        builder.UseSetting("Web:UseStaticWebAssets", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    /// <summary>A client over the network that signed in through the real /login form.</summary>
    public async Task<HttpClient> OperatorClientAsync()
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true };
        var client = new HttpClient(handler) { BaseAddress = new Uri(BaseUrl) };
        var page = await client.GetStringAsync("/login");
        var token = TokenPattern().Match(page).Groups[1].Value;
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = OperatorEmail,
            ["Input.Password"] = Password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}");
        }

        return client;
    }

    public HttpClient AgentClient() => AgentClient(BaseUrl);

    /// <summary>A client of the console at <paramref name="baseUrl"/> with the bootstrap agent key.</summary>
    public static HttpClient AgentClient(string baseUrl)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AgentKey);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
