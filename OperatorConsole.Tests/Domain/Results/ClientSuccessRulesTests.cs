using OperatorConsole.Domain.Results;

namespace OperatorConsole.Tests.Domain.Results;

public sealed class ClientSuccessRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Outcome_WithoutSource_IsRefused(string? source)
    {
        var errors = ClientSuccessRules.ValidateOutcome(12, Now.AddDays(-1), source, null, Now).ToDictionary();

        errors.Should().ContainKey("source");
    }

    [Fact]
    public void Outcome_WithoutValue_IsRefused()
    {
        ClientSuccessRules.ValidateOutcome(null, null, "report", null, Now).ToDictionary().Should().ContainKey("value");
    }

    [Fact]
    public void Outcome_MeasuredInTheFuture_IsRefused()
    {
        ClientSuccessRules.ValidateOutcome(1, Now.AddDays(1), "report", null, Now).ToDictionary().Should().ContainKey("measuredAt");
    }

    [Fact]
    public void Outcome_WithValueAndSource_IsValid()
    {
        ClientSuccessRules.ValidateOutcome(-3.5m, null, "Stripe dashboard", "after the fix", Now).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Target_Partial_NeedsMetricValueAndDueDate()
    {
        var errors = ClientSuccessRules.ValidateEdit("Churn", null, null, null, null, null, null, null, Now).ToDictionary();

        errors.Should().ContainKeys("target.targetValue", "target.dueDate");
    }

    [Fact]
    public void Baseline_NeedsItsSource()
    {
        var errors = ClientSuccessRules.ValidateEdit(null, null, null, null, null, 5, Now.AddDays(-2), null, Now).ToDictionary();

        errors.Should().ContainKey("baseline.source");
    }

    [Theory]
    [InlineData(ResultDirection.HigherIsBetter, 10, 8)]
    [InlineData(ResultDirection.LowerIsBetter, 10, 12)]
    [InlineData(ResultDirection.HigherIsBetter, 10, 10)]
    public void Target_MustBeBetterThanBaselineInItsDirection(ResultDirection direction, decimal baseline, decimal target)
    {
        var errors = ClientSuccessRules.ValidateEdit("Metric", null, target, Now.AddDays(30), direction, baseline, Now.AddDays(-1), "report", Now).ToDictionary();

        errors.Should().ContainKey("target.targetValue");
    }

    [Fact]
    public void Everything_Empty_IsValid_TheTargetIsSimplyNotSetYet()
    {
        ClientSuccessRules.ValidateEdit(null, null, null, null, null, null, null, null, Now).IsEmpty.Should().BeTrue();
    }
}
