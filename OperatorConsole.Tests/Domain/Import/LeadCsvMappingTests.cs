using OperatorConsole.Domain.Import;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Tests.Domain.Import;

public sealed class LeadCsvMappingTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    private static RowMapResult Map(Dictionary<string, string> cells) =>
        LeadCsvMapping.Map(cells.Keys.ToDictionary(k => k, k => k), c => cells.GetValueOrDefault(c), Now);

    [Fact]
    public void Guess_MapsTheExportHeaderAndCommonSynonyms()
    {
        var exported = LeadCsvMapping.Guess(["id", "externalId", "title", "company", "contactName", "contactEmail", "source", "estimatedValue", "status", "offerType", "createdAt"]);
        exported["externalId"].Should().Be("externalId", "an exact field name wins over the 'id' synonym");
        exported["title"].Should().Be("title");
        exported["status"].Should().Be("status");

        var crm = LeadCsvMapping.Guess(["Deal Name", "Account", "Email", "Amount", "Stage", "Notes"]);
        crm["title"].Should().Be("Deal Name", "spaces and case are ignored when matching synonyms");
        crm.Values.Should().NotContain("Notes");
        crm["company"].Should().Be("Account");
        crm["contactEmail"].Should().Be("Email");
        crm["estimatedValue"].Should().Be("Amount");
        crm["status"].Should().Be("Stage");
    }

    [Fact]
    public void ValidateMapping_RequiresTitle_AndColumnsThatExist()
    {
        LeadCsvMapping.ValidateMapping(new Dictionary<string, string> { ["company"] = "Account" }, ["Account"])
            .Should().ContainSingle(e => e.Contains("Title"));
        LeadCsvMapping.ValidateMapping(new Dictionary<string, string> { ["title"] = "Name" }, ["Title"])
            .Should().ContainSingle(e => e.Contains("'Name'"));
    }

    [Fact]
    public void Map_AValidRow_KeepsEveryField()
    {
        var result = Map(new()
        {
            ["title"] = " Chatbot ", ["company"] = "Kline", ["contactEmail"] = "s@kline.example", ["estimatedValue"] = "15,000.50",
            ["status"] = "qualified", ["offerType"] = "fast_cash_dfy", ["createdAt"] = "2026-10-01T08:00:00Z", ["externalId"] = "K-1",
        });

        result.IsValid.Should().BeTrue(string.Join(" ", result.Errors));
        var lead = result.Lead!;
        lead.Title.Should().Be("Chatbot");
        lead.EstimatedValue.Should().Be(15000.50m);
        lead.Status.Should().Be(LeadStatus.Qualified);
        lead.OfferType.Should().Be(OfferType.FastCashDfy);
        lead.CreatedAt.Should().Be(new DateTime(2026, 10, 1, 8, 0, 0, DateTimeKind.Utc));
        lead.CreatedAtEstimated.Should().BeFalse();
    }

    [Fact]
    public void Map_AClosedDealWithOnlyACloseDate_IsImported_UndatedAtItsClose()
    {
        var result = Map(new() { ["title"] = "Lost audit", ["status"] = "Lost", ["closedAt"] = "2026-01-15" });

        result.IsValid.Should().BeTrue(string.Join(" ", result.Errors));
        var lead = result.Lead!;
        lead.CreatedAt.Should().Be(new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc), "it cannot have been created after it closed");
        lead.CreatedAtEstimated.Should().BeTrue();
        lead.Outcome!.At.Should().Be(new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Map_WithoutStageOrDate_IsNewCreatedNow()
    {
        var lead = Map(new() { ["title"] = "Bare" }).Lead!;
        lead.Status.Should().Be(LeadStatus.New);
        lead.CreatedAt.Should().Be(Now);
        lead.CreatedAtEstimated.Should().BeTrue("the file gave no date; the one it has is a stand-in");
    }

    [Fact]
    public void Map_AWonDeal_RecordsAWonOutcomeAtTheCloseDate()
    {
        var lead = Map(new() { ["title"] = "Deal", ["status"] = "Approved", ["wonValue"] = "900", ["createdAt"] = "2026-01-01", ["closedAt"] = "2026-02-01" }).Lead!;

        lead.History.Select(h => h.Status).Should().Equal(LeadStatus.New, LeadStatus.Approved);
        lead.Outcome!.Outcome.Should().Be(ProposalOutcome.Won);
        lead.Outcome.Value.Should().Be(900);
    }

    /// <summary>
    /// A HubSpot or Pipedrive export has no close value: a won deal's amount is what it was won for (ADR 244). It had no
    /// won outcome at all, so its account, the scorecard and the chat said 0 USD won, and its close date was dropped.
    /// </summary>
    [Fact]
    public void Map_AWonDealWithoutACloseValue_IsWonForItsValue_OnItsCloseDate()
    {
        var lead = Map(new() { ["title"] = "Deal", ["status"] = "Approved", ["estimatedValue"] = "1200", ["createdAt"] = "2024-01-10", ["closedAt"] = "2024-03-01" }).Lead!;

        lead.History.Select(h => (h.Status, h.At.Date)).Should().Equal((LeadStatus.New, new DateTime(2024, 1, 10)), (LeadStatus.Approved, new DateTime(2024, 3, 1)));
        lead.Outcome!.Outcome.Should().Be(ProposalOutcome.Won);
        (lead.Outcome.At.Date, lead.Outcome.Value, lead.Outcome.Amount).Should().Be((new DateTime(2024, 3, 1), 1200m, 1200m));

        // Without a value nothing was won for an amount, but the stage still moved on the close date.
        var noValue = Map(new() { ["title"] = "Deal", ["status"] = "Shipped", ["createdAt"] = "2024-01-10", ["closedAt"] = "2024-03-01" }).Lead!;
        noValue.Outcome.Should().BeNull();
        noValue.History.Select(h => h.Status).Should().Equal(LeadStatus.New, LeadStatus.Shipped);
        // Without a close date it was won when the file says it was created, as a close value alone already was.
        var noDate = Map(new() { ["title"] = "Deal", ["status"] = "Building", ["estimatedValue"] = "700", ["createdAt"] = "2024-01-10" }).Lead!;
        (noDate.Outcome!.At.Date, noDate.Outcome.Value).Should().Be((new DateTime(2024, 1, 10), 700m));
        // An open or lost deal's value is an estimate, never a win.
        Map(new() { ["title"] = "Deal", ["status"] = "Proposal", ["estimatedValue"] = "700" }).Lead!.Outcome.Should().BeNull();
        Map(new() { ["title"] = "Deal", ["status"] = "Lost", ["estimatedValue"] = "700", ["closedAt"] = "2024-03-01" }).Lead!.Outcome!.Outcome.Should().Be(ProposalOutcome.Lost);
    }

    /// <summary>A CRM's lost reason is the lost deal's outcome reason; a lost deal that gives one is decided even without a close date.</summary>
    [Fact]
    public void Map_ALostReason_IsTheLostOutcomesReason()
    {
        var dated = Map(new() { ["title"] = "Deal", ["status"] = "Lost", ["closedAt"] = "2024-03-20", ["lostReason"] = "Chose a cheaper vendor" }).Lead!;
        (dated.Outcome!.Outcome, dated.Outcome.At.Date, dated.Outcome.Reason).Should().Be((ProposalOutcome.Lost, new DateTime(2024, 3, 20), "Chose a cheaper vendor"));

        var undated = Map(new() { ["title"] = "Deal", ["status"] = "Lost", ["createdAt"] = "2024-02-02", ["lostReason"] = "No budget" }).Lead!;
        (undated.Outcome!.At.Date, undated.Outcome.Reason).Should().Be((new DateTime(2024, 2, 2), "No budget"));
        Map(new() { ["title"] = "Deal", ["status"] = "Qualified", ["lostReason"] = "No budget" }).Lead!.Outcome.Should().BeNull("a reopened deal's old reason is no outcome");
        Map(new() { ["title"] = "Deal", ["status"] = "Lost", ["lostReason"] = new string('x', 2001) }).Errors.Should().ContainSingle(e => e.Contains("lostReason"));
    }

    /// <summary>
    /// An expected close date (ADR 245): Pipedrive's column is guessed and read; HubSpot's one "Close Date" is the expected
    /// one on an open row and stays the close date on a decided one; a day outside 2000–2100 refuses the row.
    /// </summary>
    [Fact]
    public void Map_AnExpectedCloseDate_IsReadFromItsColumn_OrFromAnOpenDealsCloseDate()
    {
        LeadCsvMapping.Guess(["Deal - Title", "Deal - Expected close date", "Deal - Deal closed on"])
            .Should().Contain("expectedCloseOn", "Deal - Expected close date").And.Contain("closedAt", "Deal - Deal closed on");

        Map(new() { ["title"] = "Deal", ["status"] = "Proposal", ["expectedCloseOn"] = "2027-01-15" }).Lead!.ExpectedCloseOn.Should().Be(new DateOnly(2027, 1, 15));
        var hubSpotOpen = Map(new() { ["title"] = "Deal", ["status"] = "Qualified", ["createdAt"] = "2026-11-01", ["closedAt"] = "2026-12-20" }).Lead!;
        (hubSpotOpen.ExpectedCloseOn, hubSpotOpen.Outcome, hubSpotOpen.Status).Should().Be((new DateOnly(2026, 12, 20), (ImportedOutcome?)null, LeadStatus.Qualified));
        var won = Map(new() { ["title"] = "Deal", ["status"] = "Approved", ["estimatedValue"] = "500", ["createdAt"] = "2026-01-01", ["closedAt"] = "2026-02-01" }).Lead!;
        (won.ExpectedCloseOn, won.Outcome!.At.Date).Should().Be(((DateOnly?)null, new DateTime(2026, 2, 1)));
        Map(new() { ["title"] = "Deal", ["status"] = "Proposal", ["expectedCloseOn"] = "2027-01-15", ["closedAt"] = "2026-12-01", ["createdAt"] = "2026-11-01" })
            .Lead!.ExpectedCloseOn.Should().Be(new DateOnly(2027, 1, 15), "its own column wins over a close date");
        Map(new() { ["title"] = "Deal", ["expectedCloseOn"] = "2207-01-15" }).Errors.Should().ContainSingle()
            .Which.Should().Be("expectedCloseOn: 2207-01-15 is not a day from 2000-01-01 to 2100-12-31.");
        Map(new() { ["title"] = "Deal", ["expectedCloseOn"] = "someday" }).Errors.Should().ContainSingle(e => e.StartsWith("expectedCloseOn"));
    }

    /// <summary>A won / lost column (Pipedrive's status) decides the stage; a won deal keeps a client stage its stage column gives.</summary>
    [Theory]
    [InlineData("won", "Proposal", LeadStatus.Approved)]
    [InlineData("Won", "Shipped", LeadStatus.Shipped)]
    [InlineData("lost", "Qualified", LeadStatus.Lost)]
    [InlineData("open", "Qualified", LeadStatus.Qualified)]
    [InlineData(null, "Qualified", LeadStatus.Qualified)]
    public void Map_AnOutcomeColumn_DecidesWonAndLost(string? outcome, string stage, LeadStatus expected)
    {
        var cells = new Dictionary<string, string> { ["title"] = "Deal", ["status"] = stage, ["estimatedValue"] = "100" };
        if (outcome is not null)
        {
            cells["outcome"] = outcome;
        }

        Map(cells).Lead!.Status.Should().Be(expected);
    }

    [Theory]
    [InlineData("title", "", "'title' is required")]
    [InlineData("contactEmail", "not-an-email", "e-mail")]
    [InlineData("estimatedValue", "lots", "not a number")]
    [InlineData("estimatedValue", "-5", "between")]
    [InlineData("status", "Negotiating", "stage")]
    [InlineData("createdAt", "yesterday-ish", "not a date")]
    public void Map_ABadCell_IsARowError(string field, string value, string expected)
    {
        var cells = new Dictionary<string, string> { ["title"] = "Ok title", [field] = value };
        var result = Map(cells);

        result.IsValid.Should().BeFalse();
        result.Errors.Should().Contain(e => e.Contains(expected, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void DuplicateKeys_IgnoreCaseAndSpacing()
    {
        DuplicateKeys.Natural(" Acme  Inc ", "Chat bot").Should().Be(DuplicateKeys.Natural("acme inc", "CHAT   BOT"));
        DuplicateKeys.Natural("Acme", "Chat bot").Should().NotBe(DuplicateKeys.Natural("Acme", "Chatbot"));
        DuplicateKeys.External("  ").Should().BeNull();
    }
}
