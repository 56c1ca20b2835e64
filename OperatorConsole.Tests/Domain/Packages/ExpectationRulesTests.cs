using OperatorConsole.Domain.Expectations;

namespace OperatorConsole.Tests.Domain.Packages;

public sealed class ExpectationRulesTests
{
    private static readonly string[] Allowed = ["unrealistic_timeline", "data_not_ready"];

    private static ExpectationFields Fields(string? requested = "Zero staff touch", AskCalibration? ask = AskCalibration.OverAsking, string? script = null, params string[] flags) =>
        new(requested, "60–70% automated", flags, null, ask, "Fewer e-mails", script);

    [Fact]
    public void Validate_KnownFlags_Pass() =>
        ExpectationRules.Validate(Fields(flags: ["unrealistic_timeline", "DATA_NOT_READY"]), Allowed).IsEmpty.Should().BeTrue();

    [Fact]
    public void Validate_UnknownFlag_IsRefusedAndNamed()
    {
        var errors = ExpectationRules.Validate(Fields(flags: ["made_up"]), Allowed).ToDictionary();
        errors["riskFlags"].Single().Should().Contain("made_up");
    }

    [Fact]
    public void Validate_EmptySnapshot_IsRefused() =>
        ExpectationRules.Validate(new ExpectationFields(null, " ", [], null, null, null, null), Allowed).IsEmpty.Should().BeFalse();

    [Fact]
    public void Validate_UndefinedCalibration_IsRefused() =>
        ExpectationRules.Validate(Fields(ask: (AskCalibration)42), Allowed).ToDictionary().Should().ContainKey("askCalibration");

    [Fact]
    public void Diff_FirstSnapshot_ListsEveryFilledField()
    {
        var changes = ExpectationRules.Diff(null, Fields(flags: ["data_not_ready"]));
        changes.Select(c => c.Field).Should().BeEquivalentTo(["requestedOutcome", "realisticOutcomeRange", "askCalibration", "riskFlags", "actualNeed"]);
        changes.Should().OnlyContain(c => c.Before == null);
    }

    [Fact]
    public void Diff_OnlyChangedFields_WithBeforeAndAfter()
    {
        var before = Fields(flags: ["data_not_ready"]);
        var after = Fields(ask: AskCalibration.Aligned, script: "- A person reviews edge cases", flags: ["data_not_ready"]);

        var changes = ExpectationRules.Diff(before, after);

        changes.Select(c => c.Field).Should().Equal("askCalibration", "resetScript");
        changes[0].Before.Should().Be("Over-asking");
        changes[0].After.Should().Be("Aligned");
    }

    [Fact]
    public void Diff_FlagOrderAndWhitespace_AreNotChanges()
    {
        var before = Fields(requested: "Zero staff touch", flags: ["a", "b"]);
        var after = Fields(requested: " Zero staff touch ", flags: ["b", "a"]);
        ExpectationRules.Diff(before, after).Should().BeEmpty();
    }

    [Theory]
    [InlineData(AskCalibration.OverAsking, null, true)]
    [InlineData(AskCalibration.OverAsking, "  ", true)]
    [InlineData(AskCalibration.OverAsking, "- talk", false)]
    [InlineData(AskCalibration.UnderAsking, null, false)]
    [InlineData(null, null, false)]
    public void NeedsResetScript_OnlyForOverAskingWithoutScript(AskCalibration? ask, string? script, bool expected) =>
        ExpectationRules.NeedsResetScript(ask, script).Should().Be(expected);

    [Fact]
    public void ValidateFlagList_RefusesEmptyDuplicateAndBlank()
    {
        ExpectationRules.ValidateFlagList([]).IsEmpty.Should().BeFalse();
        ExpectationRules.ValidateFlagList(["a", "A"]).IsEmpty.Should().BeFalse();
        ExpectationRules.ValidateFlagList(["a", " "]).ToDictionary().Should().ContainKey("flags[1]");
        ExpectationRules.ValidateFlagList(["a", "b"]).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void NormaliseFlags_UsesTheListSpellingAndDropsDuplicates() =>
        ExpectationRules.NormaliseFlags(["DATA_NOT_READY", "data_not_ready", " unrealistic_timeline "], Allowed)
            .Should().Equal("data_not_ready", "unrealistic_timeline");
}
