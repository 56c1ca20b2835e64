using OperatorConsole.Data.Semantic;
using OperatorConsole.Domain.Learning;
using OperatorConsole.Domain.Semantic;

namespace OperatorConsole.Data.Learning;

/// <summary>
/// Finds the playbook entries a proposal contradicts by meaning (embedding similarity) plus polarity, on whichever
/// embedding model is configured. Every playbook entry is compared, whatever its class: a sales lesson can
/// contradict a delivery rule, and similarity, not the class label, says whether they are about the same thing.
/// </summary>
public sealed class SemanticContradictionFinder(SemanticIndex semantic)
{
    public async Task<IReadOnlyList<(PlaybookStatement Entry, PairJudgement Judgement)>> JudgeAsync(string proposal, IReadOnlyList<PlaybookStatement> playbook, CancellationToken ct = default)
    {
        if (playbook.Count == 0)
        {
            return [];
        }

        var texts = playbook.Select(Text).ToList();
        var vectors = await semantic.EmbedManyAsync([proposal, .. texts], ct);
        return playbook.Select((e, i) => (e, SemanticContradictions.Judge(proposal, texts[i], Vectors.Cosine(vectors[0], vectors[i + 1])))).ToList();
    }

    public async Task<IReadOnlyList<DetectedContradiction>> DetectAsync(string proposal, IReadOnlyList<PlaybookStatement> playbook, CancellationToken ct = default) =>
        (await JudgeAsync(proposal, playbook, ct))
            .Where(j => j.Judgement.Relation == PairRelation.Contradicts)
            .Select(j => new DetectedContradiction(j.Entry.EntryId, j.Entry.Version, j.Judgement.Reason)).ToList();

    private static string Text(PlaybookStatement entry) => $"{entry.Title}. {entry.Text}";
}
