using Bunit;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Features.CommandCenter;

namespace OperatorConsole.Tests.Components.CommandCenter;

/// <summary>
/// The Command Center's "Expected to close" card (ADR 245): the open deals by window (past, this week, next week,
/// later, no date) with their estimates, each window opening the Leads list on its days, and the next five to close.
/// The clock is Wednesday 25 Nov 2026.
/// </summary>
public sealed class ExpectedToCloseCardTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private async Task<LeadView> DealAsync(string title, LeadStatus status, decimal value, string? on, bool archived = false)
    {
        var lead = await _ctx.SeedLeadAsync(title, status, company: "Co " + title, estimatedValue: value);
        var day = on is null ? (DateOnly?)null : DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture);
        await _ctx.SetLeadAsync(lead.Id, u => u.SetProperty(l => l.ExpectedCloseOn, day).SetProperty(l => l.IsArchived, archived));
        return lead;
    }

    [Fact]
    public async Task OpenDeals_AreCountedByWindow_EachLinked_AndTheNextFiveListedSoonestFirst()
    {
        _ctx.SignInAs();
        await DealAsync("Slipped", LeadStatus.Proposal, 10_000, "2026-11-20");
        await DealAsync("Friday", LeadStatus.Qualified, 5_000, "2026-11-27");
        await DealAsync("Today", LeadStatus.New, 2_000, "2026-11-25");
        await DealAsync("Next Monday", LeadStatus.Proposal, 7_000, "2026-11-30");
        await DealAsync("Next Sunday", LeadStatus.Proposal, 3_000, "2026-12-06");
        await DealAsync("December", LeadStatus.Qualified, 4_000, "2026-12-07");
        await DealAsync("January", LeadStatus.Qualified, 6_000, "2027-01-10");
        var undated = await DealAsync("Undated", LeadStatus.New, 1_000, null);
        await DealAsync("Won already", LeadStatus.Approved, 50_000, "2026-11-26");
        await DealAsync("Archived", LeadStatus.Proposal, 50_000, "2026-11-26", archived: true);

        var card = _ctx.RenderWithMud<ExpectedToCloseCard>();

        card.WaitForAssertion(() => Row(card, "past").Should().Be("Past their date to 24 Nov|1|10,000 USD|—"));
        Row(card, "thisweek").Should().Be("This week 25–29 Nov|2|7,000 USD|—", "today counts in this week; the won and the archived deals in none");
        Row(card, "nextweek").Should().Be("Next week 30 Nov – 6 Dec|2|10,000 USD|—");
        Row(card, "later").Should().Be("Later from 7 Dec|2|10,000 USD|—");
        Row(card, "nodate").Should().Be("No date set|1|1,000 USD|—");
        Link(card, "past").Should().Be("/leads?status=open&expectedCloseTo=2026-11-24&sort=expectedCloseOn");
        Link(card, "thisweek").Should().Be("/leads?status=open&expectedCloseFrom=2026-11-25&expectedCloseTo=2026-11-29&sort=expectedCloseOn");
        Link(card, "later").Should().Be("/leads?status=open&expectedCloseFrom=2026-12-07&sort=expectedCloseOn");
        Link(card, "nodate").Should().Be("/leads?expectedClose=none", "the undated open deals, to set their days");
        card.FindAll("[data-testid=expected-to-close-next] li").Select(li => Squash(li.TextContent)).Should().Equal(
            "Today Co Today · 25 Nov 2026 (today) · 2,000 USD",
            "Friday Co Friday · 27 Nov 2026 (in 2 days) · 5,000 USD",
            "Next Monday Co Next Monday · 30 Nov 2026 (in 5 days) · 7,000 USD",
            "Next Sunday Co Next Sunday · 6 Dec 2026 (in 11 days) · 3,000 USD",
            "December Co December · 7 Dec 2026 (in 12 days) · 4,000 USD");

        // Live: a date set on a deal's page moves the card in every open Command Center.
        var set = await _ctx.Service<ExpectedCloseService>().SetAsync(undated.Id, new SetExpectedCloseRequest(new DateOnly(2026, 11, 26)), ComponentTestContext.TestOperator);
        set.Succeeded.Should().BeTrue();
        card.WaitForAssertion(() => Row(card, "thisweek").Should().Be("This week 25–29 Nov|3|8,000 USD|—"));
        Row(card, "nodate").Should().Be("No date set|0|0 USD|0 USD");
    }

    [Fact]
    public async Task WithoutAnyDate_TheCardSaysSo_AndWhereADateComesFrom()
    {
        _ctx.SignInAs();
        await DealAsync("Undated", LeadStatus.Qualified, 1_000, null);

        var card = _ctx.RenderWithMud<ExpectedToCloseCard>();

        card.WaitForAssertion(() => card.Find("[data-testid=expected-to-close-none]").TextContent.Should().StartWith("No open deal has an expected close date."));
        card.FindAll("[data-testid=expected-to-close-next]").Should().BeEmpty();
        Row(card, "nodate").Should().Be("No date set|1|1,000 USD|—");
    }

    [Fact]
    public void WithoutOpenDeals_TheCardIsEmpty()
    {
        _ctx.SignInAs();

        var card = _ctx.RenderWithMud<ExpectedToCloseCard>();

        card.WaitForAssertion(() => card.Markup.Should().Contain("No open deals"));
        card.FindAll("[data-testid^=close-window-]").Should().BeEmpty();
    }

    private static string Row(IRenderedComponent<ExpectedToCloseCard> card, string key) =>
        string.Join('|', card.FindAll($"[data-testid=close-window-{key}] td").Select(td => Squash(td.TextContent)));

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string? Link(IRenderedComponent<ExpectedToCloseCard> card, string key) =>
        card.Find($"[data-testid=close-window-{key}] a").GetAttribute("href");
}
