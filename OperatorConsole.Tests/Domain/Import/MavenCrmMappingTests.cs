using OperatorConsole.Domain.Import;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Tests.Domain.Import;

public sealed class MavenCrmMappingTests
{
    private static readonly DateTime AsOf = new(2017, 12, 31, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Dictionary<string, MavenProduct> Prices = new()
    {
        [MavenCrmMapping.ProductKey("GTX Pro")] = new("GTX Pro", 4821m),
        [MavenCrmMapping.ProductKey("MG Special")] = new("MG Special", 55m),
    };

    private static DateTime D(string text) => DateTime.SpecifyKind(DateTime.Parse(text), DateTimeKind.Utc);

    [Fact]
    public void Won_BecomesQualifiedThenApproved_WithAWonOutcomeCarryingTheCloseValue()
    {
        var result = MavenCrmMapping.Map(new MavenOpportunity("Z063OYW0", "Darcel Schlecht", "GTXPro", "Isdom", "Won", "2016-10-25", "2017-03-11", "4514"), Prices, AsOf);

        result.IsValid.Should().BeTrue(string.Join(" ", result.Errors));
        var lead = result.Lead!;
        lead.Title.Should().Be("GTXPro for Isdom");
        lead.Company.Should().Be("Isdom");
        lead.ContactName.Should().BeNull("the file names no one at the customer; the sales agent is on our side");
        lead.Owner.Should().Be("Darcel Schlecht");
        lead.Source.Should().Be("maven-crm");
        lead.ExternalId.Should().Be("Z063OYW0");
        lead.EstimatedValue.Should().Be(4821m, "GTXPro in the pipeline is 'GTX Pro' in products.csv");
        lead.History.Should().Equal(new ImportedStatusStep(LeadStatus.Qualified, D("2016-10-25")), new ImportedStatusStep(LeadStatus.Approved, D("2017-03-11")));
        lead.Outcome.Should().Be(new ImportedOutcome(ProposalOutcome.Won, D("2017-03-11"), 4514m, 4821m));
        lead.Package.Should().Be(new ImportedPackage("GTX Pro", 4821m), "the deal was sold on products.csv's GTX Pro, named as that file names it");
    }

    [Fact]
    public void Lost_EndsLost_AtTheCloseDate_WithALostOutcome()
    {
        var lead = MavenCrmMapping.Map(new MavenOpportunity("X1", "A", "MG Special", "Acme", "Lost", "2017-01-02", "2017-02-03", "0"), Prices, AsOf).Lead!;

        lead.Status.Should().Be(LeadStatus.Lost);
        lead.StatusChangedAt.Should().Be(D("2017-02-03"));
        lead.Outcome!.Outcome.Should().Be(ProposalOutcome.Lost);
        lead.Outcome.Value.Should().BeNull();
    }

    [Fact]
    public void Engaging_IsQualified_CreatedAtTheEngageDate()
    {
        var lead = MavenCrmMapping.Map(new MavenOpportunity("E1", "A", "MG Special", "", "Engaging", "2017-05-06", "", ""), Prices, AsOf).Lead!;

        lead.Status.Should().Be(LeadStatus.Qualified);
        lead.CreatedAt.Should().Be(D("2017-05-06"));
        lead.CreatedAtEstimated.Should().BeFalse();
        lead.Title.Should().Be("MG Special (E1)", "an opportunity without an account is named by its id");
        lead.Company.Should().BeNull();
        lead.Outcome.Should().BeNull();
    }

    [Fact]
    public void Prospecting_HasNoDates_SoItIsCreatedAtTheDatasetsAsOfDate()
    {
        var lead = MavenCrmMapping.Map(new MavenOpportunity("P1", "A", "Unknown product", "Acme", "Prospecting", "", "", ""), Prices, AsOf).Lead!;

        lead.Status.Should().Be(LeadStatus.New);
        lead.History.Should().Equal(new ImportedStatusStep(LeadStatus.New, AsOf));
        lead.CreatedAtEstimated.Should().BeTrue("the as-of date is where the row is placed, not when it arrived");
        lead.EstimatedValue.Should().BeNull("a product missing from products.csv has no price");
        lead.Package.Should().BeNull("a package needs a price, and the file gives none");
    }

    [Theory]
    [InlineData("", "MG Special", "Won", "2017-01-01", "2017-02-01", "5", "opportunity_id")]
    [InlineData("A1", "MG Special", "Negotiating", "2017-01-01", "", "", "deal_stage")]
    [InlineData("A1", "MG Special", "Won", "2017-01-01", "2017-02-01", "", "close_value")]
    [InlineData("A1", "MG Special", "Won", "2017-03-01", "2017-02-01", "5", "close_date: before")]
    [InlineData("A1", "MG Special", "Engaging", "01/02/2017", "", "", "engage_date")]
    [InlineData("A1", "MG Special", "Lost", "2017-01-01", "", "0", "close_date")]
    public void BadRows_AreRefusedWithTheFieldNamed(string id, string product, string stage, string engage, string close, string value, string expected)
    {
        var result = MavenCrmMapping.Map(new MavenOpportunity(id, "A", product, "Acme", stage, engage, close, value), Prices, AsOf);

        result.IsValid.Should().BeFalse();
        result.Errors.Should().Contain(e => e.Contains(expected));
    }

    [Fact]
    public void AsOf_IsTheLatestDateInTheFile()
    {
        MavenCrmMapping.AsOf(
        [
            new MavenOpportunity("a", null, null, null, "Won", "2016-10-20", "2017-03-01", "1"),
            new MavenOpportunity("b", null, null, null, "Engaging", "2017-12-27", null, null),
            new MavenOpportunity("c", null, null, null, "Prospecting", null, null, null),
        ]).Should().Be(D("2017-12-27"));
    }
}
