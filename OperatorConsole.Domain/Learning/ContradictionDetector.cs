namespace OperatorConsole.Domain.Learning;

/// <summary>The current text of a playbook entry, as the detector sees it.</summary>
public sealed record PlaybookStatement(int EntryId, int Version, LearningClass Class, string Title, string Text);

/// <summary>A playbook entry a proposal seems to contradict, and why the rules think so.</summary>
public sealed record DetectedContradiction(int EntryId, int Version, string Reason);

/// <summary>
/// Rule-based contradiction detection: a proposal contradicts a current playbook entry of the SAME class when
/// both talk about the same thing (at least two shared content words) and they point opposite ways — one is
/// negated and the other is not ("never discount" vs "offer a discount"), or they use opposite words
/// (always/never, before/after, fixed/hourly, more/less…). Deliberately simple and explainable: the reason
/// names the shared words and the opposition, and a person confirms or removes it.
/// </summary>
public static class ContradictionDetector
{
    public const int MinSharedWords = 2;

    private static readonly string[] Negations =
        ["never", "not", "no", "don't", "dont", "do not", "avoid", "stop", "stopped", "without", "skip", "shouldn't", "should not", "won't", "cannot", "can't", "didn't work", "doesn't work", "instead of", "drop", "nothing"];

    private static readonly (string A, string B)[] Opposites =
    [
        ("always", "never"), ("before", "after"), ("fixed", "hourly"), ("upfront", "later"), ("increase", "decrease"),
        ("raise", "lower"), ("more", "less"), ("more", "fewer"), ("longer", "shorter"), ("include", "exclude"),
        ("free", "paid"), ("early", "late"), ("first", "last"), ("start", "stop"), ("add", "remove"), ("weekly", "monthly"),
        ("higher", "lower"), ("cheaper", "premium"), ("shorter", "longer"), ("written", "verbal"), ("async", "live"),
        ("short", "long"), ("shorter", "long"), ("high", "lower"), ("manual", "automatically"),
    ];

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "for", "with", "at", "by", "from", "as", "is", "are", "was", "were",
        "be", "been", "it", "its", "this", "that", "these", "those", "we", "our", "us", "you", "your", "they", "them", "their", "i", "my",
        "should", "must", "need", "needs", "will", "would", "can", "could", "do", "does", "did", "have", "has", "had", "so", "if", "then",
        "than", "when", "what", "which", "who", "all", "any", "every", "each", "just", "also", "very", "really", "next", "time", "get",
        "make", "sure", "going", "forward", "now", "one", "two", "it's", "let's", "there", "here", "about", "into", "out", "up", "client",
        "clients", "always", "never", "not", "no", "don't", "dont", "avoid", "stop", "without", "skip", "instead", "more", "less", "fewer",
    };

    public static IReadOnlyList<DetectedContradiction> Detect(LearningClass proposalClass, string proposalText, IEnumerable<PlaybookStatement> playbook)
    {
        var result = new List<DetectedContradiction>();
        var lower = LearningExtractor.Normalise(proposalText);
        var tokens = LearningExtractor.Tokens(lower);
        var content = ContentWords(tokens);
        foreach (var entry in playbook.Where(e => e.Class == proposalClass))
        {
            var entryLower = LearningExtractor.Normalise(entry.Title + ". " + entry.Text);
            var entryTokens = LearningExtractor.Tokens(entryLower);
            var shared = content.Intersect(ContentWords(entryTokens)).OrderBy(w => w, StringComparer.Ordinal).ToList();
            if (shared.Count < MinSharedWords)
            {
                continue;
            }

            var about = string.Join(", ", shared.Take(4));
            var proposalNegation = FirstNegation(lower, tokens);
            var entryNegation = FirstNegation(entryLower, entryTokens);
            if ((proposalNegation is null) != (entryNegation is null))
            {
                var reason = proposalNegation is not null
                    ? $"Both are about {about}; the proposal says \"{proposalNegation}\", the playbook entry does not."
                    : $"Both are about {about}; the playbook entry says \"{entryNegation}\", the proposal does not.";
                result.Add(new DetectedContradiction(entry.EntryId, entry.Version, reason));
                continue;
            }

            foreach (var (a, b) in Opposites)
            {
                var pairReason = Opposed(tokens, entryTokens, a, b) ?? Opposed(tokens, entryTokens, b, a);
                if (pairReason is not null)
                {
                    result.Add(new DetectedContradiction(entry.EntryId, entry.Version, $"Both are about {about}; {pairReason}."));
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The polarity check alone: whether two statements point opposite ways (one negated and the other not, or an
    /// opposite word pair), with the words that show it; null when they point the same way. Whether they are about
    /// the same subject is decided separately (shared words here, embedding similarity in the semantic detector).
    /// </summary>
    public static string? Opposition(string proposalText, string entryText)
    {
        var lower = LearningExtractor.Normalise(proposalText);
        var tokens = LearningExtractor.Tokens(lower);
        var entryLower = LearningExtractor.Normalise(entryText);
        var entryTokens = LearningExtractor.Tokens(entryLower);
        var proposalNegation = FirstNegation(lower, tokens);
        var entryNegation = FirstNegation(entryLower, entryTokens);
        if ((proposalNegation is null) != (entryNegation is null))
        {
            return proposalNegation is not null
                ? $"the proposal says \"{proposalNegation}\", the playbook entry does not"
                : $"the playbook entry says \"{entryNegation}\", the proposal does not";
        }

        foreach (var (a, b) in Opposites)
        {
            if ((Opposed(tokens, entryTokens, a, b) ?? Opposed(tokens, entryTokens, b, a)) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    private static string? Opposed(HashSet<string> proposal, HashSet<string> entry, string mine, string theirs) =>
        proposal.Contains(mine) && !proposal.Contains(theirs) && entry.Contains(theirs) && !entry.Contains(mine)
            ? $"the proposal says \"{mine}\" where the playbook says \"{theirs}\""
            : null;

    private static string? FirstNegation(string lower, HashSet<string> tokens) =>
        Negations.FirstOrDefault(n => LearningExtractor.Matches(lower, tokens, n));

    /// <summary>Content words with a crude stem, so "discounts"/"discounting" and "discount" meet.</summary>
    internal static HashSet<string> ContentWords(HashSet<string> tokens) =>
        tokens.Where(t => t.Length > 2 && !StopWords.Contains(t) && !t.All(char.IsDigit)).Select(Stem).ToHashSet(StringComparer.Ordinal);

    internal static string Stem(string word)
    {
        foreach (var suffix in new[] { "ing", "ed", "s" })
        {
            if (word.Length > suffix.Length + 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }
}
