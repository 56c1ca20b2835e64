using Bunit;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Results;
using OperatorConsole.Web.Features.Standup;

namespace OperatorConsole.Tests.Components.Standup;

/// <summary>
/// Issue 19 part 5: with more clients than one 500-row page, the stand-up's client panel ranks worst first over all
/// of them (the off-track client is the oldest, so it would be on no first page) and "N more" is the true remainder.
/// </summary>
public sealed class StandupResultsAtScaleTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    [Fact]
    public async Task StandupResults_With600Clients_ShowsTheOffTrackOneFirstAndTheTrueRemainder()
    {
        var now = _ctx.Clock.GetUtcNow().UtcDateTime;
        await using (var db = _ctx.CreateDbContext())
        {
            var leads = Enumerable.Range(0, 600).Select(i => new Lead
            {
                Title = $"Client {i:000}", Status = LeadStatus.Approved, CreatedAt = now.AddHours(-i), StatusChangedAt = now.AddHours(-i),
            }).ToList();
            db.AddRange(leads);
            await db.SaveChangesAsync();
            // The oldest client (last in the default newest-first order, row 600): its due date passed with nothing measured.
            db.Add(new ClientSuccess
            {
                LeadId = leads[^1].Id, MetricName = "Leads per week", TargetValue = 20, DueDate = now.AddDays(-3), TargetSetAt = now.AddDays(-60),
                CreatedAt = now.AddDays(-60), UpdatedAt = now.AddDays(-60), UpdatedByName = "Operator",
            });
            await db.SaveChangesAsync();
        }

        var cut = _ctx.Render<StandupResults>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=standup-result-row]").Should().HaveCount(StandupResults.MaxRows), TimeSpan.FromSeconds(10));
        cut.FindAll("[data-testid=standup-result-row]")[0].TextContent.Should().Contain("Client 599").And.Contain("off track");
        cut.Find("[data-testid=standup-results-more]").TextContent.Trim().Should().Be("and 595 more in the Results Ledger per deal");
    }

    public void Dispose() => _ctx.Dispose();
}
