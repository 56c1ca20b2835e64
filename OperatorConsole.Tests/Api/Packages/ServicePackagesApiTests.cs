using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Audit;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Packages;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Packages;

public sealed class ServicePackagesApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task Create_AsOperator_Returns201WithStepsInOrderAndIsAudited()
    {
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.PostJsonAsync("/api/service-packages", new
        {
            name = "Intake Assistant Sprint",
            promisedOutcome = "Enquiries answered in 2 minutes",
            scopeIncluded = "Bot, knowledge base, booking",
            exclusions = "Voice",
            idealClient = "Clinics",
            deliverySteps = new[] { "Kick-off", "Import", "Go live" },
            turnaroundTarget = "10 working days",
            revisionPolicy = "Two rounds",
            priceMin = 4500,
            priceMax = 7500,
            currency = "usd",
            upgradeOptions = new[] { new { name = "Second location", price = 1500 } },
        });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await response.ReadJsonAsync();
        var id = body.GetProperty("id").GetInt32();
        body.GetProperty("currency").GetString().Should().Be("USD");
        body.GetProperty("deliverySteps").EnumerateArray().Select(s => s.GetString()).Should().Equal("Kick-off", "Import", "Go live");
        body.GetProperty("upgradeOptions")[0].GetProperty("price").GetDecimal().Should().Be(1500);
        await using var db = factory.CreateDbContext();
        (await db.Set<AuditEntry>().AnyAsync(a => a.Action == "service_package.created" && a.RecordId == id.ToString())).Should().BeTrue();
    }

    [Fact]
    public async Task Create_WithPriceMinAboveMax_Is422AndWritesNothing()
    {
        var client = await factory.CreateOperatorClientAsync();
        await using var before = factory.CreateDbContext();
        var count = await before.Set<ServicePackage>().CountAsync();

        var response = await client.PostJsonAsync("/api/service-packages", new { name = "Backwards", priceMin = 9000, priceMax = 5000 });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        PackagesTestData.ErrorFields(await response.ReadJsonAsync()).Should().Contain("priceMin");
        await using var db = factory.CreateDbContext();
        (await db.Set<ServicePackage>().CountAsync()).Should().Be(count);
    }

    [Fact]
    public async Task Patch_WithPriceMinAboveStoredMax_Is422AndLeavesPackageUnchanged()
    {
        var client = await factory.CreateOperatorClientAsync();
        var id = await PackagesTestData.CreatePackageAsync(client, "Patch me", 1000, 2000);

        var response = await client.PatchJsonAsync($"/api/service-packages/{id}", new { priceMin = 2500 });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        await using var db = factory.CreateDbContext();
        (await db.Set<ServicePackage>().SingleAsync(p => p.Id == id)).PriceMin.Should().Be(1000);
    }

    [Fact]
    public async Task Patch_ChangesOnlyFieldsPresent_AndReplacesStepsWhole()
    {
        var client = await factory.CreateOperatorClientAsync();
        var id = await PackagesTestData.CreatePackageAsync(client, "Patch steps", 1000, 2000);

        var response = await client.PatchJsonAsync($"/api/service-packages/{id}", new { priceMax = 3000, deliverySteps = new[] { "Build", "Kick-off" } });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body.GetProperty("name").GetString().Should().Be("Patch steps");
        body.GetProperty("priceMin").GetDecimal().Should().Be(1000);
        body.GetProperty("priceMax").GetDecimal().Should().Be(3000);
        body.GetProperty("deliverySteps").EnumerateArray().Select(s => s.GetString()).Should().Equal("Build", "Kick-off");
    }

    [Fact]
    public async Task Writes_WithApiKey_Are403AndWriteNothing()
    {
        var operatorClient = await factory.CreateOperatorClientAsync();
        var id = await PackagesTestData.CreatePackageAsync(operatorClient, "Key cannot touch");
        var agent = factory.CreateAgentClient();
        await using var before = factory.CreateDbContext();
        var count = await before.Set<ServicePackage>().CountAsync();

        (await agent.PostJsonAsync("/api/service-packages", new { name = "From a key", priceMin = 1, priceMax = 2 })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await agent.PatchJsonAsync($"/api/service-packages/{id}", new { name = "Renamed" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await agent.PostAsync($"/api/service-packages/{id}/archive", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await agent.DeleteAsync($"/api/service-packages/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await using var db = factory.CreateDbContext();
        (await db.Set<ServicePackage>().CountAsync()).Should().Be(count);
        (await db.Set<ServicePackage>().SingleAsync(p => p.Id == id)).Name.Should().Be("Key cannot touch");
    }

    [Fact]
    public async Task Reads_AgentWithReadScopeAndViewerMayRead_AnonymousMayNot()
    {
        var operatorClient = await factory.CreateOperatorClientAsync();
        var id = await PackagesTestData.CreatePackageAsync(operatorClient, "Readable");
        var readKey = factory.CreateAgentClient(await factory.CreateKeyAsync(ApiScopes.Read));
        var leadsOnlyKey = factory.CreateAgentClient(await factory.CreateKeyAsync(ApiScopes.LeadsWrite));
        var viewer = await factory.CreateViewerClientAsync();

        (await readKey.GetAsync("/api/service-packages")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await readKey.GetAsync($"/api/service-packages/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await leadsOnlyKey.GetAsync("/api/service-packages")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await viewer.GetAsync($"/api/service-packages/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.PostJsonAsync("/api/service-packages", new { name = "Viewer", priceMin = 1, priceMax = 2 })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.CreateAnonymousClient().GetAsync("/api/service-packages")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.CreateAnonymousClient().GetAsync($"/api/service-packages/{id}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Delete_WhenALeadUsesIt_Is409_ArchiveKeepsItAndItsLeads()
    {
        var client = await factory.CreateOperatorClientAsync();
        var id = await PackagesTestData.CreatePackageAsync(client, "In use");
        var leadId = await PackagesTestData.CreateLeadAsync(client, "Sold on it");
        (await client.PutJsonAsync($"/api/leads/{leadId}/service-package", new { servicePackageId = id })).StatusCode.Should().Be(HttpStatusCode.OK);

        var delete = await client.DeleteAsync($"/api/service-packages/{id}");

        delete.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await delete.Content.ReadAsStringAsync()).Should().Contain("archive");
        var archive = await client.PostAsync($"/api/service-packages/{id}/archive", null);
        archive.StatusCode.Should().Be(HttpStatusCode.OK);
        (await archive.ReadJsonAsync()).GetProperty("isArchived").GetBoolean().Should().BeTrue();

        var list = await (await client.GetAsync("/api/service-packages")).ReadJsonAsync();
        list.GetProperty("items").EnumerateArray().Should().NotContain(p => p.GetProperty("id").GetInt32() == id);
        var withArchived = await (await client.GetAsync("/api/service-packages?includeArchived=true")).ReadJsonAsync();
        withArchived.GetProperty("items").EnumerateArray().Should().Contain(p => p.GetProperty("id").GetInt32() == id);
        await using var db = factory.CreateDbContext();
        (await db.Set<Lead>().SingleAsync(l => l.Id == leadId)).ServicePackageId.Should().Be(id);
        (await db.Set<AuditEntry>().AnyAsync(a => a.Action == "service_package.archived" && a.RecordId == id.ToString())).Should().BeTrue();
    }

    [Fact]
    public async Task Delete_WhenUnused_Is204AndAudited()
    {
        var client = await factory.CreateOperatorClientAsync();
        var id = await PackagesTestData.CreatePackageAsync(client, "Never used");

        (await client.DeleteAsync($"/api/service-packages/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await client.GetAsync($"/api/service-packages/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var db = factory.CreateDbContext();
        (await db.Set<AuditEntry>().AnyAsync(a => a.Action == "service_package.deleted" && a.RecordId == id.ToString())).Should().BeTrue();
    }

    [Fact]
    public async Task LinkLead_ToArchivedOrUnknownPackage_Is422_UnknownLeadIs404()
    {
        var client = await factory.CreateOperatorClientAsync();
        var archived = await PackagesTestData.CreatePackageAsync(client, "Retired");
        await client.PostAsync($"/api/service-packages/{archived}/archive", null);
        var leadId = await PackagesTestData.CreateLeadAsync(client, "Wants the retired one");

        var toArchived = await client.PutJsonAsync($"/api/leads/{leadId}/service-package", new { servicePackageId = archived });
        var toUnknown = await client.PutJsonAsync($"/api/leads/{leadId}/service-package", new { servicePackageId = 999_999 });
        var unknownLead = await client.PutJsonAsync("/api/leads/999999/service-package", new { servicePackageId = archived });

        toArchived.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        toUnknown.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        PackagesTestData.ErrorFields(await toUnknown.ReadJsonAsync()).Should().Contain("servicePackageId");
        unknownLead.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await using var db = factory.CreateDbContext();
        (await db.Set<Lead>().SingleAsync(l => l.Id == leadId)).ServicePackageId.Should().BeNull();
    }

    [Fact]
    public async Task Detail_ListsLeadsWithResultsAndTrackRecord()
    {
        var client = await factory.CreateOperatorClientAsync();
        var id = await PackagesTestData.CreatePackageAsync(client, "Track record");
        var won = await PackagesTestData.CreateLeadAsync(client, "Won via proposal", value: 9000);
        var client2 = await PackagesTestData.CreateLeadAsync(client, "Client without proposal value", value: 6000);
        var lost = await PackagesTestData.CreateLeadAsync(client, "Lost one", value: 4000);
        var open = await PackagesTestData.CreateLeadAsync(client, "Still open", value: 3000);
        foreach (var lead in new[] { won, client2, lost, open })
        {
            (await client.PutJsonAsync($"/api/leads/{lead}/service-package", new { servicePackageId = id })).EnsureSuccessStatusCode();
        }

        await PackagesTestData.MoveLeadAsync(client, client2, "building");
        await PackagesTestData.MoveLeadAsync(client, lost, "lost");
        await using (var db = factory.CreateDbContext())
        {
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            db.Add(new Proposal { LeadId = won, Title = "P", Status = ProposalStatus.Closed, Outcome = ProposalOutcome.Won, OutcomeValue = 8500, Amount = 9000, CreatedAt = now, UpdatedAt = now, CreatedById = "t", CreatedByName = "t" });
            await db.SaveChangesAsync();
        }

        // The building client has a measured result: its delta comes from the Results Ledger (130 − 100).
        var now2 = factory.Clock.GetUtcNow().UtcDateTime;
        (await client.PutAsJsonAsync($"/api/leads/{client2}/client-success", new
        {
            target = new { metricName = "Bookings per week", unit = "bookings", targetValue = 200, dueDate = now2.AddDays(30), direction = "higher_is_better" },
            baseline = new { value = 100, measuredAt = now2.AddDays(-20), source = "Booking export" },
        }, ApiJson.Options)).EnsureSuccessStatusCode();
        (await client.PostJsonAsync($"/api/leads/{client2}/outcomes", new { value = 130, source = "Booking export wk 3", measuredAt = now2.AddDays(-1) }))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        var detail = await (await client.GetAsync($"/api/service-packages/{id}")).ReadJsonAsync();

        var record = detail.GetProperty("trackRecord");
        record.GetProperty("leads").GetInt32().Should().Be(4);
        record.GetProperty("won").GetInt32().Should().Be(2);
        record.GetProperty("lost").GetInt32().Should().Be(1);
        record.GetProperty("wonValue").GetDecimal().Should().Be(14500);
        var rows = detail.GetProperty("leads").EnumerateArray().ToDictionary(l => l.GetProperty("leadId").GetInt32());
        rows[won].GetProperty("result").GetString().Should().Be("won");
        rows[won].GetProperty("wonValue").GetDecimal().Should().Be(8500);
        rows[client2].GetProperty("wonValue").GetDecimal().Should().Be(6000);
        rows[lost].GetProperty("result").GetString().Should().Be("lost");
        rows[open].GetProperty("result").GetString().Should().Be("open");
        rows[open].GetProperty("resultsDelta").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        rows[client2].GetProperty("resultsDelta").GetDecimal().Should().Be(30);
        detail.GetProperty("canDelete").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Get_UnknownPackage_Is404() =>
        (await (await factory.CreateOperatorClientAsync()).GetAsync("/api/service-packages/987654")).StatusCode.Should().Be(HttpStatusCode.NotFound);
}
