using OperatorConsole.Domain.Import;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Tests.Domain.Import;

/// <summary>The stage step of the generic import: a CRM's stage values mapped to ours, and "Lost, close value 0".</summary>
public sealed class StageMappingTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, string> Columns = new()
    {
        ["title"] = "product", ["company"] = "account", ["status"] = "deal_stage", ["createdAt"] = "engage_date",
        ["closedAt"] = "close_date", ["wonValue"] = "close_value", ["owner"] = "sales_agent", ["externalId"] = "opportunity_id",
    };

    private static RowMapResult Map(Dictionary<string, string?> cells, IReadOnlyDictionary<string, LeadStatus>? stages) =>
        LeadCsvMapping.Map(Columns, stages, c => cells.GetValueOrDefault(c), Now);

    private static Dictionary<string, string?> Row(string stage, string? engaged, string? closed, string? value) => new()
    {
        ["opportunity_id"] = "1C1I7A6R", ["sales_agent"] = "Moses Frase", ["product"] = "GTX Plus Basic", ["account"] = "Cancity",
        ["deal_stage"] = stage, ["engage_date"] = engaged, ["close_date"] = closed, ["close_value"] = value,
    };

    [Fact]
    public void Guess_TheMavenHeader_MapsEveryColumnTheGenericPathNeeds()
    {
        var guess = LeadCsvMapping.Guess(["opportunity_id", "sales_agent", "product", "account", "deal_stage", "engage_date", "close_date", "close_value"]);
        guess.Should().BeEquivalentTo(Columns);
    }

    [Fact]
    public void GuessStages_KnowsTheUsualCrmNames_AndLeavesTheRestToTheOperator()
    {
        var stages = LeadCsvMapping.GuessStages(["Prospecting", "Engaging", "Won", "Lost", "Closed Won", "Negotiation", "Parked"], wonStage: LeadStatus.Shipped);
        stages.Should().BeEquivalentTo(new Dictionary<string, LeadStatus>
        {
            ["Prospecting"] = LeadStatus.New,
            ["Engaging"] = LeadStatus.Qualified,
            ["Won"] = LeadStatus.Shipped,
            ["Closed Won"] = LeadStatus.Shipped,
            ["Lost"] = LeadStatus.Lost,
            ["Negotiation"] = LeadStatus.Proposal,
        });
    }

    [Fact]
    public void Won_WithTheChosenWonStage_IsAClientWithAWonOutcome_AndTheOwnerKept()
    {
        var stages = new Dictionary<string, LeadStatus> { ["won"] = LeadStatus.Building };
        var lead = Map(Row("Won", "2016-10-20", "2017-03-01", "1054"), stages).Lead!;

        lead.Status.Should().Be(LeadStatus.Building, "stage values match with case ignored");
        lead.Outcome!.Outcome.Should().Be(ProposalOutcome.Won);
        lead.Outcome.Value.Should().Be(1054m);
        lead.Owner.Should().Be("Moses Frase");
        lead.Company.Should().Be("Cancity");
    }

    [Fact]
    public void Lost_WithCloseValueZero_IsAccepted_AndRecordsALostOutcomeWithoutValue()
    {
        var result = Map(Row("Lost", "2016-10-25", "2017-03-11", "0"), LeadCsvMapping.GuessStages(["Lost"]));

        result.IsValid.Should().BeTrue(string.Join(" ", result.Errors));
        result.Lead!.Status.Should().Be(LeadStatus.Lost);
        result.Lead.Outcome!.Outcome.Should().Be(ProposalOutcome.Lost);
        result.Lead.Outcome.Value.Should().BeNull();
    }

    [Fact]
    public void Lost_WithANonZeroCloseValue_IsRefused_NamingTheValue()
    {
        var result = Map(Row("Lost", "2016-10-25", "2017-03-11", "250"), LeadCsvMapping.GuessStages(["Lost"]));

        result.IsValid.Should().BeFalse();
        result.Errors.Should().ContainSingle(e => e.Contains("'250'") && e.Contains("Lost"));
    }

    [Fact]
    public void AnUnmappedStageValue_IsRefused_NamingTheValue_UntilTheOperatorMapsIt()
    {
        Map(Row("Engaging", "2016-10-25", null, null), null).Errors.Should().ContainSingle(e => e.Contains("'Engaging'"));
        Map(Row("Engaging", "2016-10-25", null, null), new Dictionary<string, LeadStatus> { ["Engaging"] = LeadStatus.Qualified })
            .Lead!.Status.Should().Be(LeadStatus.Qualified);
    }

    [Fact]
    public void HeaderKey_IgnoresCaseAndSpacing_ButNotOrder()
    {
        LeadCsvMapping.HeaderKey(["Deal Name", "Stage"]).Should().Be(LeadCsvMapping.HeaderKey(["deal_name", "STAGE"]));
        LeadCsvMapping.HeaderKey(["Stage", "Deal Name"]).Should().NotBe(LeadCsvMapping.HeaderKey(["Deal Name", "Stage"]));
    }

    [Fact]
    public void AccountsFile_MavenHeader_IsGuessed_AndEmployeesMustBeWhole()
    {
        var mapping = AccountCsvMapping.Guess(["account", "sector", "year_established", "revenue", "employees", "office_location", "subsidiary_of"]);
        mapping.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["name"] = "account", ["sector"] = "sector", ["revenue"] = "revenue", ["employees"] = "employees",
            ["country"] = "office_location", ["yearEstablished"] = "year_established", ["parent"] = "subsidiary_of",
        });

        var ok = AccountCsvMapping.Map(mapping, c => c switch
        {
            "account" => "  Acme   Corporation ", "sector" => "technolgy", "revenue" => "1100.04", "employees" => "2822",
            "office_location" => "United States", "year_established" => "1996", "subsidiary_of" => " Big  Group ", _ => null,
        }, 2026);
        ok.Account.Should().Be(new ImportedAccount("Acme Corporation", "technolgy", 2822, 1100.04m, null, null, "United States", 1996, "Big Group"));

        var bad = AccountCsvMapping.Map(mapping, c => c switch { "account" => "Acme", "employees" => "12.5", _ => null }, 2026);
        bad.Errors.Should().ContainSingle(e => e.Contains("'12.5'"));

        AccountCsvMapping.Map(mapping, c => c switch { "account" => "Acme", "year_established" => "1996a", _ => null }, 2026)
            .Errors.Should().ContainSingle(e => e.Contains("'1996a' is not a year"));
        AccountCsvMapping.Map(mapping, c => c switch { "account" => "Acme", "year_established" => "2031", _ => null }, 2026)
            .Errors.Should().ContainSingle(e => e.Contains("between 1000 and 2026"));
        AccountCsvMapping.Map(mapping, c => c switch { "account" => "Acme", "subsidiary_of" => "ACME", _ => null }, 2026)
            .Errors.Should().ContainSingle(e => e.Contains("its own parent"));
    }
}
