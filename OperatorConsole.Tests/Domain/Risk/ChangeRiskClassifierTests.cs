using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Risk;

namespace OperatorConsole.Tests.Domain.Risk;

public sealed class ChangeRiskClassifierTests
{
    private static RiskAssessment Classify(params string[] files) => ChangeRiskClassifier.Classify(RiskRules.Defaults, files);

    [Theory]
    [InlineData("src/Web/Pages/Home.razor", RiskClass.UiOnly, RiskLevel.Low, "*.razor")]
    [InlineData("src/Web/wwwroot/app.css", RiskClass.UiOnly, RiskLevel.Low, "*.css")]
    [InlineData("src/Web/wwwroot/app.js", RiskClass.UiOnly, RiskLevel.Low, "wwwroot/**")]
    [InlineData("src/Web/Components/Layout/Nav.cs", RiskClass.UiOnly, RiskLevel.Low, "Components/**")]
    [InlineData("src/Data/Pipeline/Steps.cs", RiskClass.PipelineLogic, RiskLevel.Medium, "**/pipeline/**")]
    [InlineData("src/pipelines/enrich.py", RiskClass.PipelineLogic, RiskLevel.Medium, "**/pipelines/**")]
    [InlineData("src/Runs/PipelineRunService.cs", RiskClass.PipelineLogic, RiskLevel.Medium, "**/*Pipeline*")]
    [InlineData("src/Billing/Plans.cs", RiskClass.MoneySensitive, RiskLevel.High, "*billing*")]
    [InlineData("src/Quotes/PricingTable.cs", RiskClass.MoneySensitive, RiskLevel.High, "*pricing*")]
    [InlineData("src/InvoiceMatcher.cs", RiskClass.MoneySensitive, RiskLevel.High, "*invoice*")]
    [InlineData("src/Payments/Stripe.cs", RiskClass.MoneySensitive, RiskLevel.High, "*payment*")]
    [InlineData("src/Web/Auth/CookieSetup.cs", RiskClass.AuthSecurity, RiskLevel.High, "auth")]
    [InlineData("src/Data/Access/ApiKeyService.cs", RiskClass.AuthSecurity, RiskLevel.High, "*apikey*")]
    [InlineData("src/IdentitySetup.cs", RiskClass.AuthSecurity, RiskLevel.High, "*identity*")]
    [InlineData("src/SecretStore.cs", RiskClass.AuthSecurity, RiskLevel.High, "*secret*")]
    [InlineData("src/Web/appsettings.Production.json", RiskClass.AuthSecurity, RiskLevel.High, "appsettings*.json")]
    [InlineData("infra/main.bicep", RiskClass.Infra, RiskLevel.High, "infra/**")]
    [InlineData("deploy/network.bicep", RiskClass.Infra, RiskLevel.High, "*.bicep")]
    [InlineData("deploy/main.tf", RiskClass.Infra, RiskLevel.High, "*.tf")]
    [InlineData("Dockerfile", RiskClass.Infra, RiskLevel.High, "Dockerfile")]
    [InlineData(".github/workflows/ci.yml", RiskClass.Infra, RiskLevel.High, ".github/**")]
    [InlineData(".ci/run", RiskClass.Infra, RiskLevel.High, ".ci/**")]
    public void EachClass_FromTheDefaultRules(string file, RiskClass riskClass, RiskLevel level, string rule)
    {
        var result = Classify(file);

        result.Class.Should().Be(riskClass);
        result.Level.Should().Be(level);
        result.MatchedRule!.Pattern.Should().Be(rule);
        result.MatchedFile.Should().Be(file);
        result.RequiresReview.Should().Be(level == RiskLevel.High);
    }

    [Fact]
    public void NoFiles_IsFeatureLogicMedium_WithNoRule()
    {
        var result = Classify();

        result.Class.Should().Be(RiskClass.FeatureLogic);
        result.Level.Should().Be(RiskLevel.Medium);
        result.MatchedRule.Should().BeNull();
        result.MatchedFile.Should().BeNull();
        result.RequiresReview.Should().BeFalse();
        result.Explanation.Should().Be("default: no files touched");
    }

    [Fact]
    public void UnmatchedFile_IsFeatureLogicMedium_AndOutranksLowUiFiles()
    {
        var result = Classify("src/Web/Pages/Home.razor", "src/Leads/LeadService.cs");

        result.Class.Should().Be(RiskClass.FeatureLogic);
        result.Level.Should().Be(RiskLevel.Medium);
        result.MatchedRule.Should().BeNull();
        result.MatchedFile.Should().Be("src/Leads/LeadService.cs");
        result.Explanation.Should().Contain("no rule matches src/Leads/LeadService.cs");
    }

    [Fact]
    public void HighestRiskAcrossFiles_Wins_WhateverTheFileOrder()
    {
        string[] files = ["src/Web/Pages/Home.razor", "src/Runs/PipelineRunner.cs", "deploy/main.tf", "src/Leads/Lead.cs"];

        var forward = Classify(files);
        var backward = Classify(files.Reverse().ToArray());

        forward.Class.Should().Be(RiskClass.Infra);
        forward.Level.Should().Be(RiskLevel.High);
        forward.MatchedFile.Should().Be("deploy/main.tf");
        backward.Should().BeEquivalentTo(forward, o => o.Excluding(a => a.Files));
    }

