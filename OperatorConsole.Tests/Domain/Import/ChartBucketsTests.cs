using OperatorConsole.Domain.Charts;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Search;

namespace OperatorConsole.Tests.Domain.Import;

public sealed class ChartBucketsTests
{
    private static DateTime D(int month, int day, int hour = 12) => new(2026, month, day, hour, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void WeekStart_IsMonday()
    {
        ChartBuckets.WeekStart(D(11, 25)).Should().Be(new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc)); // a Wednesday
        ChartBuckets.WeekStart(D(11, 29)).Should().Be(new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc)); // Sunday belongs to the week before
        ChartBuckets.WeekStart(D(11, 30, 0)).Should().Be(new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void WeeklySums_ZeroFillsAndDropsWhatIsOutsideTheWindow()
    {
        var points = ChartBuckets.WeeklySums(
            [(D(11, 24), 100m), (D(11, 26), 50m), (D(11, 10), 7m), (D(9, 1), 999m), (D(12, 7), 999m)],
            end: D(11, 25), weeks: 3);

        points.Select(p => p.Value).Should().Equal(7, 0, 150);
        points[0].Start.Should().Be(new DateTime(2026, 11, 9, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void DailyCounts_CountsPerDay_IncludingTheEndDay()
    {
        var points = ChartBuckets.DailyCounts([D(11, 25, 1), D(11, 25, 23), D(11, 23), D(11, 1)], end: D(11, 25), days: 3);

        points.Select(p => p.Value).Should().Equal(1, 0, 2);
    }

    [Fact]
    public void TimeInStage_AveragesFinishedStays_AndIgnoresTheCurrentStage()
    {
        var points = ChartBuckets.TimeInStage(
        [
            (1, LeadStatus.New, D(11, 1)), (1, LeadStatus.Qualified, D(11, 3)), (1, LeadStatus.Proposal, D(11, 7)),
            (2, LeadStatus.Qualified, D(11, 10)), (2, LeadStatus.New, D(11, 6)),
            (3, LeadStatus.New, D(11, 20)),
        ]);

        var byStage = points.ToDictionary(p => p.Stage);
        byStage[LeadStatus.New].Should().Be(new StageDuration(LeadStatus.New, 3, 2), "lead 1 stayed 2 days and lead 2 4 days; lead 3 is still New");
        byStage[LeadStatus.Qualified].Should().Be(new StageDuration(LeadStatus.Qualified, 4, 1));
        byStage[LeadStatus.Proposal].Stays.Should().Be(0);
        byStage.Should().NotContainKey(LeadStatus.Lost);
    }

    [Fact]
    public void SearchScoring_RanksPrefixAboveWordAboveInside_AndNeedsEveryWord()
    {
        var whole = SearchScoring.Score("bright", "BrightSmile Dental");
        var word = SearchScoring.Score("smile", "Bright Smile Dental");
        var inside = SearchScoring.Score("smile", "BrightSmile Dental");

        whole.Should().BeGreaterThan(word);
        word.Should().BeGreaterThan(inside);
        inside.Should().BeGreaterThan(0);
        SearchScoring.Score("bright dental", "BrightSmile", "Dental group").Should().BeGreaterThan(0);
        SearchScoring.Score("bright roofing", "BrightSmile Dental").Should().Be(0);
        SearchScoring.Score("   ", "anything").Should().Be(0);
    }
}
