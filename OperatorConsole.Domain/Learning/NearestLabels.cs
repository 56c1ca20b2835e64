using System.Globalization;
using OperatorConsole.Domain.Semantic;

namespace OperatorConsole.Domain.Learning;

/// <summary>A lesson a person labelled: its class and what it should produce.</summary>
public sealed record LabelledLesson(string Text, LearningClass Class, ProducedTag Produced);

/// <summary>A labelled lesson with its embedding (any model, as long as the query uses the same one).</summary>
public sealed record EmbeddedLesson(LabelledLesson Lesson, float[] Vector);

/// <summary>
/// The labels the nearest examples vote for, and the raw score the confidence is calibrated from: how close the
/// nearest example is, times how much the neighbours agree on both labels.
/// </summary>
public sealed record NearestVote(LearningClass Class, ProducedTag Produced, double Score, float NearestSimilarity, double ClassAgreement, double ProducedAgreement, string Nearest);

/// <summary>
/// Class and Produced tag by the nearest labelled examples (k-nearest neighbours on sentence embeddings, votes
/// weighted by similarity). A lesson close to examples that agree scores high; one far from every example, or between
/// examples that disagree, scores low — which is what the calibrated confidence is built on.
/// </summary>
public static class NearestLabels
{
    public const int K = 5;

    public static NearestVote Vote(ReadOnlySpan<float> query, IReadOnlyList<EmbeddedLesson> examples)
    {
        if (examples.Count == 0)
        {
            return new NearestVote(LearningClass.Ops, ProducedTag.NothingYet, 0, 0, 0, 0, "");
        }

        var scored = new List<(EmbeddedLesson Example, float Similarity)>(examples.Count);
        foreach (var example in examples)
        {
            scored.Add((example, Vectors.Cosine(query, example.Vector)));
        }

        var nearest = scored.OrderByDescending(s => s.Similarity).Take(K).ToList();
        // Negative similarity is "unlike", not a vote against: it weighs nothing.
        var weights = nearest.Select(n => Math.Max(0.0, n.Similarity)).ToList();
        var total = weights.Sum();
        var (cls, classShare) = Winner(nearest.Select(n => n.Example.Lesson.Class).ToList(), weights, total);
        var (produced, producedShare) = Winner(nearest.Select(n => n.Example.Lesson.Produced).ToList(), weights, total);
        var top = nearest[0].Similarity;
        var score = Math.Max(0, top) * Math.Sqrt(classShare * producedShare);
        return new NearestVote(cls, produced, score, top, classShare, producedShare, nearest[0].Example.Lesson.Text);
    }

    /// <summary>The label with the largest weighted vote (ties: the nearer example's label) and its share of the votes.</summary>
    private static (T Label, double Share) Winner<T>(IReadOnlyList<T> labels, List<double> weights, double total)
        where T : struct, Enum
    {
        var votes = new Dictionary<T, double>();
        for (var i = 0; i < labels.Count; i++)
        {
            votes[labels[i]] = votes.GetValueOrDefault(labels[i]) + weights[i];
        }

        var best = labels.Distinct().OrderByDescending(l => votes[l]).ThenBy(l => IndexOf(labels, l)).First();
        return (best, total <= 0 ? 0 : votes[best] / total);
    }

    private static int IndexOf<T>(IReadOnlyList<T> labels, T label)
        where T : struct, Enum
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(labels[i], label))
            {
                return i;
            }
        }

        return labels.Count;
    }

    /// <summary>Reads the labelled TSV format (class, produced, text; '#' lines are comments; "none" marks a non-lesson).</summary>
    public static IReadOnlyList<(LearningClass? Class, ProducedTag? Produced, string Text)> ParseTsv(string tsv)
    {
        var rows = new List<(LearningClass?, ProducedTag?, string)>();
        foreach (var raw in tsv.Replace("\r\n", "\n").Split('\n'))
        {
            if (raw.Length == 0 || raw.StartsWith('#'))
            {
                continue;
            }

            var f = raw.Split('\t');
            if (f.Length != 3)
            {
                throw new FormatException($"A labelled row needs class, produced and text separated by tabs: \"{raw}\".");
            }

            rows.Add((f[0] == "none" ? null : ParseEnum<LearningClass>(f[0]), f[1] == "none" ? null : ParseEnum<ProducedTag>(f[1]), f[2].Trim()));
        }

        return rows;
    }

    private static T ParseEnum<T>(string snake)
        where T : struct, Enum =>
        Enum.TryParse<T>(snake.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value)
            ? value
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Unknown {typeof(T).Name} \"{snake}\"."));
}
