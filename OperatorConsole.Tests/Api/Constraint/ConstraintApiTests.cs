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

    [Fact]
    public async Task ListStuckLeads_PagesEveryStuckLead_LongestFirst_AndByStage()
    {
        var leads = _factory.Services.GetRequiredService<OperatorConsole.Data.Leads.LeadService>();
        var op = new Actor(ActorKind.User, "t", "Tester", IsOperator: true);
        var ids = new List<int>();
        foreach (var stage in new[] { LeadStatus.Proposal, LeadStatus.Qualified, LeadStatus.Proposal, LeadStatus.Qualified, LeadStatus.Proposal })
        {
            var lead = await leads.CreateAsync(new OperatorConsole.Data.Leads.CreateLeadRequest($"Deal {ids.Count}", Status: stage), op);
            ids.Add(lead.Value!.Id);
            _factory.Clock.Advance(TimeSpan.FromHours(1));
        }

        _factory.Clock.Advance(TimeSpan.FromDays(9));
        await leads.CreateAsync(new OperatorConsole.Data.Leads.CreateLeadRequest("Fresh deal", Status: LeadStatus.Proposal), op);
        var client = await _factory.CreateViewerClientAsync();

        var first = await (await client.GetAsync("/api/constraint/stuck-leads?pageSize=2")).ReadJsonAsync();
        var last = await (await client.GetAsync("/api/constraint/stuck-leads?pageSize=2&page=3")).ReadJsonAsync();
        var qualified = await (await client.GetAsync("/api/constraint/stuck-leads?stage=qualified")).ReadJsonAsync();

        first.GetProperty("total").GetInt32().Should().Be(5, "the fresh deal is not stuck");
        first.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetInt32()).Should().Equal(ids[0], ids[1]);
        last.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetInt32()).Should().Equal(ids[4]);
        qualified.GetProperty("total").GetInt32().Should().Be(2);
        qualified.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("stage").GetString()).Should().AllBe("qualified");
        var report = await (await client.GetAsync("/api/constraint")).ReadJsonAsync();
        report.GetProperty("snapshot").GetProperty("stages").EnumerateArray().Sum(s => s.GetProperty("stuck").GetInt32())
            .Should().Be(5, "the list pages the same leads the stages count");
    }

    [Theory]
    [InlineData("stage=lost")]
    [InlineData("stage=won")]
    [InlineData("clock=yesterday")]
    [InlineData("periodDays=0")]
    public async Task ListStuckLeads_AStageNothingCanBeStuckIn_IsAFieldError(string query)
    {
        var client = await _factory.CreateOperatorClientAsync();

        var response = await client.GetAsync("/api/constraint/stuck-leads?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(query.Split('=')[0], out _).Should().BeTrue();
        (await _factory.CreateAgentClient().GetAsync("/api/constraint/stuck-leads")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    public void Dispose() => _factory.Dispose();
}
