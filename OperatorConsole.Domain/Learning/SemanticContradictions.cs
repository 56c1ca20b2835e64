using System.Globalization;

namespace OperatorConsole.Domain.Learning;

public enum PairRelation
{
    Unrelated,
    Agrees,
    Contradicts,
}

/// <summary>How a proposal relates to one playbook entry, with the similarity and the polarity evidence side by side.</summary>
public sealed record PairJudgement(PairRelation Relation, float Similarity, bool Duplicate, string Reason);

/// <summary>
/// Contradiction and duplicate detection by meaning: two statements are about the same subject when their
/// sentence embeddings are close (cosine ≥ <see cref="SameSubject"/>, calibrated on the labelled pairs in
/// Tests/TestData/learning/contradiction-pairs.tsv); then the polarity check (<see cref="ContradictionDetector.Opposition"/>)
/// decides contradicts or agrees. A very close pair that agrees is a duplicate of the entry.
/// </summary>
public static class SemanticContradictions
{
    public const float SameSubject = 0.45f;
    public const float DuplicateSimilarity = 0.85f;

    public static PairJudgement Judge(string proposal, string entry, float similarity)
    {
        var shown = similarity.ToString("0.00", CultureInfo.InvariantCulture);
        if (similarity < SameSubject)
        {
            return new PairJudgement(PairRelation.Unrelated, similarity, false, $"Similarity {shown}: a different subject.");
        }

        var opposition = ContradictionDetector.Opposition(proposal, entry);
        return opposition is null
            ? new PairJudgement(PairRelation.Agrees, similarity, similarity >= DuplicateSimilarity,
                $"Similarity {shown}: the same subject, pointing the same way{(similarity >= DuplicateSimilarity ? " (a near duplicate)" : "")}.")
            : new PairJudgement(PairRelation.Contradicts, similarity, false, $"Similarity {shown}: the same subject; {opposition}.");
    }
}
