using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Features.Leads;

namespace OperatorConsole.Tests.Components.Leads;

/// <summary>The Leads list's address: every filter read back as written, and a hand-edited value that does not parse left out.</summary>
public sealed class LeadListAddressTests
{
    [Fact]
    public void EveryFilter_IsReadBackAsItWasWritten()
    {
        var filters = new LeadListQuery(StageFilter.Parse("won"), OfferType.Productized, "acme & co", true, AccountId: 7, Owner: "Anna Snelling",
            Source: "referral", MinValue: 1500.5m, MaxValue: 20000m, PackageId: 3, NextStep: NextStepState.Overdue, Office: "West", Manager: "Dustin Brinkmann");
        var query = string.Join('&', LeadListAddress.Write(filters, "-createdAt").Where(p => p.Value is not null)
            .Select(p => $"{p.Key}={Uri.EscapeDataString(Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)!)}"));

        LeadListAddress.Read("https://console.test/leads?" + query).Should().Be(filters);
        query.Should().Contain("sort=-createdAt");
    }

    [Fact]
    public void AValueThatDoesNotParse_IsLeftOut_AndTheRestKept()
    {
        var read = LeadListAddress.Read("https://console.test/leads?status=nonsense&offerType=x&accountId=abc&minValue=lots&includeArchived=maybe&office=%20&manager=Cara%20Losch");

        read.Should().Be(new LeadListQuery(Manager: "Cara Losch"));
    }
}
