using System.Net;
using System.Net.Http.Json;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Templates;

public sealed class TemplateStartersApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private async Task<int> LeadAsync(string title)
    {
        var response = await factory.CreateAgentClient().PostJsonAsync("/api/leads", new { title, company = title + " Inc" });
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task Operator_CreatesWithClients_AndReadersFilterByNicheStackStatus()
    {
        var op = await factory.CreateOperatorClientAsync();
        var lead = await LeadAsync("Dental client");

        var created = await op.PostJsonAsync("/api/template-starters", new
        {
            name = "Dental intake starter",
            niche = "Dental",
            stack = new[] { ".NET", "Blazor", "blazor" },
            status = "proven",
            resultsProduced = "Intake time halved",
            modules = new[] { "forms", "sms reminders" },
            clientLeadIds = new[] { lead },
        });

        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.ReadJsonAsync();
        body.GetProperty("stack").EnumerateArray().Select(s => s.GetString()).Should().Equal(".NET", "Blazor");
        var client = body.GetProperty("clients")[0];
        client.GetProperty("leadId").GetInt32().Should().Be(lead);
        client.GetProperty("status").GetString().Should().Be("new");

        await op.PostJsonAsync("/api/template-starters", new { name = "Roofing quotes", niche = "Roofing", stack = new[] { "Python" } });

        var reader = factory.CreateAgentClient();
        var byStack = await (await reader.GetAsync("/api/template-starters?stack=blazor")).ReadJsonAsync();
        byStack.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Should().Equal("Dental intake starter");
        var byNiche = await (await reader.GetAsync("/api/template-starters?niche=roofing")).ReadJsonAsync();
        byNiche.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Should().Equal("Roofing quotes");
        var byStatus = await (await reader.GetAsync("/api/template-starters?status=draft")).ReadJsonAsync();
        byStatus.GetProperty("items").EnumerateArray().Should().OnlyContain(t => t.GetProperty("status").GetString() == "draft");
        (await reader.GetAsync("/api/template-starters?status=legendary")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Writes_AreHumanOnly_AndValidated()
    {
        var op = await factory.CreateOperatorClientAsync();
        (await factory.CreateAgentClient().PostJsonAsync("/api/template-starters", new { name = "x", niche = "y" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await factory.CreateViewerClientAsync()).PostJsonAsync("/api/template-starters", new { name = "x", niche = "y" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await op.PostJsonAsync("/api/template-starters", new { name = "x" })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await op.PostJsonAsync("/api/template-starters", new { name = "x", niche = "y", clientLeadIds = new[] { 987654 } })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await op.PostJsonAsync("/api/template-starters", new { name = "x", niche = "y", status = "proven" })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Patch_ReplacesClientsAndStatus_AndKeysGet403()
    {
        var op = await factory.CreateOperatorClientAsync();
        var a = await LeadAsync("Client A");
        var b = await LeadAsync("Client B");
        var id = (await (await op.PostJsonAsync("/api/template-starters", new { name = "Patchable", niche = "Ops", clientLeadIds = new[] { a } })).ReadJsonAsync())
            .GetProperty("id").GetInt32();

        var patched = await op.PatchAsJsonAsync($"/api/template-starters/{id}", new { clientLeadIds = new[] { b }, status = "tested" });

        patched.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await patched.ReadJsonAsync();
        body.GetProperty("clients").EnumerateArray().Select(c => c.GetProperty("leadId").GetInt32()).Should().Equal(b);
        body.GetProperty("status").GetString().Should().Be("tested");
        (await factory.CreateAgentClient().PatchAsJsonAsync($"/api/template-starters/{id}", new { name = "hack" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await op.PatchAsJsonAsync("/api/template-starters/987654", new { name = "none" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
