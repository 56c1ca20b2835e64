using System.Net;
using OperatorConsole.Tests.Api.Foundation;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Contract;

/// <summary>
/// The body rules every write obeys (docs/api.md "Strict bodies"): an unknown field is a 422 that names it, null
/// list elements and impossible times are 422 with the path, enums are exact, times carry their zone — and nothing
/// is written. Each case used to answer 200/201/202 (dropping data) or 500.
/// </summary>
public sealed class StrictBodyTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    /// <summary>(method, path, body, field the 422 must name).</summary>
    public static TheoryData<string, string, string, string> Refused => new()
    {
        // Unknown fields (used to be dropped with a success code).
        { "POST", "/api/leads", """{"title":"Unknown field","colour":"red"}""", "colour" },
        { "POST", "/api/pipeline-runs", """{"kind":"research","startedAt":"2026-11-25T08:00:00Z","steps":[{"name":"a","success":true,"sucess":false}]}""", "steps[0].sucess" },
        { "POST", "/api/integrations/crm-sync/heartbeat", """{"ok":true,"mesage":"typo"}""", "mesage" },
        { "PATCH", "/api/leads/{lead}", """{"compnay":"Typo Ltd"}""", "compnay" },
        // Null list elements (used to be 500).
        { "POST", "/api/api-keys", """{"name":"null scope","scopes":[null]}""", "scopes[0]" },
        { "POST", "/api/service-packages", """{"name":"Null upgrade","customUpgradeOptions":[null]}""", "customUpgradeOptions[0]" },
        { "POST", "/api/service-packages", """{"name":"Null upgrade (old name)","upgradeOptions":[{"name":"ok","price":1},null]}""", "customUpgradeOptions[1]" },
        { "POST", "/api/pipeline-runs", """{"kind":"research","startedAt":"2026-11-25T08:00:00Z","steps":[null]}""", "steps[0]" },
        // Enums are exact.
        { "POST", "/api/leads/{lead}/touches", """{"channel":"Email","direction":"inbound"}""", "channel" },
        { "POST", "/api/leads/{lead}/touches", """{"channel":"EMAIL","direction":"inbound"}""", "channel" },
        { "POST", "/api/leads", """{"title":"C# name","status":"New"}""", "status" },
        // Times: a zone, and a sane range.
        { "POST", "/api/leads/{lead}/touches", """{"channel":"email","direction":"inbound","occurredAt":"2026-11-24T09:00:00"}""", "occurredAt" },
        { "POST", "/api/leads/{lead}/touches", """{"channel":"email","direction":"inbound","occurredAt":"0001-01-01T00:00:00Z"}""", "occurredAt" },
        { "POST", "/api/leads/{lead}/touches", """{"channel":"email","direction":"inbound","occurredAt":"9999-12-31T00:00:00Z"}""", "occurredAt" },
        { "POST", "/api/pipeline-runs", """{"kind":"research","startedAt":"1999-12-31T23:00:00Z","steps":[]}""", "startedAt" },
        // Numbers are numbers.
        { "POST", "/api/pipeline-runs", """{"leadId":"1","kind":"research","startedAt":"2026-11-25T08:00:00Z","steps":[]}""", "leadId" },
        // The Maven import names its folder.
        { "POST", "/api/imports/maven", """{"folder":null}""", "folder" },
        { "POST", "/api/imports/maven", """{"folder":"   "}""", "folder" },
        { "POST", "/api/imports/maven", "{}", "folder" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task BadBody_Gets422NamingTheField_AndWritesNothing(string method, string path, string body, string field)
    {
        var lead = await factory.CreateLeadAsync();
        var client = await factory.CreateOperatorClientAsync();
        var before = await factory.CountRowsAsync();
        var jobsBefore = await CountImportJobsAsync();

        var response = await client.SendRawAsync(method, path.Replace(FoundationApi.LeadToken, lead.Id.ToString()), body);

        await response.ShouldHaveFieldErrorAsync(field);
        (await factory.CountRowsAsync()).Should().Be(before);
        (await CountImportJobsAsync()).Should().Be(jobsBefore);
    }

    [Theory]
    [InlineData("""{"title":"Near miss","titel":"x"}""", "titel", "title")]
    [InlineData("""{"title":"Near miss","estimatedValu":5}""", "estimatedValu", "estimatedValue")]
    [InlineData("""{"title":"Near miss","contact":"x"}""", "contact", "contactName")]
    public async Task UnknownField_SuggestsTheFieldMeant(string body, string field, string meant)
    {
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.SendRawAsync("POST", "/api/leads", body);

        var problem = await response.ShouldBeProblemAsync(422);
        problem.GetProperty("errors").GetProperty(field)[0].GetString().Should().Contain($"Did you mean").And.Contain($"'{meant}'");
    }

    [Fact]
    public async Task SeedName_OfferChosenReason_IsStored_WhereItUsedToBeDroppedAndClearWhyChosen()
    {
        var lead = await factory.CreateLeadAsync();
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.SendRawAsync("PUT", $"/api/leads/{lead.Id}/offer", """{"offerType":"productized","offerChosenReason":"repeatable niche"}""");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var offer = await response.ReadJsonAsync();
        offer.GetProperty("offerChosenReason").GetString().Should().Be("repeatable niche");
        offer.GetProperty("whyChosen").GetString().Should().Be("repeatable niche", "the old name is still written for one release");
    }

    [Fact]
    public async Task OldName_IsStillAccepted_AsAnAlias()
    {
        var lead = await factory.CreateLeadAsync();
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.SendRawAsync("PUT", $"/api/leads/{lead.Id}/offer", """{"offerType":"productized","whyChosen":"old name"}""");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.ReadJsonAsync()).GetProperty("offerChosenReason").GetString().Should().Be("old name");
    }

    [Fact]
    public async Task DeepNesting_InAField_Is422WithItsPath_NotA500()
    {
        var client = await factory.CreateOperatorClientAsync();
        var before = await factory.CountRowsAsync();
        var deep = new string('[', 60) + new string(']', 60);

        var response = await client.SendRawAsync("POST", "/api/leads", $$"""{"title":"Deep","company":{{deep}}}""");

        ((int)response.StatusCode).Should().BeOneOf(400, 422);
        (await response.ShouldBeProblemAsync((int)response.StatusCode)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().ContainSingle().Which.Should().StartWith("company");
        (await factory.CountRowsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task HugeArrayOfNulls_Is422_NotA500()
    {
        var client = await factory.CreateOperatorClientAsync();
        var before = await factory.CountRowsAsync();
        var nulls = string.Join(",", Enumerable.Repeat("null", 50_000));

        var response = await client.SendRawAsync("POST", "/api/api-keys", $$"""{"name":"huge","scopes":[{{nulls}}]}""");

        await response.ShouldHaveFieldErrorAsync("scopes[0]");
        (await factory.CountRowsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task TimeWithAnOffset_IsAccepted_AndStoredInUtc()
    {
        var lead = await factory.CreateLeadAsync();
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.SendRawAsync("POST", $"/api/leads/{lead.Id}/touches", """{"channel":"email","direction":"inbound","occurredAt":"2026-11-24T10:00:00+01:00"}""");

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await response.ReadJsonAsync()).GetProperty("occurredAt").GetDateTime().ToUniversalTime().Should().Be(new DateTime(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc));
    }

    private async Task<int> CountImportJobsAsync()
    {
        await using var db = factory.CreateDbContext();
        return db.Set<OperatorConsole.Domain.Import.ImportJob>().Count();
    }
}
