using OperatorConsole.Domain.Chat;

namespace OperatorConsole.Tests.Domain.Chat;

/// <summary>A bound on a deal's value read from a question, and the numbers that are not one.</summary>
public sealed class ChatValuesTests
{
    [Theory]
    [InlineData("Which deals are worth more than 10,000 USD?", 10_000, null)]
    [InlineData("Show me open deals over $5k", 5_000, null)]
    [InlineData("Which qualified deals are worth at least 20000?", 20_000, null)]
    [InlineData("deals above 2.5k dollars", 2_500, null)]
    [InlineData("Which deals are 10k+?", 10_000, null)]
    [InlineData("Deals of 1,500 USD or more", 1_500, null)]
    [InlineData("Deals under 100 USD", null, 100)]
    [InlineData("Which deals are worth less than 1 million?", null, 1_000_000)]
    [InlineData("How many deals are between 1000 and 2000 dollars?", 1_000, 2_000)]
    [InlineData("deals valued between 20k and 5k", 5_000, 20_000)]
    [InlineData("Deals worth over 5,000 and under 10,000", 5_000, 10_000)]
    public void Parse_ReadsTheBound(string question, int? min, int? max)
    {
        var range = ChatValues.Parse(question);

        range.Should().NotBeNull();
        range!.Min.Should().Be(min);
        range.Max.Should().Be(max);
    }

    /// <summary>A count, a duration or a period is not an amount; nor is a bare number in a question that speaks of no value.</summary>
    [Theory]
    [InlineData("Which owners won more than 5 deals?")]
    [InlineData("What did we win over the last 30 days?")]
    [InlineData("Which deals are open for more than 90 days?")]
    [InlineData("Which accounts have more than 10,000 leads?")]
    [InlineData("Who has more than 3 open deals?")]
    [InlineData("What did we sell in 2017?")]
    [InlineData("Which account is the biggest?")]
    public void Parse_IsNull_WhenNoAmountIsBounded(string question) => ChatValues.Parse(question).Should().BeNull();

    [Fact]
    public void Describe_AndQuery_SayTheInclusiveBoundsTheListFiltersBy()
    {
        new ValueRange(10_000m, null).Describe().Should().Be("10,000 USD or more");
        new ValueRange(null, 99.5m).Describe().Should().Be("99.5 USD or less");
        new ValueRange(1_000m, 2_000m).Describe().Should().Be("between 1,000 and 2,000 USD");
        new ValueRange(1_000m, 2_000.5m).Query().Should().Be("minValue=1000&maxValue=2000.5");
    }

    [Fact]
    public void Analyze_ReadsTheRange_AndAnAmountIsNeitherAYearNorAnUnknownWord()
    {
        var analysis = QuestionAnalyzer.Analyze("Which deals are worth over 2000 dollars?", Array.Empty<KnownEntity>(), new Dictionary<ChatTopic, float>(), new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc));

        analysis.ValueRange.Should().Be(new ValueRange(2_000m, null));
        analysis.Period.Should().BeNull();
        analysis.Uncovered.Should().BeEmpty();

        var inK = QuestionAnalyzer.Analyze("open deals over 5k in 2017", Array.Empty<KnownEntity>(), new Dictionary<ChatTopic, float>(), new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc));
        inK.ValueRange.Should().Be(new ValueRange(5_000m, null));
        inK.Period!.Label.Should().Contain("2017");
        inK.Uncovered.Should().BeEmpty();
    }
}
