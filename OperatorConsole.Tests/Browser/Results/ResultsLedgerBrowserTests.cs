using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Results;

[Collection(BrowserCollection.Name)]
public sealed class ResultsLedgerBrowserTests(BrowserFixture browser)
{
    private async Task<int> LeadIdAsync(string company)
    {
        await using var db = browser.Factory.CreateDbContext();
        return await db.Set<Lead>().Where(l => l.Company == company).Select(l => l.Id).SingleAsync();
    }

    [Fact]
    public async Task ShippedLead_OpensOnItsResultsLedger_AboveProposalsAndTimeline()
    {
        var id = await LeadIdAsync("Helio SaaS");
        var page = await browser.SignedInPageAsync();

        await page.GotoAsync($"/leads/{id}");
        await BrowserFixture.WaitForCircuitAsync(page);
        var ledger = page.Locator("[data-testid=results-first] [data-testid=ResultsLedgerCard]");
        await ledger.Locator("[data-testid=ledger-track]").WaitForAsync();

        (await ledger.Locator("[data-testid=ledger-track]").InnerTextAsync()).Should().Be("On track");
        (await ledger.Locator("[data-testid=ledger-current]").InnerTextAsync()).Should().Contain("7.1 min");
        (await ledger.Locator("[data-testid=ledger-delta-absolute]").InnerTextAsync()).Should().Be("-6.9 min");
        (await ledger.Locator("[data-testid=ledger-chart] svg").CountAsync()).Should().BeGreaterThan(0);
        // The ledger is the first card on the page, and comes before the proposals and the timeline.
        var order = await page.EvaluateAsync<bool[]>(@"() => {
            const ledger = document.querySelector('[data-testid=results-first] [data-testid=ResultsLedgerCard]');
            const firstCard = document.querySelector('.mud-card');
            const before = el => el !== null && (ledger.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
            return [firstCard === ledger, before(document.querySelector('[data-testid=ProposalConsole]')), before(document.querySelector('[data-testid=lead-timeline]'))];
        }");
        order.Should().Equal(true, true, true);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ClientsPage_ListsAccountsWorstFirst_TheOffTrackClientsAccountOnTop()
    {
        var page = await browser.SignedInPageAsync();

        await page.GotoAsync("/clients");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("[data-testid=account-row-link]").First.WaitForAsync();

        (await page.Locator("[data-testid=account-row-link]").First.InnerTextAsync()).Should().Be("Quill Agency");
        (await page.Locator("[data-testid=account-results]").First.InnerTextAsync()).Should().Contain("off track");
        await page.Locator("[data-testid=account-row-link]").First.ClickAsync();
        await page.WaitForURLAsync("**/accounts/*");
        (await page.Locator("[data-testid=account-name]").InnerTextAsync()).Should().Be("Quill Agency");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ClientDealsPage_ListsClientsAndFiltersToOffTrack()
    {
        var page = await browser.SignedInPageAsync();

        await page.GotoAsync("/clients/deals?flag=off_track");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("[data-testid=client-row-link]").First.WaitForAsync();

        var names = await page.Locator("[data-testid=client-row-link]").AllInnerTextsAsync();
        names.Should().Equal("Quill Agency");
        (await page.Locator("[data-testid=client-flags]").First.InnerTextAsync()).Should().Contain("Off track");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ProofUploadedOnTheClientSuccessCard_AppearsOnTheLedgerAndDownloads_AndAWrongTypeIsRefused()
    {
        var id = await LeadIdAsync("Oak Street Dental");
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync($"/leads/{id}");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("[data-testid=proof-file]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // InputFile wires its change listener after rendering (it marks the element when done); files set earlier are lost.
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=proof-file]')?._blazorInputFileNextFileId !== undefined");

        await page.Locator("[data-testid=proof-file]").SetInputFilesAsync(new FilePayload { Name = "evil.exe", MimeType = "application/octet-stream", Buffer = [0x4D, 0x5A, 0x90, 0] });
        await page.Locator("[data-testid=proof-error]").WaitForAsync();
        (await page.Locator("[data-testid=proof-error]").InnerTextAsync()).Should().Contain("not accepted");

        var csv = "month,reviews\nOct,12\nNov,14\n"u8.ToArray();
        await page.SetInputFilesAsync("[data-testid=proof-file]", new FilePayload { Name = "reviews.csv", MimeType = "text/csv", Buffer = csv });
        var link = page.Locator("[data-testid=ledger-proof] [data-testid=proof-download]", new() { HasText = "reviews.csv" });
        await link.WaitForAsync();

        var href = await link.GetAttributeAsync("href");
        var download = await page.Context.APIRequest.GetAsync(href!);
        download.Status.Should().Be(200);
        download.Headers["content-disposition"].Should().StartWith("attachment");
        (await download.BodyAsync()).Should().Equal(csv);
        await page.Context.CloseAsync();
    }
}
