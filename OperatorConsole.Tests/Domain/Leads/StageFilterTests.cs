using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Tests.Domain.Leads;

public sealed class StageFilterTests
{
    [Theory]
    [InlineData("open", new[] { LeadStatus.New, LeadStatus.Qualified, LeadStatus.Proposal })]
    [InlineData(" Won ", new[] { LeadStatus.Approved, LeadStatus.Building, LeadStatus.Shipped })]
    [InlineData("lost", new[] { LeadStatus.Lost })]
    [InlineData("QUALIFIED", new[] { LeadStatus.Qualified })]
    public void Parse_ReadsAGroupOrAStage_InAnyCase(string text, LeadStatus[] stages) =>
        StageFilter.Parse(text)!.Stages.Should().Equal(stages);

    [Theory]
    [InlineData("closed")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("open,won")]
    public void Parse_AnythingElse_IsNull(string? text) => StageFilter.Parse(text).Should().BeNull();

    [Fact]
    public void EveryStage_HasItsOwnFilter_AndTheStatesAgreeWithTheStageRules()
    {
        foreach (var stage in Enum.GetValues<LeadStatus>())
        {
            StageFilter.For(stage).Stages.Should().Equal(stage);
            StageFilter.Parse(StageFilter.For(stage).Name).Should().BeSameAs(StageFilter.For(stage), "equal filters are one instance, so a select shows its value");
            StageFilter.Open.Keeps(stage).Should().Be(stage.IsOpenDeal());
            StageFilter.Won.Keeps(stage).Should().Be(stage.IsClient());
        }

        StageFilter.All.Select(f => f.Name).Should().OnlyHaveUniqueItems().And.StartWith(["open", "won"]);
        StageFilter.Allowed.Should().StartWith("open, won, new, qualified");
    }
}
