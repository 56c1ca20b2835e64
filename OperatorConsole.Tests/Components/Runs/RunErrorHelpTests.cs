using Bunit;
using OperatorConsole.Data.Runs;
using OperatorConsole.Domain.Access;
using OperatorConsole.Web.Features.Runs;

namespace OperatorConsole.Tests.Components.Runs;

/// <summary>The run page explains a recognised error in plain words and points at what to open next.</summary>
public sealed class RunErrorHelpTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private async Task<RunView> RecordAsync(int? leadId, string error)
    {
        var now = _ctx.Clock.GetUtcNow().UtcDateTime;
        var result = await _ctx.Service<PipelineRunService>().RecordAsync(
            new RecordRunRequest(leadId, "enrich", now.AddMinutes(-2), now.AddMinutes(-1), [new RecordRunStep("fetch", false, error, 900)]),
            ComponentTestContext.TestOperator);
        return result.Value!;
    }

    [Fact]
    public async Task RunDetailPage_RateLimitedRun_ExplainsItAndLinksToIntegrationsAndLead()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var lead = await _ctx.SeedLeadAsync("Rate-limited lead");
        var run = await RecordAsync(lead.Id, "HTTP 429 from the enrichment provider");

        var cut = _ctx.RenderWithMud<RunDetailPage>(p => p.Add(c => c.Id, run.Id));

        cut.WaitForAssertion(() => cut.Find("[data-testid=run-error-help]").TextContent.Should().Contain("rate-limiting"));
        cut.Find("[data-testid=run-integrations-link]").GetAttribute("href").Should().Be("/integrations");
        cut.Find("[data-testid=run-error-help]").InnerHtml.Should().Contain($"/leads/{lead.Id}");
    }

    [Fact]
    public async Task RunDetailPage_UnrecognisedError_ShowsNoGuess()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var run = await RecordAsync(null, "score below threshold for 4 of 10 leads");

        var cut = _ctx.RenderWithMud<RunDetailPage>(p => p.Add(c => c.Id, run.Id));

        cut.WaitForAssertion(() => cut.Find("[data-testid=run-error]").TextContent.Should().Contain("score below threshold"));
        cut.FindAll("[data-testid=run-error-help]").Should().BeEmpty();
    }
}
