using OperatorConsole.Domain.Accounts;

namespace OperatorConsole.Tests.Domain.Accounts;

public sealed class AccountRulesTests
{
    [Theory]
    [InlineData("Acme Corp", "acme corp")]
    [InlineData("  ACME   corp ", "acme corp")]
    [InlineData("Acme\tCorp", "acme corp")]
    [InlineData("Zürich AG", "zürich ag")]
    public void NameKey_IgnoresCaseAndSpacing(string name, string key) => AccountRules.NameKey(name).Should().Be(key);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void NameKey_OfABlankName_IsNull_SoABlankCompanyIsNoAccount(string? name) => AccountRules.NameKey(name).Should().BeNull();

    [Fact]
    public void CleanName_KeepsTheCaseButCollapsesSpacing() => AccountRules.CleanName("  Acme   Corp ").Should().Be("Acme Corp");

    [Theory]
    [InlineData("acme.example", null)]
    [InlineData("https://acme.example/about", null)]
    [InlineData("ftp://acme.example", "website")]
    [InlineData("not a site", "website")]
    public void Validate_Website_IsAnHttpAddress(string website, string? error)
    {
        var errors = AccountRules.Validate("Acme", null, null, null, website, null, nameRequired: true).ToDictionary();
        if (error is null)
        {
            errors.Should().BeEmpty();
        }
        else
        {
            errors.Should().ContainKey(error);
        }
    }

    [Fact]
    public void Validate_RefusesNegativeNumbersAndAMissingName()
    {
        var errors = AccountRules.Validate(" ", null, -1, -5m, null, null, nameRequired: true).ToDictionary();
        errors.Keys.Should().BeEquivalentTo("name", "employees", "revenue");
        AccountRules.Validate(null, "retail", null, null, null, null, nameRequired: false).IsEmpty.Should().BeTrue("a PATCH need not send the name");
    }

    [Fact]
    public void Triage_OffTrackBeforeUnmeasuredBeforeNoTarget_AndAccountsWithoutClientsLast()
    {
        AccountTriage.Severity(clients: 3, offTrack: 1, unmeasured: 2, noTarget: 0).Should().Be(0);
        AccountTriage.Severity(3, 0, 2, 1).Should().Be(1);
        AccountTriage.Severity(3, 0, 0, 1).Should().Be(2);
        AccountTriage.Severity(3, 0, 0, 0).Should().Be(3);
        AccountTriage.Severity(0, 0, 0, 0).Should().Be(4);
        AccountTriage.Troubled(0, 0, 55).Should().Be(55, "at the no-target level, the account with more clients lacking a target is worse");
    }
}
