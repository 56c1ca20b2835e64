using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Tests.Domain.Leads;

/// <summary>The Command Center's expected close windows: weeks run Monday to Sunday, and a day is past once it has ended.</summary>
public sealed class CloseWindowsTests
{
    private static readonly DateOnly Wednesday = new(2026, 11, 25);

    [Theory]
    [InlineData(null, CloseWindow.NoDate)]
    [InlineData("2026-11-24", CloseWindow.Past)]
    [InlineData("2026-11-25", CloseWindow.ThisWeek)]
    [InlineData("2026-11-29", CloseWindow.ThisWeek)]
    [InlineData("2026-11-30", CloseWindow.NextWeek)]
    [InlineData("2026-12-06", CloseWindow.NextWeek)]
    [InlineData("2026-12-07", CloseWindow.Later)]
    public void ADay_FallsInOneWindow(string? on, CloseWindow expected) =>
        CloseWindows.Of(on is null ? null : DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), Wednesday).Should().Be(expected);

    [Fact]
    public void TheWindowsDays_MeetWithoutAGap()
    {
        CloseWindows.Days(CloseWindow.Past, Wednesday).Should().Be((null, new DateOnly(2026, 11, 24)));
        CloseWindows.Days(CloseWindow.ThisWeek, Wednesday).Should().Be((Wednesday, new DateOnly(2026, 11, 29)));
        CloseWindows.Days(CloseWindow.NextWeek, Wednesday).Should().Be((new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 6)));
        CloseWindows.Days(CloseWindow.Later, Wednesday).Should().Be((new DateOnly(2026, 12, 7), null));
        CloseWindows.Days(CloseWindow.NoDate, Wednesday).Should().Be((null, null));
    }

    [Fact]
    public void OnASunday_ThisWeekIsTheDayItself_AndNextWeekStartsTomorrow()
    {
        var sunday = new DateOnly(2026, 11, 29);

        CloseWindows.EndOfWeek(sunday).Should().Be(sunday);
        CloseWindows.Of(new DateOnly(2026, 11, 30), sunday).Should().Be(CloseWindow.NextWeek);
        CloseWindows.EndOfWeek(new DateOnly(2026, 11, 30)).Should().Be(new DateOnly(2026, 12, 6), "a Monday's week ends six days on");
    }
}
