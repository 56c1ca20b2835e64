using OperatorConsole.Domain.Assets;

namespace OperatorConsole.Tests.Domain.Assets;

public sealed class ReusableAssetRulesTests
{
    [Fact]
    public void Validate_WithoutTheExtractedAnswer_AsksTheFirstQuestion()
    {
        var errors = ReusableAssetRules.Validate(null, null, AssetType.Prompt, "x", "y", ReuseConfidence.High, null).ToDictionary();

        errors.Should().ContainKey("extracted");
    }

    [Fact]
    public void Validate_NoWithoutReason_RequiresTheReason()
    {
        var errors = ReusableAssetRules.Validate(false, "  ", null, null, null, null, null).ToDictionary();

        errors.Keys.Should().BeEquivalentTo(["notExtractedReason"]);
    }

    [Fact]
    public void Validate_NoWithReason_IsValid()
    {
        ReusableAssetRules.Validate(false, "One-off clean-up, nothing generic.", null, null, null, null, "n").IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Validate_NoWithAssetFields_RefusesTheFieldsThatDoNotApply()
    {
        var errors = ReusableAssetRules.Validate(false, "why", AssetType.Template, "label", "path", ReuseConfidence.Low, null).ToDictionary();

        errors.Keys.Should().BeEquivalentTo(["type", "label", "storedAt", "reuseConfidence"]);
    }

    [Fact]
    public void Validate_YesWithoutDetails_RequiresTypeLabelWhereStoredAndConfidence()
    {
        var errors = ReusableAssetRules.Validate(true, null, null, null, null, null, null).ToDictionary();

        errors.Keys.Should().BeEquivalentTo(["type", "label", "storedAt", "reuseConfidence"]);
    }

    [Fact]
    public void Validate_YesComplete_IsValid()
    {
        ReusableAssetRules.Validate(true, null, AssetType.CaseStudy, "Quill case study", "Drive: Sales/Quill.pdf", ReuseConfidence.High, null)
            .IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Validate_UnknownTypeValue_IsAFieldError()
    {
        var errors = ReusableAssetRules.Validate(true, null, (AssetType)42, "l", "s", ReuseConfidence.Low, null).ToDictionary();

        errors.Should().ContainKey("type");
    }

    [Fact]
    public void Validate_YesWithAReasonForNo_RefusesTheReason()
    {
        var errors = ReusableAssetRules.Validate(true, "nothing", AssetType.Prompt, "l", "s", ReuseConfidence.Low, null).ToDictionary();

        errors.Keys.Should().BeEquivalentTo(["notExtractedReason"]);
    }
}
