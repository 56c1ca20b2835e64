using OperatorConsole.Domain.Chat;

namespace OperatorConsole.Tests.Domain.Chat;

public sealed class ReceiptsCheckerTests
{
    private static readonly Dictionary<string, ContextFact> Sheet = new()
    {
        ["failures.staleByTouch"] = new("failures.staleByTouch", "3 leads are stale by touch: \"Harbor Realty\" (9 d), \"Studio Nord\" (8 d)"),
        ["scorecard.wonThisMonth"] = new("scorecard.wonThisMonth", "Won 12,500 USD this month vs 8,000 USD last month"),
    };

    [Fact]
    public void Check_FactMatchingItsSource_IsVerified()
    {
        var checkedFact = ReceiptsChecker.Check(new KnownFact("3 leads are stale, e.g. \"Harbor Realty\"", "failures.staleByTouch"), Sheet);
        checkedFact.Verified.Should().BeTrue();
        ReceiptsChecker.Check(new KnownFact("We won 12500 USD this month", "scorecard.wonThisMonth"), Sheet).Verified.Should().BeTrue();
    }

    [Fact]
    public void Check_WrongNumber_IsFlagged()
    {
        var checkedFact = ReceiptsChecker.Check(new KnownFact("5 leads are stale by touch", "failures.staleByTouch"), Sheet);

        checkedFact.Verified.Should().BeFalse();
        checkedFact.Problem.Should().Contain("5");
    }

    [Fact]
    public void Check_WrongName_IsFlagged()
    {
        ReceiptsChecker.Check(new KnownFact("\"Summit Roofing\" is stale", "failures.staleByTouch"), Sheet).Verified.Should().BeFalse();
    }

    [Fact]
    public void Check_UnknownSource_IsFlagged()
    {
        var checkedFact = ReceiptsChecker.Check(new KnownFact("3 leads are stale", "failures.nothingLikeThis"), Sheet);
        checkedFact.Verified.Should().BeFalse();
        checkedFact.Problem.Should().Contain("does not exist");
    }
}
