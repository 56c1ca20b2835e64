using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Tests.Infrastructure;

/// <summary>
/// The console in-process over a real SQLite file of its own, with a fake clock, a known operator, a
/// viewer and an all-scopes API key. One factory per test class (xunit class fixture); tests that need an
/// empty database make their own.
/// </summary>
public class ConsoleFactory : WebApplicationFactory<Program>
{
    public const string OperatorEmail = "operator@test.local";
    public const string ViewerEmail = "viewer@test.local";
    public const string Password = "Test-Password-123";
    public const string AgentKey = "oc_test_agent_key_0123456789abcdef";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "oc-tests", Guid.NewGuid().ToString("N"));
    private bool _viewerCreated;

    /// <summary>"Now" for the whole app; tests move it with Advance/SetUtcNow.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public string DatabasePath => Path.Combine(_folder, "console.db");

    /// <summary>Fill the database with the demo business on start.</summary>
    public bool SeedDemo { get; init; }

    /// <summary>Extra configuration (key → value) for a test class that needs it.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Validates every JSON answer against the served OpenAPI document (issue 20); see <see cref="ResponseConformance"/>.</summary>
    public ResponseConformance Conformance { get; }

    /// <summary>
    /// Whether API responses are checked against the OpenAPI document. The check reads the document through the
    /// in-memory test server, so a factory serving real Kestrel (browser tests) turns it off; the API tests keep it.
    /// </summary>
    public bool ValidatesResponses { get; init; } = true;

    public ConsoleFactory() => Conformance = new ResponseConformance(() => CreateAnonymousClient().GetStringAsync("/openapi/v1.json"));

    /// <summary>Extra service replacements for a test class that needs them.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:OperatorConsole", $"Data Source={DatabasePath}");
        builder.UseSetting("Bootstrap:AdminEmail", OperatorEmail);
        builder.UseSetting("Bootstrap:AdminPassword", Password);
        builder.UseSetting("Bootstrap:ApiKey", AgentKey);
        builder.UseSetting("Seed:Demo", SeedDemo ? "true" : "false");
        builder.UseSetting("RateLimiting:ApiPermitsPerSecond", "100000");
        builder.UseSetting("RateLimiting:ApiBurst", "100000");
        builder.UseSetting("RateLimiting:SignInAttemptsPerMinute", "1000");
        builder.UseSetting("Storage:Root", Path.Combine(_folder, "files"));
        // The real model is tested where semantic quality is the subject (Tests/*/Semantic, the chat evaluation).
        builder.UseSetting("Semantic:Embeddings", "lexical");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            // Tests hash passwords many times; production keeps the OWASP iteration count.
            services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1000);
            if (ValidatesResponses)
            {
                services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(Conformance.StartupFilter());
            }

            ConfigureServices?.Invoke(services);
        });
    }

    /// <summary>A client that authenticates with the bootstrap API key (every machine scope).</summary>
    public HttpClient CreateAgentClient(string? key = AgentKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Adds a lead the way an agent does (through the API, so its change is published like any other); its id.</summary>
    public async Task<int> PostLeadAsync(string title, string company = "Acme")
    {
        var response = await CreateAgentClient().PostJsonAsync("/api/leads", new { title, company });
        response.EnsureSuccessStatusCode();
        return (await response.ReadAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>
    /// Records a research run for <paramref name="leadId"/> the way an agent does: one passing step, one failing step
    /// (upstream 503), or a passing and a failing one (partial, disk full).
    /// </summary>
    public async Task PostRunAsync(int leadId, OperatorConsole.Domain.Runs.RunStatus status, DateTime startedAt)
    {
        var steps = status switch
        {
            OperatorConsole.Domain.Runs.RunStatus.Success => new object[] { new { name = "fetch", success = true } },
            OperatorConsole.Domain.Runs.RunStatus.Fail => [new { name = "fetch", success = false, error = "upstream 503" }],
            _ => [new { name = "fetch", success = true }, new { name = "write", success = false, error = "disk full" }],
        };
        var response = await CreateAgentClient().PostJsonAsync("/api/pipeline-runs", new { leadId, kind = "research", startedAt, finishedAt = startedAt.AddSeconds(20), steps });
        response.EnsureSuccessStatusCode();
    }

    public HttpClient CreateAnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Signs in through the real /login form (antiforgery token and all) and keeps the cookie.</summary>
    public async Task<HttpClient> CreateOperatorClientAsync() => await SignInAsync(OperatorEmail, Password);

    public async Task<HttpClient> CreateViewerClientAsync()
    {
        await EnsureViewerAsync();
        return await SignInAsync(ViewerEmail, Password);
    }

    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await TrySignInAsync(client, email, password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    public static async Task<HttpResponseMessage> TrySignInAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/login");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync("/login", form);
    }

    public async Task EnsureViewerAsync()
    {
        if (_viewerCreated)
        {
            return;
        }

        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ConsoleUser>>();
        if (await users.FindByEmailAsync(ViewerEmail) is null)
        {
            var viewer = new ConsoleUser { UserName = ViewerEmail, Email = ViewerEmail, EmailConfirmed = true, DisplayName = "Viewer", CreatedAt = Clock.GetUtcNow().UtcDateTime };
            (await users.CreateAsync(viewer, Password)).Succeeded.Should().BeTrue();
            await users.AddToRoleAsync(viewer, OperatorConsole.Domain.Access.ConsoleRoles.Viewer);
        }

        _viewerCreated = true;
    }

    /// <summary>Creates an API key with exactly these scopes and returns its secret.</summary>
    public async Task<string> CreateKeyAsync(params string[] scopes)
    {
        var keys = Services.GetRequiredService<OperatorConsole.Data.Access.ApiKeyService>();
        var actor = new OperatorConsole.Domain.Common.Actor(OperatorConsole.Domain.Common.ActorKind.User, "test", "Test operator", IsOperator: true);
        var created = await keys.CreateAsync(new OperatorConsole.Data.Access.CreateApiKeyRequest("test key " + string.Join(",", scopes), scopes), actor);
        return created.Value!.Secret;
    }

    /// <summary>A fresh context on the app's database, for arranging data and asserting what was written.</summary>
    public ConsoleDbContext CreateDbContext() => Services.GetRequiredService<IDbContextFactory<ConsoleDbContext>>().CreateDbContext();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Conformance.Report(GetType().FullName ?? GetType().Name);

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by the OS is harmless in a temp folder.
            }

            if (Conformance.Mismatches.Count > 0)
            {
                throw new InvalidOperationException("Responses that do not match the OpenAPI document's schema:\n" + string.Join("\n", Conformance.Mismatches.Take(30)));
            }
        }
    }
}

/// <summary>JSON helpers that read the API's spelling (camelCase, snake_case enums).</summary>
public static class ApiJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = CreateOptions();

    private static System.Text.Json.JsonSerializerOptions CreateOptions()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        OperatorConsole.Web.WebServiceCollectionExtensions.ConfigureJson(options);
        // The server refuses unknown fields; a test reading a response into a partial record is a tolerant client.
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        return options;
    }

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PostAsJsonAsync(url, body, Options);

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Options))!;

    public static async Task<System.Text.Json.JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }
}
