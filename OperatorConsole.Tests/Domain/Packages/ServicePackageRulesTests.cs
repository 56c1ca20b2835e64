using OperatorConsole.Domain.Packages;

namespace OperatorConsole.Tests.Domain.Packages;

public sealed class ServicePackageRulesTests
{
    private static ServicePackageFields Valid(decimal min = 1000, decimal max = 2000, string currency = "USD", IReadOnlyList<string>? steps = null, IReadOnlyList<UpgradeOption>? upgrades = null) =>
        new("Intake Sprint", "Answers in 2 minutes", "Bot, KB", "Voice", "Clinics", steps ?? ["Kick-off", "Build"], "10 days", "Two rounds", min, max, currency, upgrades ?? []);

    [Fact]
    public void Validate_ValidPackage_HasNoErrors() => ServicePackageRules.Validate(Valid()).IsEmpty.Should().BeTrue();

    [Fact]
    public void Validate_MinEqualsMax_IsAllowed() => ServicePackageRules.Validate(Valid(5000, 5000)).IsEmpty.Should().BeTrue();

    [Fact]
    public void Validate_MinAboveMax_FlagsPriceMin() =>
        ServicePackageRules.Validate(Valid(3000, 2000)).ToDictionary().Should().ContainKey("priceMin");

    [Fact]
    public void Validate_NegativePrice_IsRefused()
    {
        var errors = ServicePackageRules.Validate(Valid(-1, 2000)).ToDictionary();
        errors.Should().ContainKey("priceMin");
    }

    [Theory]
    [InlineData("")]
    [InlineData("US")]
    [InlineData("US1")]
    [InlineData("EURO")]
    public void Validate_BadCurrency_IsRefused(string currency) =>
        ServicePackageRules.Validate(Valid(currency: currency)).ToDictionary().Should().ContainKey("currency");

    [Fact]
    public void Validate_BlankStepAndNegativeUpgrade_NameTheirPositions()
    {
        var errors = ServicePackageRules.Validate(Valid(steps: ["Kick-off", " "], upgrades: [new("Extra", -5), new("", 10)])).ToDictionary();
        errors.Should().ContainKeys("deliverySteps[1]", "upgradeOptions[0].price", "upgradeOptions[1].name");
        errors.Should().NotContainKey("deliverySteps[0]");
    }

    [Fact]
    public void Validate_MissingName_IsRefused() =>
        ServicePackageRules.Validate(Valid() with { Name = " " }).ToDictionary().Should().ContainKey("name");

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(1, 0, false)]
    [InlineData(0, 1, false)]
    public void CanDelete_OnlyWhenNoLeadOrProposalUsesIt(int leads, int proposals, bool expected) =>
        ServicePackageRules.CanDelete(leads, proposals).Should().Be(expected);

    [Fact]
    public void FormatPrice_ShowsRangeOrSinglePrice()
    {
        ServicePackageRules.FormatPrice(4500, 7500, "USD").Should().Be($"{4500:N0}–{7500:N0} USD");
        ServicePackageRules.FormatPrice(5000, 5000, "EUR").Should().Be($"{5000:N0} EUR");
    }
}
