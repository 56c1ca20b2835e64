using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Semantic;

namespace OperatorConsole.Tests.Domain.Chat;

/// <summary>Which questions count touches, and of which channel.</summary>
public sealed class TouchActivityTests
{
    [Theory]
    [InlineData("How many calls did we make last week?", TouchChannel.Call)]
    [InlineData("How many phone calls did Darcel make?", TouchChannel.Call)]
    [InlineData("What is the number of emails we sent in November?", TouchChannel.Email)]
    [InlineData("How many meetings did we have this month?", TouchChannel.Meeting)]
    [InlineData("How many messages were logged?", TouchChannel.Message)]
    public void ACountOfAChannel_IsThatChannel(string question, TouchChannel expected)
    {
        TouchActivity.Asks(TextTokens.Words(question).ToList(), out var channel).Should().BeTrue(question);
        channel.Should().Be(expected);
    }

    [Theory]
    [InlineData("How many touches were logged this week?")]
    [InlineData("How many activities did Ada log?")]
    public void ACountOfTouches_IsEveryChannel(string question)
    {
        TouchActivity.Asks(TextTokens.Words(question).ToList(), out var channel).Should().BeTrue(question);
        channel.Should().BeNull();
    }

    [Theory]
    [InlineData("How many leads have no touch?")] // counts leads
    [InlineData("How many meetings are booked this week?")] // planned, not a contact that happened
    [InlineData("Who should I call next?")]
    [InlineData("How many deals did we win?")]
    public void AQuestionThatCountsSomethingElse_IsNotATouchCount(string question)
    {
        TouchActivity.Asks(TextTokens.Words(question).ToList(), out _).Should().BeFalse(question);
    }

    [Theory]
    [InlineData("Who made the most calls?", TouchChannel.Call, RankBy.Owner, false)]
    [InlineData("Which rep sent the fewest emails last month?", TouchChannel.Email, RankBy.Owner, true)]
    [InlineData("Which account had the most meetings?", TouchChannel.Meeting, RankBy.Account, false)]
    [InlineData("Which office made the most phone calls?", TouchChannel.Call, RankBy.Office, false)]
    [InlineData("Which team logged the least touches?", null, RankBy.Manager, true)]
    public void ARankingByAChannel_RanksItsGroups(string question, TouchChannel? channel, RankBy by, bool fewest)
    {
        TouchActivity.Ranks(TextTokens.Words(question).ToList()).Should().Be(new TouchRanking(channel, by, fewest), question);
    }

    [Fact]
    public void ARankingOfDeals_RanksTheDeals() =>
        TouchActivity.Ranks(TextTokens.Words("Which deals had the most touches?").ToList()).Should().Be(new TouchRanking(null, null, false));

    [Theory]
    [InlineData("Which account has the most contacts?")] // people at the account, not touches
    [InlineData("Who has the most meetings booked next week?")] // planned
    [InlineData("Who won the most deals?")]
    [InlineData("How many calls did we make?")] // a count, not a ranking
    public void AQuestionThatRanksSomethingElse_IsNotATouchRanking(string question)
    {
        TouchActivity.Ranks(TextTokens.Words(question).ToList()).Should().BeNull(question);
    }
}
