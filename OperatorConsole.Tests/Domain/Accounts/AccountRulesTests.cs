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
        var errors = AccountRules.Validate(new AccountFields("Acme", Website: website), nameRequired: true, ThisYear).ToDictionary();
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
        var errors = AccountRules.Validate(new AccountFields(" ", Employees: -1, Revenue: -5m), nameRequired: true, ThisYear).ToDictionary();
        errors.Keys.Should().BeEquivalentTo("name", "employees", "revenue");
        AccountRules.Validate(new AccountFields(null, Sector: "retail"), nameRequired: false, ThisYear).IsEmpty.Should().BeTrue("a PATCH need not send the name");
    }

    private const int ThisYear = 2026;

    [Theory]
    [InlineData(1670, null)]
    [InlineData(2026, null)]
    [InlineData(2027, "yearEstablished")]
    [InlineData(999, "yearEstablished")]
    public void Validate_YearEstablished_IsNotBeforeTheYear1000NorAfterThisYear(int year, string? error)
    {
        var errors = AccountRules.Validate(new AccountFields("Acme", YearEstablished: year, Country: "Kenya"), nameRequired: true, ThisYear).ToDictionary();
        errors.Keys.Should().BeEquivalentTo(error is null ? [] : new[] { error });
    }

    [Fact]
    public void ParentError_RefusesItselfAndItsOwnSubsidiaries_AndSurvivesALoopAlreadyStored()
    {
        // 3 is a subsidiary of 2, 2 of 1; 8 and 9 already point at each other (a loop stored before the rule).
        var parents = new Dictionary<int, int?> { [3] = 2, [2] = 1, [8] = 9, [9] = 8 };
        int? ParentOf(int id) => parents.GetValueOrDefault(id);

        AccountRules.ParentError(1, 1, ParentOf).Should().Contain("its own parent");
        AccountRules.ParentError(1, 3, ParentOf).Should().Contain("subsidiary of this account", "1 is above 3: 3 cannot be its parent");
        AccountRules.ParentError(3, 1, ParentOf).Should().BeNull("a grandparent may become the parent");
        AccountRules.ParentError(0, 3, ParentOf).Should().BeNull("a new account may have any parent");
        AccountRules.ParentError(4, 8, ParentOf).Should().BeNull("the walk stops at a loop that does not reach the account");
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
