using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Domain.Access;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Security;

/// <summary>
/// API keys authenticate /api only. Every routable page (read from the app's own components, so a new page is
/// walked without editing this test) answers a request carrying only a key — whatever its scopes — with the
/// sign-in redirect and no page content; the Blazor hub does not take a key either.
/// </summary>
public sealed class PageAccessTests(AuthorizationMatrixTests.DemoFactory factory) : IClassFixture<AuthorizationMatrixTests.DemoFactory>
{
    /// <summary>Every @page route of the app, parameters filled with an id, minus pages meant for anonymous people.</summary>
    public static IReadOnlyList<string> ProtectedPageRoutes() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttribute<AllowAnonymousAttribute>() is null)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => System.Text.RegularExpressions.Regex.Replace(r.Template, @"\{[^}]+\}", "1"))
            .Distinct()
            .OrderBy(r => r, StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void TheWalkCoversTheScreensPeopleUse()
    {
        var routes = ProtectedPageRoutes();
        routes.Should().Contain(["/", "/approvals", "/failures", "/agent-jobs", "/leads/1", "/chat", "/audit", "/settings"]);
        routes.Should().NotContain("/login");
    }

    [Fact]
    public async Task EveryPage_WithAnyKindOfApiKey_RedirectsToSignIn_WithNoContent()
    {
        var keys = new Dictionary<string, string>
        {
            ["all scopes"] = ConsoleFactory.AgentKey,
            ["read"] = await factory.CreateKeyAsync(ApiScopes.Read),
            ["integrations:write"] = await factory.CreateKeyAsync(ApiScopes.Heartbeats),
        };
        var failures = new List<string>();
        foreach (var (kind, key) in keys)
        {
            var client = factory.CreateAgentClient(key);
            foreach (var route in ProtectedPageRoutes())
            {
                var response = await client.GetAsync(route);
                var body = await response.Content.ReadAsStringAsync();
                var redirectedToSignIn = response.StatusCode == HttpStatusCode.Redirect
                    && response.Headers.Location?.OriginalString.Contains("/login", StringComparison.Ordinal) == true;
                if (!redirectedToSignIn || body.Contains("<main", StringComparison.OrdinalIgnoreCase) || body.Contains("mud-", StringComparison.Ordinal))
                {
                    failures.Add($"{kind} key on {route}: {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        failures.Should().BeEmpty("a machine key never opens a person's screen");
    }

    [Fact]
    public async Task TheSameKey_StillWorksOnTheApi()
    {
        var client = factory.CreateAgentClient(await factory.CreateKeyAsync(ApiScopes.Read));
        (await client.GetAsync("/api/leads")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task BlazorHub_WithOnlyAKey_GetsAnAnonymousCircuit()
    {
        // The circuit's user comes from the hub request; a key there must not make it a signed-in caller.
        var client = factory.CreateAgentClient();
        (await client.GetAsync("/approvals")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var auth = factory.Services.GetRequiredService<Microsoft.AspNetCore.Authentication.IAuthenticationService>();
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = factory.Services.CreateScope().ServiceProvider };
        context.Request.Path = "/_blazor";
        context.Request.Headers.Authorization = "Bearer " + ConsoleFactory.AgentKey;
        var result = await auth.AuthenticateAsync(context, null);
        result.Succeeded.Should().BeFalse("outside /api the key is not read at all");
    }

    [Fact]
    public async Task Viewer_SeesNoDecisionControlsOnApprovals()
    {
        var viewer = await factory.CreateViewerClientAsync();
        var page = await viewer.GetStringAsync("/approvals");
        page.Should().Contain("data-testid=\"approval-item\"", "the demo has pending approvals to show");
        page.Should().NotContain("approval-approve-", "viewers watch; only operators decide").And.NotContain("approval-reject-");
    }
}
