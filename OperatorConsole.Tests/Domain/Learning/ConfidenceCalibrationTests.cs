using OperatorConsole.Domain.Learning;

namespace OperatorConsole.Tests.Domain.Learning;

public sealed class ConfidenceCalibrationTests
{
    [Fact]
    public void Fit_OnScoresThatSeparateGoodFromBad_MapsHighScoresAboveTheFloorAndLowOnesBelow()
    {
        var samples = Enumerable.Range(0, 20).Select(i => (Score: 0.3 + i * 0.01, Good: false))
            .Concat(Enumerable.Range(0, 20).Select(i => (Score: 0.6 + i * 0.01, Good: true)))
            .Append((0.55, true)).Append((0.62, false)) // some overlap, as real scores have
            .ToList();

        var map = PlattScaling.Fit(samples);

        map.A.Should().BePositive();
        map.Probability(0.8).Should().BeGreaterThan(0.9);
        map.Probability(0.3).Should().BeLessThan(0.1);
        map.Probability(0.7).Should().BeGreaterThan(map.Probability(0.6));
    }

    [Fact]
    public void Fit_WithOnlyOneKindOfLabel_IsTheSmoothedBaseRate()
    {
        var map = PlattScaling.Fit([(0.2, true), (0.9, true), (0.5, true)]);

        map.A.Should().Be(0);
        map.Probability(0.1).Should().BeApproximately(0.8, 1e-9); // (3 + 1) / (3 + 2)
    }

    [Fact]
    public void Report_OfKnownPredictions_HasTheHandComputedBinsBrierAndEce()
    {
        var report = CalibrationReport.Of([(0.1, false), (0.3, false), (0.9, true), (0.7, false)], bins: 2);

        report.Bins.Select(b => b.Count).Should().Equal(2, 2);
        report.Bins[0].MeanPredicted.Should().BeApproximately(0.2, 1e-9);
        report.Bins[0].ObservedGood.Should().Be(0);
        report.Bins[1].MeanPredicted.Should().BeApproximately(0.8, 1e-9);
        report.Bins[1].ObservedGood.Should().Be(0.5);
        report.Brier.Should().BeApproximately((0.01 + 0.09 + 0.01 + 0.49) / 4, 1e-9);
        report.ExpectedCalibrationError.Should().BeApproximately((2 * 0.2 + 2 * 0.3) / 4, 1e-9);
    }

    [Fact]
    public void Vote_TakesTheLabelsOfTheNearestAgreeingExamples_AndScoresAgreement()
    {
        LabelledLesson Lesson(LearningClass c, ProducedTag p) => new("x", c, p);
        EmbeddedLesson[] examples =
        [
            new(Lesson(LearningClass.Sales, ProducedTag.ProposalImprovement), [1, 0, 0]),
            new(Lesson(LearningClass.Sales, ProducedTag.ProposalImprovement), [0.9f, 0.1f, 0]),
            new(Lesson(LearningClass.Positioning, ProducedTag.CaseStudy), [0, 1, 0]),
            new(Lesson(LearningClass.Delivery, ProducedTag.QaChecklist), [0, 0, 1]),
        ];

        var near = NearestLabels.Vote([1, 0.05f, 0], examples);
        var between = NearestLabels.Vote([0.5f, 0.5f, 0.5f], examples);

        near.Class.Should().Be(LearningClass.Sales);
        near.Produced.Should().Be(ProducedTag.ProposalImprovement);
        between.Score.Should().BeLessThan(near.Score, "a lesson between disagreeing examples is less certain than one beside agreeing ones");
    }
}
