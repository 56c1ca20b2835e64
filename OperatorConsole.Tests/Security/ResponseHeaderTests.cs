using System.Net;
using System.Text.RegularExpressions;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Security;

/// <summary>
/// Headers: a CSP with no inline script and WebSockets to this origin only, pages without inline scripts (so the
/// CSP can stay strict), no-store on everything that carries people's data or secrets, and no Server header
/// from the real Kestrel server.
/// </summary>
public sealed class ResponseHeaderTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task Csp_AllowsNoInlineScript_AndConnectsToThisOriginOnly()
    {
        var response = await factory.CreateAnonymousClient().GetAsync("/login");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var directives = csp.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);

        directives["script-src"].Should().Be("script-src 'self'");
        directives["connect-src"].Should().Be("connect-src 'self'", "the circuit's WebSocket goes to this host only, never ws: anywhere");
        directives["object-src"].Should().Be("object-src 'none'");
        directives["frame-ancestors"].Should().Be("frame-ancestors 'none'");
    }

    [Fact]
    public async Task Pages_RenderNoInlineScript()
    {
        var @operator = await factory.CreateOperatorClientAsync();
        foreach (var page in new[] { "/", "/settings", "/approvals" })
        {
            var html = await @operator.GetStringAsync(page);
            Regex.Matches(html, @"<script(?![^>]*\bsrc=)[^>]*>").Should().BeEmpty($"{page} must run under script-src 'self'");
        }

        var login = await factory.CreateAnonymousClient().GetStringAsync("/login");
        Regex.Matches(login, @"<script(?![^>]*\bsrc=)[^>]*>").Should().BeEmpty();
    }

    [Theory]
    [InlineData("/api/api-keys")]
    [InlineData("/api/audit")]
    [InlineData("/settings")]
    public async Task SecretBearingResponses_AreNoStore(string path)
    {
        var @operator = await factory.CreateOperatorClientAsync();
        var response = await @operator.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task NewApiKeySecret_IsNoStore_AndTheSignInPageToo()
    {
        var @operator = await factory.CreateOperatorClientAsync();
        var created = await @operator.PostRawAsync("/api/api-keys", """{"name":"cache test","scopes":["read"]}""");
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.CacheControl!.NoStore.Should().BeTrue("the response carries the key's secret");
        (await factory.CreateAnonymousClient().GetAsync("/login")).Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task RealKestrel_SendsNoServerHeader_AndStaticAssetsKeepTheirCaching()
    {
        using var kestrel = new ConsoleFactory();
        kestrel.Settings["Web:UseStaticWebAssets"] = "true";
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        using var http = new HttpClient { BaseAddress = kestrel.ClientOptions.BaseAddress };

        var live = await http.GetAsync("/health/live");
        live.Headers.Contains("Server").Should().BeFalse();
        var asset = await http.GetAsync("/blazor-start.js");
        asset.StatusCode.Should().Be(HttpStatusCode.OK);
        asset.Headers.CacheControl!.NoStore.Should().BeFalse("static files are the same for everyone and may be cached");
    }
}
