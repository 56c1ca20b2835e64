using Bunit;
using OperatorConsole.Web.Components.Shared;

namespace OperatorConsole.Tests.Components.Shell;

/// <summary>One way to write a number, an amount, a date and a wait on every screen (issue 22).</summary>
public sealed class ConsoleFormatTests
{
    [Theory]
    [InlineData(11000.0, "11,000")]
    [InlineData(3.5, "3.5")]
    [InlineData(1234567.891, "1,234,567.89")]
    public void Number_ThousandsSeparatorsAndNoTrailingZeros(double value, string expected) =>
        ConsoleFormat.Number((decimal)value).Should().Be(expected);

    [Theory]
    [InlineData(0, "0 runs")]
    [InlineData(1, "1 run")]
    [InlineData(2, "2 runs")]
    [InlineData(8800, "8,800 runs")]
    public void Count_WithItsNoun_IsSingularForOne(int value, string expected) =>
        ConsoleFormat.Count(value, "run").Should().Be(expected);

    [Fact]
    public void Money_WholeUnitsWithTheCurrency()
    {
        ConsoleFormat.Money(11000.4m).Should().Be("11,000 USD");
        ConsoleFormat.Money(4500m, "EUR").Should().Be("4,500 EUR");
        ConsoleFormat.Money(null).Should().Be("—");
    }

    [Fact]
    public void Dates_AreWrittenOneWay_AndTimesSayUtc()
    {
        var at = new DateTime(2026, 12, 26, 7, 5, 0, DateTimeKind.Utc);
        ConsoleFormat.Date(at).Should().Be("26 Dec 2026");
        ConsoleFormat.DateTime(at).Should().Be("26 Dec 2026 07:05 UTC");
        OperatorConsole.Web.Features.Clock.Periods.Day(at).Should().Be(ConsoleFormat.Date(at));
    }

    [Theory]
    [InlineData(0.5, "under a minute")]
    [InlineData(40, "40 min")]
    [InlineData(312, "5 h 12 min")]
    [InlineData(4560, "3 d 4 h")]
    [InlineData(7 * 1440 + 300, "7 d")]
    [InlineData(1204 * 1440 + 60, "1,204 d")]
    public void Duration_NeverSaysZeroDays(double minutes, string expected) =>
        ConsoleFormat.Duration(TimeSpan.FromMinutes(minutes)).Should().Be(expected);

    [Fact]
    public void Ago_ShowsRelativeTimeWithTheExactTimeInItsTitle()
    {
        using var ctx = new ComponentTestContext();
        var at = ctx.Clock.GetUtcNow().UtcDateTime.AddDays(-3);

        var cut = ctx.Render<Ago>(p => p.Add(c => c.At, at));

        cut.Find("span").TextContent.Should().Be("3 d ago");
        cut.Find("span").GetAttribute("title").Should().Be(ConsoleFormat.DateTime(at));
    }

    [Fact]
    public void Rate_SaysItsSampleSize()
    {
        ConsoleFormat.Rate(12.0 / 19, 19).Should().Be("63 % of 19 closed");
        ConsoleFormat.Rate(1.0, 1).Should().Be("100 % of 1 closed");
        ConsoleFormat.Rate((double?)null, 0).Should().Be("— (none closed)");
    }

    [Fact]
    public void NumberWithUnit_AndSignedChange()
    {
        ConsoleFormat.Number(12.5m, "h").Should().Be("12.5 h");
        ConsoleFormat.Number(3m, null).Should().Be("3");
        ConsoleFormat.Change(24m).Should().Be("+24 %");
        ConsoleFormat.Change(-3.25m).Should().Be("-3.3 %");
        ConsoleFormat.Change(null).Should().Be("—");
    }

    [Fact]
    public void Excerpt_KeepsShortTextAndCutsLongTextToItsLimitWithAnEllipsis()
    {
        ConsoleFormat.Excerpt("Website rebuild", 40).Should().Be("Website rebuild");
        ConsoleFormat.Excerpt("abcdef", 6).Should().Be("abcdef");
        ConsoleFormat.Excerpt("abc defgh", 6).Should().Be("abc d…");
        ConsoleFormat.Excerpt("abc   defgh", 6).Should().Be("abc…", "a cut at spaces does not leave them before the ellipsis");
        ConsoleFormat.Excerpt(new string('x', 500), 160).Should().HaveLength(160).And.EndWith("…");
    }
}
