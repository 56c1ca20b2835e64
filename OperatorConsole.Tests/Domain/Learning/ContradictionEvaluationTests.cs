using System.Globalization;
using System.Text;
using OperatorConsole.Domain.Learning;
using OperatorConsole.Domain.Semantic;
using OperatorConsole.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OperatorConsole.Tests.Domain.Learning;

/// <summary>
/// Learning v2 on a labelled set (TestData/learning/contradiction-pairs.tsv: proposal / playbook pairs labelled
/// contradicts, agrees or unrelated): precision and recall of contradiction detection by meaning (MiniLM similarity
/// + polarity), next to the keyword rule it replaces, measured on the same pairs.
/// </summary>
public sealed class ContradictionEvaluationTests(ITestOutputHelper output)
{
    private sealed record Pair(string Label, string Proposal, string Entry);

    private static List<Pair> Pairs() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", "learning", "contradiction-pairs.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => new Pair(f[0], f[1], f[2]))
            .ToList();

    [Fact]
    public async Task SemanticDetection_OnTheLabelledPairs_HasPrecisionAndRecallOfAtLeast08()
    {
        var pairs = Pairs();
        pairs.Should().HaveCountGreaterThanOrEqualTo(30);
        var model = SharedEmbeddings.MiniLm;
        var vectors = await model.GenerateAsync(pairs.SelectMany(p => new[] { p.Proposal, p.Entry }).ToList());
        var semantic = pairs.Select((p, i) => SemanticContradictions.Judge(p.Proposal, p.Entry, Vectors.Cosine(vectors[2 * i].Vector.Span, vectors[2 * i + 1].Vector.Span))).ToList();
        var rule = pairs.Select(p => ContradictionDetector.Detect(LearningClass.Sales, p.Proposal, [Statement(p.Entry)]).Count > 0).ToList();

        var (precision, recall) = Score(pairs, semantic.Select(j => j.Relation == PairRelation.Contradicts).ToList());
        var (rulePrecision, ruleRecall) = Score(pairs, rule);
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Contradiction detection on {pairs.Count} labelled pairs ({pairs.Count(p => p.Label == "contradicts")} contradicts, {pairs.Count(p => p.Label == "agrees")} agrees, {pairs.Count(p => p.Label == "unrelated")} unrelated)")
            .AppendLine(CultureInfo.InvariantCulture, $"  semantic (MiniLM similarity ≥ {SemanticContradictions.SameSubject} + polarity): precision {precision:0.00}, recall {recall:0.00}")
            .AppendLine(CultureInfo.InvariantCulture, $"  keyword rule (before): precision {rulePrecision:0.00}, recall {ruleRecall:0.00}");
        for (var i = 0; i < pairs.Count; i++)
        {
            var mark = (semantic[i].Relation == PairRelation.Contradicts) == (pairs[i].Label == "contradicts") ? "  " : "✗ ";
            report.AppendLine(CultureInfo.InvariantCulture, $"  {mark}{pairs[i].Label,-11} {semantic[i].Relation,-11} {semantic[i].Reason} | {pairs[i].Proposal}");
        }

        output.WriteLine(report.ToString());
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "contradiction-evaluation.md"), report.ToString());
        precision.Should().BeGreaterThanOrEqualTo(0.8, report.ToString());
        recall.Should().BeGreaterThanOrEqualTo(0.8, report.ToString());
    }

    [Fact]
    public void Judge_ShowsSimilarityAndPolarity_SideBySide()
    {
        var contradicts = SemanticContradictions.Judge("Stop offering discounts on the first call.", "Discount on the first call. Offer a 10% discount on the first call.", 0.72f);
        contradicts.Relation.Should().Be(PairRelation.Contradicts);
        contradicts.Reason.Should().Be("Similarity 0.72: the same subject; the proposal says \"stop\", the playbook entry does not.");

        SemanticContradictions.Judge("Never deploy on Fridays.", "Lead with proof. Put a case study in the first outreach message.", 0.12f).Relation.Should().Be(PairRelation.Unrelated);
        var duplicate = SemanticContradictions.Judge("Send proposals within a day.", "Proposal speed. Send every proposal within one day.", 0.9f);
        duplicate.Relation.Should().Be(PairRelation.Agrees);
        duplicate.Duplicate.Should().BeTrue();
    }

    private static PlaybookStatement Statement(string entry)
    {
        var dot = entry.IndexOf(". ", StringComparison.Ordinal);
        return new PlaybookStatement(1, 1, LearningClass.Sales, entry[..dot], entry[(dot + 2)..]);
    }

    private static (double Precision, double Recall) Score(IReadOnlyList<Pair> pairs, IReadOnlyList<bool> predicted)
    {
        var tp = pairs.Where((p, i) => predicted[i] && p.Label == "contradicts").Count();
        var fp = pairs.Where((p, i) => predicted[i] && p.Label != "contradicts").Count();
        var fn = pairs.Where((p, i) => !predicted[i] && p.Label == "contradicts").Count();
        return (tp + fp == 0 ? 0 : tp / (double)(tp + fp), tp + fn == 0 ? 0 : tp / (double)(tp + fn));
    }
}