    [Fact]
    public void SameLevel_ClassSeverityDecides_AuthOverMoneyOverInfra()
    {
        Classify("deploy/main.tf", "src/Billing/Plan.cs").Class.Should().Be(RiskClass.MoneySensitive);
        Classify("src/Billing/Plan.cs", "src/Web/Auth/Cookie.cs").Class.Should().Be(RiskClass.AuthSecurity);
        RiskClasses.Severity(RiskClass.AuthSecurity).Should().BeGreaterThan(RiskClasses.Severity(RiskClass.MoneySensitive));
        RiskClasses.Severity(RiskClass.MoneySensitive).Should().BeGreaterThan(RiskClasses.Severity(RiskClass.Infra));
        RiskClasses.Severity(RiskClass.Infra).Should().BeGreaterThan(RiskClasses.Severity(RiskClass.PipelineLogic));
        RiskClasses.Severity(RiskClass.PipelineLogic).Should().BeGreaterThan(RiskClasses.Severity(RiskClass.FeatureLogic));
        RiskClasses.Severity(RiskClass.FeatureLogic).Should().BeGreaterThan(RiskClasses.Severity(RiskClass.UiOnly));
    }

    [Fact]
    public void WithinOneFile_ARiskierRuleIsNeverHiddenByAnEarlierSaferOne()
    {
        // *.razor (UI, low) comes first in the list, but the file is also money-sensitive.
        var result = Classify("src/Web/Components/BillingPanel.razor");

        result.Class.Should().Be(RiskClass.MoneySensitive);
        result.Level.Should().Be(RiskLevel.High);
        result.MatchedRule!.Pattern.Should().Be("*billing*");
    }

    [Fact]
    public void Ordering_EquallyRiskyMatches_ReportTheEarlierRule()
    {
        List<RiskRule> rules =
        [
            new("src/Core/**", RiskClass.PipelineLogic, RiskLevel.Medium),
            new("*.cs", RiskClass.PipelineLogic, RiskLevel.Medium),
        ];
        ChangeRiskClassifier.Classify(rules, ["src/Core/Run.cs"]).MatchedRule!.Pattern.Should().Be("src/Core/**");

        rules.Reverse();
        ChangeRiskClassifier.Classify(rules, ["src/Core/Run.cs"]).MatchedRule!.Pattern.Should().Be("*.cs");
        // Across files too: the earlier rule is reported whichever file comes first.
        ChangeRiskClassifier.Classify(rules, ["src/Core/Other.txt", "b.cs"]).MatchedRule!.Pattern.Should().Be("*.cs");
    }

    [Fact]
    public void ARuleMatch_BeatsTheDefaultAtTheSameRank()
    {
        List<RiskRule> rules = [new("*.cs", RiskClass.FeatureLogic, RiskLevel.Medium)];

        var result = ChangeRiskClassifier.Classify(rules, ["README.md", "src/A.cs"]);

        result.MatchedRule!.Pattern.Should().Be("*.cs");
        result.MatchedFile.Should().Be("src/A.cs");
    }

    [Fact]
    public void CustomRules_CanLowerWhatDefaultsCallHigh()
    {
        List<RiskRule> rules = [new("docs/**", RiskClass.UiOnly, RiskLevel.Low)];

        ChangeRiskClassifier.Classify(rules, ["docs/billing.md"]).Level.Should().Be(RiskLevel.Low);
    }

    [Fact]
    public void CaseAndSeparators_DoNotChangeTheVerdict()
    {
        var windows = Classify("SRC\\WEB\\APPSETTINGS.JSON");

        windows.Class.Should().Be(RiskClass.AuthSecurity);
        windows.MatchedFile.Should().Be("SRC/WEB/APPSETTINGS.JSON");
    }

    [Fact]
    public void PerFile_ResultsAreReturnedInTheOrderGiven()
    {
        var result = Classify("a.razor", "b.tf", "c.md");

        result.Files.Select(f => (f.Path, f.Level)).Should().Equal(("a.razor", RiskLevel.Low), ("b.tf", RiskLevel.High), ("c.md", RiskLevel.Medium));
        result.Files[2].IsDefault.Should().BeTrue();
    }

    [Fact]
    public void Validate_FlagsEmptyAndDuplicatePatternsByRow()
    {
        List<RiskRule> rules =
        [
            new("*.cs", RiskClass.FeatureLogic, RiskLevel.Medium),
            new(" ", RiskClass.FeatureLogic, RiskLevel.Medium),
            new("*.cs", RiskClass.Infra, RiskLevel.High),
        ];

        var errors = RiskRules.Validate(rules).ToDictionary();

        errors.Keys.Should().BeEquivalentTo(["rules[1].pattern", "rules[2].pattern"]);
        RiskRules.Validate(RiskRules.Defaults).IsEmpty.Should().BeTrue();
    }
}
