using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Foundation;

/// <summary>
/// Every kind of bad input gets a problem document with the right status (API.md, docs/decisions/004) and
/// writes nothing: 422 for field errors, wrong types and unknown ids or enum values in a body; 400 for
/// malformed JSON, bad query values and oversized bodies; 404 for unknown ids in the path.
/// </summary>
public sealed class BadInputTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private static readonly string Started = "2026-11-25T08:00:00Z";

    /// <summary>(method, path, body, expected status, field the errors map must name or null).</summary>
    public static TheoryData<string, string, string, int, string?> BodyCases => new()
    {
        // Missing required fields.
        { "POST", "/api/leads", "{}", 422, "title" },
        { "POST", "/api/leads", """{"title":"   "}""", 422, "title" },
        { "POST", "/api/leads/{lead}/touches", "{}", 422, "channel" },
        { "POST", "/api/leads/{lead}/touches", """{"channel":"email"}""", 422, "direction" },
        { "POST", "/api/pipeline-runs", """{"kind":"research","steps":[]}""", 422, "startedAt" },
        { "POST", "/api/pipeline-runs", $$"""{"kind":"research","startedAt":"{{Started}}"}""", 422, "steps" },
        { "POST", "/api/pipeline-runs", $$"""{"startedAt":"{{Started}}","steps":[]}""", 422, "kind" },
        { "POST", "/api/pipeline-runs", $$"""{"kind":"research","startedAt":"{{Started}}","steps":[{"success":true}]}""", 422, "steps[0].name" },
        { "POST", "/api/pipeline-runs", $$"""{"kind":"research","startedAt":"{{Started}}","steps":[{"name":"fetch"}]}""", 422, "steps[0].success" },
        { "POST", "/api/integrations/crm-sync/heartbeat", "{}", 422, "ok" },
        { "POST", "/api/leads/{lead}/status", "{}", 422, "status" },
        // Wrong-typed fields.
        { "POST", "/api/leads", """{"title":42}""", 422, "title" },
        { "POST", "/api/leads", """{"title":"Typed","estimatedValue":"lots"}""", 422, "estimatedValue" },
        { "POST", "/api/leads/{lead}/touches", """{"channel":"email","direction":"inbound","occurredAt":"yesterday"}""", 422, "occurredAt" },
        { "POST", "/api/pipeline-runs", $$"""{"kind":"research","startedAt":"{{Started}}","steps":[{"name":"fetch","success":"yes"}]}""", 422, "steps[0].success" },
        { "POST", "/api/pipeline-runs", $$"""{"leadId":"seven","kind":"research","startedAt":"{{Started}}","steps":[]}""", 422, "leadId" },
        { "POST", "/api/integrations/crm-sync/heartbeat", """{"ok":"fine"}""", 422, "ok" },
        // Unknown enum values in a body.
        { "POST", "/api/leads/{lead}/touches", """{"channel":"fax","direction":"inbound"}""", 422, "channel" },
        { "POST", "/api/leads/{lead}/touches", """{"channel":"email","direction":"sideways"}""", 422, "direction" },
        { "POST", "/api/leads", """{"title":"Enum","status":"won"}""", 422, "status" },
        { "POST", "/api/leads", """{"title":"Enum","status":3}""", 422, "status" },
        { "POST", "/api/leads/{lead}/status", """{"status":"archived"}""", 422, "status" },
        // Unknown ids in a body.
        { "POST", "/api/pipeline-runs", $$"""{"leadId":999999,"kind":"research","startedAt":"{{Started}}","steps":[]}""", 422, "leadId" },
        // Impossible times.
        { "POST", "/api/pipeline-runs", """{"kind":"research","startedAt":"2030-01-01T00:00:00Z","steps":[]}""", 422, "startedAt" },
        { "POST", "/api/pipeline-runs", $$"""{"kind":"research","startedAt":"{{Started}}","finishedAt":"2026-11-25T07:00:00Z","steps":[]}""", 422, "finishedAt" },
        { "POST", "/api/leads/{lead}/touches", """{"channel":"call","direction":"inbound","occurredAt":"2030-01-01T00:00:00Z"}""", 422, "occurredAt" },
        // Field rules.
        { "POST", "/api/leads", """{"title":"Mail","contactEmail":"not-an-address"}""", 422, "contactEmail" },
        { "POST", "/api/leads", """{"title":"Value","estimatedValue":-5}""", 422, "estimatedValue" },
        { "PATCH", "/api/leads/{lead}", """{"contactEmail":"nope"}""", 422, "contactEmail" },
        { "PUT", "/api/settings/thresholds", """{"staleTouchDays":0}""", 422, "staleTouchDays" },
        // Malformed JSON.
        { "POST", "/api/leads", """{"title": """, 400, null },
        { "POST", "/api/leads", """{"title":"x",}""", 400, null },
        { "POST", "/api/leads", "not json at all", 400, null },
        { "POST", "/api/pipeline-runs", """{"kind":"research","steps":[{"name":"a","success":true}""", 400, null },
        { "POST", "/api/leads/{lead}/touches", "[1,2", 400, null },
        { "PATCH", "/api/leads/{lead}", "{'title':'single quotes'}", 400, null },
    };

    [Theory]
    [MemberData(nameof(BodyCases))]
    public async Task BadBody_GetsAProblem_AndWritesNothing(string method, string path, string body, int status, string? field)
    {
        var lead = await factory.CreateLeadAsync();
        var client = await factory.CreateOperatorClientAsync();
        var before = await factory.CountRowsAsync();

        var response = await client.SendRawAsync(method, path.Replace(FoundationApi.LeadToken, lead.Id.ToString()), body);

        if (field is null)
        {
            await response.ShouldBeProblemAsync(status);
        }
        else
        {
            await response.ShouldHaveFieldErrorAsync(field, status);
        }

        (await factory.CountRowsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task BadBody_FromAnApiKey_IsRefusedTheSameWay()
    {
        var before = await factory.CountRowsAsync();

        var response = await factory.CreateAgentClient().SendRawAsync("POST", "/api/pipeline-runs", """{"kind":"research","startedAt":42,"steps":[]}""");

        await response.ShouldHaveFieldErrorAsync("startedAt");
        (await factory.CountRowsAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("POST", "/api/leads", """{"title":"Big","company":"PAD"}""")]
    [InlineData("POST", "/api/pipeline-runs", """{"kind":"research","startedAt":"2026-11-25T08:00:00Z","steps":[{"name":"PAD","success":true}]}""")]
    [InlineData("POST", "/api/leads/{lead}/touches", """{"channel":"email","direction":"inbound","summary":"PAD"}""")]
    public async Task OversizedBody_Gets400_AndWritesNothing(string method, string path, string template)
    {
        var lead = await factory.CreateLeadAsync();
        var client = await factory.CreateOperatorClientAsync();
        var before = await factory.CountRowsAsync();
        var body = template.Replace("PAD", new string('x', 300 * 1024)); // > Api:MaxJsonBodyBytes (256 KiB)

        var response = await client.SendRawAsync(method, path.Replace(FoundationApi.LeadToken, lead.Id.ToString()), body);

        await response.ShouldBeProblemAsync(400);
        (await factory.CountRowsAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("GET", "/api/leads/999999", null)]
    [InlineData("PATCH", "/api/leads/999999", """{"company":"Ghost"}""")]
    [InlineData("POST", "/api/leads/999999/status", """{"status":"qualified"}""")]
    [InlineData("POST", "/api/leads/999999/touches", """{"channel":"email","direction":"inbound"}""")]
    [InlineData("GET", "/api/leads/999999/touches", null)]
    [InlineData("GET", "/api/leads/999999/status-history", null)]
    [InlineData("GET", "/api/leads/999999/timeline", null)]
    [InlineData("GET", "/api/pipeline-runs/999999", null)]
    [InlineData("POST", "/api/api-keys/999999/revoke", "{}")]
    public async Task UnknownPathId_Gets404Problem_AndWritesNothing(string method, string path, string? body)
    {
        var client = await factory.CreateOperatorClientAsync();
        var before = await factory.CountRowsAsync();

        var response = await client.SendRawAsync(method, path, body);

        await response.ShouldBeProblemAsync(404);
        (await factory.CountRowsAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("/api/leads?status=closed", "status")]
    [InlineData("/api/leads?offerType=cheap", "offerType")]
    [InlineData("/api/leads?sort=colour", "sort")]
    [InlineData("/api/pipeline-runs?status=ok", "status")]
    public async Task UnknownQueryValue_Gets400WithTheParameterNamed(string url, string parameter)
    {
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.GetAsync(url);

        await response.ShouldHaveFieldErrorAsync(parameter, 400);
    }

    [Theory]
    [InlineData("/api/leads?page=abc")]
    [InlineData("/api/pipeline-runs?leadId=seven")]
    public async Task WrongTypedQueryValue_Gets400Problem(string url)
    {
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.GetAsync(url);

        await response.ShouldBeProblemAsync(400);
    }

    [Fact]
    public async Task KnownQueryValues_InTheirApiSpelling_AreAccepted()
    {
        var client = await factory.CreateOperatorClientAsync();

        (await client.GetAsync("/api/leads?status=qualified&offerType=fast_cash_dfy")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await client.GetAsync("/api/pipeline-runs?status=partial&kind=research")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
    }
}
