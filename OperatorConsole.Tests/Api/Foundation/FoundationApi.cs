using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Idempotency;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Audit;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Integrations;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Foundation;

/// <summary>Who may call an endpoint (ConsolePolicies).</summary>
public enum Access
{
    /// <summary>People, or an API key with the read scope.</summary>
    Read,

    /// <summary>Operator, or an API key with <see cref="FoundationEndpoint.Scope"/>.</summary>
    Record,

    /// <summary>Any signed-in person; no API key.</summary>
    People,

    /// <summary>Signed-in operator only.</summary>
    Operator,
}

/// <summary>One foundation endpoint with a body that passes validation, so only auth decides the outcome.</summary>
public sealed record FoundationEndpoint(string Method, string Path, string? Body, Access Access, string? Scope = null)
{
    public bool IsWrite => Method != "GET";

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>Helpers shared by the foundation API tests: the endpoint table, requests and row counts.</summary>
public static class FoundationApi
{
    /// <summary>The lead every table entry refers to ({lead} in a path is replaced by its id).</summary>
    public const string LeadToken = "{lead}";

    public static readonly IReadOnlyList<FoundationEndpoint> Endpoints =
    [
        new("POST", "/api/leads", """{"title":"Matrix lead"}""", Access.Record, ApiScopes.LeadsWrite),
        new("GET", "/api/leads", null, Access.Read),
        new("GET", "/api/leads/{lead}", null, Access.Read),
        new("PATCH", "/api/leads/{lead}", """{"company":"Patched Ltd"}""", Access.Operator),
        new("POST", "/api/leads/{lead}/status", """{"status":"qualified","reason":"matrix"}""", Access.Operator),
        new("GET", "/api/leads/{lead}/status-history", null, Access.Read),
        new("POST", "/api/leads/{lead}/touches", """{"channel":"email","direction":"outbound","summary":"matrix"}""", Access.Record, ApiScopes.TouchesWrite),
        new("GET", "/api/leads/{lead}/touches", null, Access.Read),
        new("POST", "/api/pipeline-runs", """{"kind":"research","startedAt":"2026-11-25T08:00:00Z","steps":[{"name":"fetch","success":true}]}""", Access.Record, ApiScopes.RunsWrite),
        new("GET", "/api/pipeline-runs", null, Access.Read),
        new("POST", "/api/integrations/matrix-sync/heartbeat", """{"ok":true}""", Access.Record, ApiScopes.Heartbeats),
        new("GET", "/api/integrations", null, Access.People),
        new("PATCH", "/api/integrations/matrix-sync", """{"expectedIntervalMinutes":90}""", Access.Operator),
        new("GET", "/api/audit", null, Access.Operator),
        new("GET", "/api/api-keys", null, Access.Operator),
        new("POST", "/api/api-keys", """{"name":"matrix key","scopes":["read"]}""", Access.Operator),
        new("GET", "/api/settings/thresholds", null, Access.People),
        new("PUT", "/api/settings/thresholds", """{"staleTouchDays":7,"staleProposalDays":7,"stuckProposalDays":5}""", Access.Operator),
    ];

    public static FoundationEndpoint Find(string name) => Endpoints.Single(e => e.ToString() == name);

    public static TheoryData<string> Names(Func<FoundationEndpoint, bool> predicate)
    {
        var data = new TheoryData<string>();
        foreach (var endpoint in Endpoints.Where(predicate))
        {
            data.Add(endpoint.ToString());
        }

        return data;
    }

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, FoundationEndpoint endpoint, int leadId) =>
        client.SendRawAsync(endpoint.Method, endpoint.Path.Replace(LeadToken, leadId.ToString()), endpoint.Body);

    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, string method, string path, string? json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    /// <summary>A lead created through the service (not the API), so arranging never depends on what is tested.</summary>
    public static async Task<LeadView> CreateLeadAsync(this ConsoleFactory factory, string title = "Fixture lead", LeadStatus status = LeadStatus.New)
    {
        var result = await factory.Services.GetRequiredService<LeadService>()
            .CreateAsync(new CreateLeadRequest(title, "Fixture Co", Status: status), new Actor(ActorKind.System, "test", "test"));
        return result.Value!;
    }

    public static HttpClient CreateBearerClient(this ConsoleFactory factory, string key)
    {
        var client = factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>How many rows each table the foundation writes to holds: equal before and after = nothing written.</summary>
    public static async Task<RowCounts> CountRowsAsync(this ConsoleFactory factory)
    {
        await using var db = factory.CreateDbContext();
        return new RowCounts(
            await db.Set<Lead>().CountAsync(),
            await db.Set<LeadStatusChange>().CountAsync(),
            await db.Set<Touch>().CountAsync(),
            await db.Set<PipelineRun>().CountAsync(),
            await db.Set<PipelineRunStep>().CountAsync(),
            await db.Set<IntegrationHealth>().CountAsync(),
            // A refused gate attempt is itself audited (issue 16); "nothing is written" means no business record.
            await db.Set<AuditEntry>().CountAsync(a => a.Action != "gate.refused"),
            await db.Set<ApiKey>().CountAsync(),
            await db.Set<IdempotencyRecord>().CountAsync());
    }

    /// <summary>An RFC 9457 problem document with this status and a title; returns it for further checks.</summary>
    public static async Task<System.Text.Json.JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(status, "body: {0}", body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var json = System.Text.Json.JsonDocument.Parse(body).RootElement;
        json.GetProperty("status").GetInt32().Should().Be(status);
        json.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
        return json;
    }

    /// <summary>A problem (422 unless told) whose errors map names <paramref name="field"/>.</summary>
    public static async Task ShouldHaveFieldErrorAsync(this HttpResponseMessage response, string field, int status = 422)
    {
        var json = await response.ShouldBeProblemAsync(status);
        json.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue("errors should name '{0}': {1}", field, json.ToString());
    }
}

public sealed record RowCounts(
    int Leads, int StatusChanges, int Touches, int Runs, int Steps, int Integrations, int AuditEntries, int ApiKeys, int IdempotencyRecords);
