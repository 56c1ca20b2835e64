using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Tests.Domain.Leads;

public sealed class LeadRulesTests
{
    [Fact]
    public void StatusChange_ToTheSameStatus_IsRefused() =>
        LeadRules.ValidateStatusChange(LeadStatus.Qualified, LeadStatus.Qualified, "why not").ToDictionary().Should().ContainKey("status");

    [Theory]
    [InlineData(LeadStatus.Lost)]
    [InlineData(LeadStatus.Shipped)]
    public void StatusChange_LeavingLostOrShipped_NeedsAReason(LeadStatus from)
    {
        LeadRules.ValidateStatusChange(from, LeadStatus.New, null).ToDictionary().Should().ContainKey("reason");
        LeadRules.ValidateStatusChange(from, LeadStatus.New, "  ").ToDictionary().Should().ContainKey("reason");
        LeadRules.ValidateStatusChange(from, LeadStatus.New, "They called back").IsEmpty.Should().BeTrue();
    }

    [Theory]
    [InlineData(LeadStatus.New, LeadStatus.Lost)]
    [InlineData(LeadStatus.Building, LeadStatus.Qualified)]
    [InlineData(LeadStatus.New, LeadStatus.Shipped)]
    public void StatusChange_AnyOtherMove_IsAllowedWithoutAReason(LeadStatus from, LeadStatus to) =>
        LeadRules.ValidateStatusChange(from, to, null).IsEmpty.Should().BeTrue();

    [Fact]
    public void StatusChange_UnknownTarget_IsRefused() =>
        LeadRules.ValidateStatusChange(LeadStatus.New, (LeadStatus)42, null).ToDictionary().Should().ContainKey("status");

    [Fact]
    public void StatusChange_OverlongReason_IsRefused() =>
        LeadRules.ValidateStatusChange(LeadStatus.New, LeadStatus.Lost, new string('r', LeadRules.ReasonMax + 1)).ToDictionary().Should().ContainKey("reason");

    [Fact]
    public void Fields_TitleRequired_EmailChecked_ValueInRange()
    {
        var errors = LeadRules.ValidateFields(" ", null, null, "nobody", null, -1m).ToDictionary();

        errors.Keys.Should().BeEquivalentTo(["title", "contactEmail", "estimatedValue"]);
    }

    [Fact]
    public void Fields_Valid_HaveNoErrors() =>
        LeadRules.ValidateFields("Acme", "Acme Ltd", "Ada", "ada@acme.test", "referral", 5000m).IsEmpty.Should().BeTrue();
}
