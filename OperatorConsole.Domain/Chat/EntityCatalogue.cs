using OperatorConsole.Domain.Semantic;

namespace OperatorConsole.Domain.Chat;

/// <summary>
/// The names a question may use, tokenised once and indexed for typo matching. Before this index every question
/// re-tokenised every name (8,885 regex runs on the Maven data) and compared each with every window of the question;
/// now a window is compared only with names of the same word count whose length is within the typo tolerance of
/// its own (edit distance can never be smaller than the length difference, so nothing within tolerance is skipped).
/// Built once per change of the names (see the chat's entity catalogue live query), shared by every question.
/// </summary>
public sealed class EntityCatalogue
{
    /// <summary>One name as the matcher compares it: its words joined by single spaces, lower case.</summary>
    /// <param name="Exact">Matched only as written, without typos: a first name standing for an owner (see
    /// <see cref="FirstNames"/>), which one letter away is often another word ("Reed" and "need").</param>
    public sealed record IndexedName(KnownEntity Entity, string Name, int WordCount, int Order, bool Exact = false)
    {
        /// <summary>How many times each letter class occurs (see <see cref="Letters"/>): the cheap check before the edit distance.</summary>
        internal byte[] Letters { get; } = EntityCatalogue.Letters(Name);
    }

    private readonly Dictionary<(int Words, int Length), List<IndexedName>> _byShape = [];

    public EntityCatalogue(IReadOnlyList<KnownEntity> entities)
    {
        Entities = entities;
        var names = new List<IndexedName>(entities.Count);
        for (var i = 0; i < entities.Count; i++)
        {
            var words = TextTokens.Words(entities[i].Name).ToArray();
            if (words.Length == 0)
            {
                continue;
            }

            Add(names, new IndexedName(entities[i], string.Join(' ', words), words.Length, i));
        }

        foreach (var (owner, first) in FirstNames(names))
        {
            // Its own order after every entity's: the matcher keeps one mention per order, and a question may use both
            // the full name and the first name.
            Add(names, new IndexedName(owner, first, 1, entities.Count + names.Count, Exact: true));
        }

        Names = names;
        MaxWords = names.Count == 0 ? 0 : names.Max(n => n.WordCount);
    }

    private void Add(List<IndexedName> names, IndexedName name)
    {
        names.Add(name);
        var shape = (name.WordCount, name.Name.Length);
        if (!_byShape.TryGetValue(shape, out var list))
        {
            _byShape[shape] = list = [];
        }

        list.Add(name);
    }

    /// <summary>
    /// "How many deals did Darcel win?": a sales team names its people by first name, and "Darcel" was an unknown name.
    /// An owner's first name stands for them when no other owner has it, no entity is called it, and it is not a word
    /// the console's questions use.
    /// </summary>
    private static List<(KnownEntity Owner, string First)> FirstNames(List<IndexedName> names)
    {
        var taken = names.Where(n => n.WordCount == 1).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        return names.Where(n => n.Entity.Kind == EntityKind.Owner && n.WordCount >= 2)
            .GroupBy(n => n.Name[..n.Name.IndexOf(' ', StringComparison.Ordinal)], StringComparer.Ordinal)
            .Where(g => g.Count() == 1 && g.Key.Length >= 3 && !taken.Contains(g.Key) && !TextTokens.StopWords.Contains(g.Key)
                        && !QuestionAnalyzer.KnownVocabulary.Contains(g.Key) && !QuestionAnalyzer.KnownVocabulary.Contains(TextTokens.Stem(g.Key)))
            .Select(g => (Owner: g.Single().Entity, First: g.Key))
            .ToList();
    }

    public static readonly EntityCatalogue Empty = new([]);

    public IReadOnlyList<KnownEntity> Entities { get; }

    public IReadOnlyList<IndexedName> Names { get; }

    /// <summary>The most words any name has: longer windows of the question cannot match anything.</summary>
    public int MaxWords { get; }

    /// <summary>
    /// The names that could be within their typo tolerance of <paramref name="window"/> (a window of
    /// <paramref name="wordCount"/> words): same word count, length within the largest tolerance (2) of the window's.
    /// The caller still checks the distance against each name's own tolerance.
    /// </summary>
    public IEnumerable<IndexedName> Candidates(string window, int wordCount)
    {
        for (var length = Math.Max(1, window.Length - MaxTolerance); length <= window.Length + MaxTolerance; length++)
        {
            if (_byShape.TryGetValue((wordCount, length), out var names))
            {
                foreach (var name in names)
                {
                    yield return name;
                }
            }
        }
    }

    /// <summary>
    /// Could <paramref name="name"/> be within <paramref name="tolerance"/> edits of a window with these letter counts?
    /// A substitution changes the counts by 2, an insertion or deletion by 1, a transposition by 0, so counts that
    /// differ by more than twice the tolerance rule the name out without computing the distance. On the Maven data the
    /// deal titles share word counts and lengths ("GTX Pro for …"), and this check is what keeps the comparisons few.
    /// </summary>
    public static bool MayMatch(byte[] windowLetters, IndexedName name, int tolerance)
    {
        var budget = 2 * tolerance;
        var letters = name.Letters;
        var difference = 0;
        for (var i = 0; i < letters.Length; i++)
        {
            difference += Math.Abs(windowLetters[i] - letters[i]);
            if (difference > budget)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Letter counts: a–z, 0–9 and one class for anything else (capped at 255, far above any name's).</summary>
    public static byte[] Letters(string text)
    {
        var counts = new byte[37];
        foreach (var c in text)
        {
            var slot = c is >= 'a' and <= 'z' ? c - 'a' : c is >= '0' and <= '9' ? 26 + (c - '0') : 36;
            if (counts[slot] < byte.MaxValue)
            {
                counts[slot]++;
            }
        }

        return counts;
    }

    /// <summary>The largest tolerance <see cref="TextTokens.Tolerance"/> gives any length.</summary>
    private const int MaxTolerance = 2;
}
