using System.Globalization;
using System.Text;
using OperatorConsole.Data.Learning;
using OperatorConsole.Domain.Learning;
using OperatorConsole.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OperatorConsole.Tests.Domain.Learning;

/// <summary>
/// Learning v2, part 4, on the real MiniLM model: class and Produced tag by the nearest labelled examples
/// (Data/Learning/Labelled/lesson-examples.tsv) and a confidence calibrated on held-out labelled suggestions
/// (lesson-calibration.tsv). The reliability table is leave-one-out: each suggestion's confidence comes from a map
/// fitted on the others, so it measures suggestions the map has not seen.
/// Run: dotnet test OperatorConsole.Tests --filter "FullyQualifiedName~LessonLabellingEvaluation" --logger "console;verbosity=detailed"
/// </summary>
public sealed class LessonLabellingEvaluationTests(ITestOutputHelper output)
{
    private const double Floor = 0.6; // Thresholds.LowConfidenceFloor's default

    private static Task<LessonModel> MiniLmModelAsync() =>
        LessonLabeller.BuildAsync("minilm", async (texts, ct) =>
            (await SharedEmbeddings.MiniLm.GenerateAsync(texts, cancellationToken: ct)).Select(e => e.Vector.ToArray()).ToList());

    private static async Task<IReadOnlyList<ExtractedProposal>> ExtractAsync(LessonModel model, string text)
    {
        var candidates = LearningExtractor.Find(text);
        var vectors = (await SharedEmbeddings.MiniLm.GenerateAsync(candidates.Select(c => c.Text).ToList())).Select(e => e.Vector.ToArray()).ToList();
        return LessonLabeller.Label(candidates, vectors, model);
    }

    [Fact]
    public void LabelledSets_AreLargeEnough_AndTheCalibrationSetIsHeldOut()
    {
        var examples = LessonLabeller.Examples();
        var calibration = NearestLabels.ParseTsv(LessonLabeller.Read(LessonLabeller.CalibrationResource));

        examples.Should().HaveCountGreaterThanOrEqualTo(40);
        calibration.Should().HaveCountGreaterThanOrEqualTo(30);
        calibration.Select(c => c.Text).Intersect(examples.Select(e => e.Text)).Should().BeEmpty();
        examples.Select(e => e.Class).Distinct().Should().HaveCount(Enum.GetValues<LearningClass>().Length);
    }

    [Fact]
    public async Task Calibration_OnHeldOutSuggestions_GoodOnesClearTheFloorAndBadOnesDoNot()
    {
        var model = await MiniLmModelAsync();
        var samples = model.Calibration;
        var loo = PlattScaling.LeaveOneOut(samples.Select(s => (s.Vote.Score, s.Good)).ToList());
        var report = CalibrationReport.Of(loo);
        var goodRate = samples.Count(s => s.Good) / (double)samples.Count;
        var baseRateBrier = goodRate * (1 - goodRate); // what always predicting the base rate would score
        var good = loo.Where(o => o.Good).ToList();
        var bad = loo.Where(o => !o.Good).ToList();
        var goodClear = good.Count(o => o.Predicted >= Floor) / (double)good.Count;
        var badClear = bad.Count(o => o.Predicted >= Floor) / (double)bad.Count;

        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Lesson labelling on MiniLM: {model.Examples.Count} examples, {samples.Count} held-out suggestions ({good.Count} good, {bad.Count} bad)")
            .AppendLine(CultureInfo.InvariantCulture, $"  Platt map on all: A {model.Scaling.A:0.00}, B {model.Scaling.B:0.00}")
            .AppendLine(CultureInfo.InvariantCulture, $"  leave-one-out: Brier {report.Brier:0.000} (base rate {baseRateBrier:0.000}), ECE {report.ExpectedCalibrationError:0.000}")
            .AppendLine(CultureInfo.InvariantCulture, $"  at the {Floor} floor: good cleared {good.Count(o => o.Predicted >= Floor)}/{good.Count} ({goodClear:P0}), bad cleared {bad.Count(o => o.Predicted >= Floor)}/{bad.Count} ({badClear:P0})")
            .AppendLine("  | confidence | suggestions | mean predicted | observed good |");
        foreach (var bin in report.Bins)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  | {bin.From:0.0}–{bin.To:0.0} | {bin.Count} | {bin.MeanPredicted:0.00} | {bin.ObservedGood:0.00} |");
        }

        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {(s.Good ? "good" : "bad "),-4} {loo[i].Predicted:0.00} score {s.Vote.Score:0.00} {s.Vote.Class}/{s.Vote.Produced} (label {s.LabelClass?.ToString() ?? "none"}/{s.LabelProduced?.ToString() ?? "none"}) | {s.Text}");
        }

        output.WriteLine(text.ToString());
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "lesson-calibration.md"), text.ToString());

        report.Brier.Should().BeLessThan(baseRateBrier, "the calibrated confidence must say more than the base rate\n" + text);
        // The measured rates (docs/performance.md), as counts: MiniLM on the CPU is deterministic.
        good.Count(o => o.Predicted >= Floor).Should().BeGreaterThanOrEqualTo(12, text.ToString());
        bad.Count(o => o.Predicted >= Floor).Should().BeLessThanOrEqualTo(2, text.ToString());
    }

    [Fact]
    public async Task Label_StopDiscounting_IsASalesProposalImprovement_NotACaseStudy()
    {
        var model = await MiniLmModelAsync();

        var proposal = (await ExtractAsync(model, "We should stop discounting to win deals; hold the price and show the hours saved.")).Should().ContainSingle().Subject;

        proposal.Class.Should().Be(LearningClass.Sales);
        proposal.Produced.Should().NotBe(ProducedTag.CaseStudy);
        proposal.Produced.Should().BeOneOf(ProducedTag.ProposalImprovement, ProducedTag.SalesObjectionScript);
    }

    [Fact]
    public async Task Label_OnAPostMortem_ClassifiesByMeaning()
    {
        var model = await MiniLmModelAsync();

        var proposals = await ExtractAsync(model, """
            # Post-mortem
            - The client kept asking for one more thing in the final sprint; the extra features cost us four unpaid days.
            - Lesson: the model hallucinated order numbers until we put the order id in the prompt.
            """);

        proposals.Should().Contain(p => p.Text.StartsWith("The client kept asking", StringComparison.Ordinal) && p.Class == LearningClass.Delivery);
        proposals.Should().Contain(p => p.Text.StartsWith("Lesson: the model", StringComparison.Ordinal) && p.Class == LearningClass.Ai);
        proposals.Should().OnlyContain(p => p.Confidence > 0 && p.Confidence < 1);
    }
}
