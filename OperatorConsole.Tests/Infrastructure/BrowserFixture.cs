using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace OperatorConsole.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server (the console on its own SQLite file) and Debian's Chromium driven by Playwright.
/// Playwright's own browser download does not work on these machines, so the system Chromium is used
/// with the flags that keep it off the network.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("OC_CHROMIUM") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public BrowserFixture()
        : this(seedDemo: true)
    {
    }

    /// <summary>For a subclass whose tests need the console without the demo business (an import's totals are only its own).</summary>
    protected BrowserFixture(bool seedDemo) => Factory = CreateFactory(seedDemo);

    public ConsoleFactory Factory { get; }

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    private static ConsoleFactory CreateFactory(bool seedDemo)
    {
        var factory = new ConsoleFactory { SeedDemo = seedDemo, ValidatesResponses = false };
        factory.Settings["Web:UseStaticWebAssets"] = "true";
        factory.UseKestrel(0);
        return factory;
    }

    public async Task InitializeAsync()
    {
        Factory.StartServer();
        BaseUrl = Factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A new browser context signed in through the real /login page, on the Command Center.</summary>
    public async Task<IPage> SignedInPageAsync(string email = ConsoleFactory.OperatorEmail, string password = ConsoleFactory.Password)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        context.SetDefaultTimeout(15_000);
        // A page load waits for every script and stylesheet; on a loaded 2-core CI machine, with other collections
        // importing 8,800 deals beside it, one /login load took over 15 s (stop 67). A bound, not a timing assertion.
        context.SetDefaultNavigationTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("[data-testid=login-email]", email);
        await page.FillAsync("[data-testid=login-password]", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>An HTTP client of the running console that sends the agent's API key (a machine, not the browser).</summary>
    public HttpClient AgentHttpClient()
    {
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ConsoleFactory.AgentKey);
        return http;
    }

    /// <summary>The agent records a failed "enrich" run over real HTTP, as an outside pipeline would; returns the response.</summary>
    public async Task<HttpResponseMessage> PostFailedRunAsync(string error)
    {
        using var http = AgentHttpClient();
        var startedAt = Factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
        return await http.PostJsonAsync("/api/pipeline-runs", new
        {
            kind = "enrich",
            startedAt,
            finishedAt = startedAt.AddSeconds(30),
            steps = new[] { new { name = "fetch", success = false, error } },
        });
    }

    /// <summary>
    /// Blazor pages are interactive only once the circuit is up; clicking the prerendered page before that does
    /// nothing. The layout's command palette marks the document once its first interactive render has run.
    /// </summary>
    public static async Task WaitForCircuitAsync(IPage page)
    {
        try
        {
            // A bound for a loaded 2-core CI machine, not a timing assertion: a circuit is normally up in well under a second.
            await page.WaitForFunctionAsync(
                "() => window.Blazor !== undefined && document.querySelector('.mud-layout') !== null && document.documentElement.getAttribute('data-oc-palette') === 'ready'",
                null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        }
        catch (TimeoutException e)
        {
            // Say which part never came, so a failure on CI can be told apart: no script, no layout, or no circuit.
            var state = await page.EvaluateAsync<string>(
                "() => `url=${location.pathname} blazor=${window.Blazor !== undefined} layout=${document.querySelector('.mud-layout') !== null} palette=${document.documentElement.getAttribute('data-oc-palette')} reconnect=${document.getElementById('components-reconnect-modal')?.className ?? 'none'} error-ui=${getComputedStyle(document.getElementById('blazor-error-ui') ?? document.body).display}`");
            throw new TimeoutException($"The Blazor circuit did not start within 30 s: {state}", e);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Factory.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// The browser on a console with an empty database: for tests whose figures must be only what they put in (the Maven
/// import's 8,800 deals would also change every screen the demo-business browser tests look at).
/// </summary>
public sealed class EmptyConsoleBrowserFixture() : BrowserFixture(seedDemo: false);

/// <summary>Runs on its own, after the parallel collections: a second server and Chromium importing 8,800 rows next to the others would starve both on a small machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EmptyConsoleBrowserCollection : ICollectionFixture<EmptyConsoleBrowserFixture>
{
    public const string Name = "browser-empty-console";
}

/// <summary>
/// An empty console that the Maven CRM sample is imported into (the built-in path, as the README's one command does),
/// once, on first use: for looking at the screens on real multi-year data.
/// </summary>
public sealed class MavenConsoleBrowserFixture() : BrowserFixture(seedDemo: false)
{
    private readonly SemaphoreSlim _importing = new(1, 1);
    private bool _imported;

    public async Task ImportMavenAsync()
    {
        await _importing.WaitAsync();
        try
        {
            if (_imported)
            {
                return;
            }

            var imports = Factory.Services.GetRequiredService<OperatorConsole.Data.Import.ImportJobService>();
            var actor = new OperatorConsole.Domain.Common.Actor(OperatorConsole.Domain.Common.ActorKind.System, "test-import", "Test import");
            var result = await imports.RunMavenNowAsync(OperatorConsole.Tests.Api.Import.ImportTestSupport.MavenFolder(), OperatorConsole.Domain.Import.DuplicateMode.Skip, actor);
            result.Succeeded.Should().BeTrue(result.Message);
            result.Value!.ErrorCount.Should().Be(0);
            _imported = true;
        }
        finally
        {
            _importing.Release();
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MavenConsoleBrowserCollection : ICollectionFixture<MavenConsoleBrowserFixture>
{
    public const string Name = "browser-maven-console";
}
