using System.Net;
using System.Net.Http.Headers;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Security;

/// <summary>
/// Every /api endpoint × {anonymous, revoked key, key without the scope, agent key, viewer, operator}. Each
/// caller gets exactly what its role allows: 401 without valid credentials (never a redirect), 403 without the
/// role or scope, and through the guard otherwise. A new endpoint without a policy fails this test.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.DemoFactory factory) : IClassFixture<AuthorizationMatrixTests.DemoFactory>
{
    public sealed class DemoFactory : ConsoleFactory
    {
        public DemoFactory() => SeedDemo = true;
    }

    [Fact]
    public void EveryApiEndpoint_HasAnAuthorizationPolicy()
    {
        var endpoints = EndpointCatalog.Read(factory);

        endpoints.Should().NotBeEmpty();
        endpoints.Where(e => e.Policy is null).Should().BeEmpty("every /api endpoint must name who may call it");
    }

    [Fact]
    public async Task EveryEndpoint_ForEveryCaller_AnswersWhatItsPolicyAllows()
    {
        var endpoints = EndpointCatalog.Read(factory);
        var clients = await ClientsAsync();
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            foreach (var (caller, client) in clients)
            {
                var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.SamplePath());
                if (endpoint.Method is "POST" or "PUT" or "PATCH")
                {
                    // Send the content type the endpoint accepts, so routing does not answer 415 before the guard runs.
                    request.Content = endpoint.AcceptsForm
                        ? new MultipartFormDataContent()
                        : new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var allowed = EndpointCatalog.IsAllowed(endpoint.Policy, caller);
                var expected = allowed ? "through the guard" : caller is Caller.Anonymous or Caller.RevokedKey ? "401" : "403";
                var ok = allowed
                    ? status is not (401 or 403 or 500)
                    : status == (caller is Caller.Anonymous or Caller.RevokedKey ? 401 : 403);
                if (!ok)
                {
                    failures.Add($"{endpoint} as {caller}: got {status}, expected {expected}");
                }

                if (status is 401 or 403 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{endpoint} as {caller}: {status} without a problem document");
                }

                if (status >= 300 && status < 400)
                {
                    failures.Add($"{endpoint} as {caller}: redirected ({status}); the API never redirects to sign-in");
                }
            }
        }

        failures.Should().BeEmpty();
    }

    private async Task<IReadOnlyList<(Caller, HttpClient)>> ClientsAsync()
    {
        var operatorClient = await factory.CreateOperatorClientAsync();
        var revoked = await factory.CreateKeyAsync("read", "runs:write");
        var keys = await (await operatorClient.GetAsync("/api/api-keys")).ReadJsonAsync();
        var revokedId = keys.EnumerateArray().First(k => k.GetProperty("name").GetString()!.Contains("runs:write", StringComparison.Ordinal)).GetProperty("id").GetInt32();
        (await operatorClient.PostJsonAsync($"/api/api-keys/{revokedId}/revoke", new { reason = "matrix test" })).EnsureSuccessStatusCode();
        var noScope = await factory.CreateKeyAsync(EndpointCatalog.KeyWithoutScopeScope);
        return
        [
            (Caller.Anonymous, factory.CreateAnonymousClient()),
            (Caller.RevokedKey, factory.CreateAgentClient(revoked)),
            (Caller.KeyWithoutScope, factory.CreateAgentClient(noScope)),
            (Caller.AgentKey, factory.CreateAgentClient()),
            (Caller.Viewer, await factory.CreateViewerClientAsync()),
            (Caller.Operator, operatorClient),
        ];
    }
}
