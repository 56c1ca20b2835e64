using System.Net;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Constraint;

public sealed class ConstraintApiTests : IDisposable
{
    private readonly ConsoleFactory _factory = new();

    [Fact]
    public async Task GetConstraint_EmptyDatabase_SaysNoBottleneckYet()
    {
        var client = await _factory.CreateOperatorClientAsync();

        var response = await client.GetAsync("/api/constraint");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await response.ReadJsonAsync();
        json.GetProperty("snapshot").GetProperty("bottleneck").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("snapshot").GetProperty("summary").GetString().Should().StartWith("No bottleneck yet");
    }

    [Fact]
    public async Task GetConstraint_LeadsStuckInProposal_NamesProposalWithTheLeads()
    {
        var leads = _factory.Services.GetRequiredService<OperatorConsole.Data.Leads.LeadService>();
        var op = new Actor(ActorKind.User, "t", "Tester", IsOperator: true);
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var lead = await leads.CreateAsync(new OperatorConsole.Data.Leads.CreateLeadRequest($"Deal {i}"), op);
            await leads.ChangeStatusAsync(lead.Value!.Id, new OperatorConsole.Data.Leads.ChangeLeadStatusRequest(LeadStatus.Proposal), op);
            ids.Add(lead.Value.Id);
        }

        _factory.Clock.Advance(TimeSpan.FromDays(9));
        var client = await _factory.CreateViewerClientAsync();
        var json = await (await client.GetAsync("/api/constraint")).ReadJsonAsync();

        json.GetProperty("snapshot").GetProperty("bottleneck").GetString().Should().Be("proposal");
        json.GetProperty("stuckLeads").EnumerateArray().Select(l => l.GetProperty("id").GetInt32()).Should().BeEquivalentTo(ids);
        json.GetProperty("snapshot").GetProperty("evidence").EnumerateArray()
            .Single(e => e.GetProperty("key").GetString() == "leadsStuck").GetProperty("current").GetDouble().Should().Be(3);
    }

    [Fact]
    public async Task GetConstraint_WithoutCredentials_Is401AndBadPeriodIs400()
    {
        (await _factory.CreateAnonymousClient().GetAsync("/api/constraint")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var client = await _factory.CreateOperatorClientAsync();
        (await client.GetAsync("/api/constraint?periodDays=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _factory.CreateAgentClient().GetAsync("/api/constraint")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    public void Dispose() => _factory.Dispose();
}
