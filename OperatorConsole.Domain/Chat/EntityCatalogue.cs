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
    public sealed record IndexedName(KnownEntity Entity, string Name, int WordCount, int Order);

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

            var name = new IndexedName(entities[i], string.Join(' ', words), words.Length, i);
            names.Add(name);
            var shape = (name.WordCount, name.Name.Length);
            if (!_byShape.TryGetValue(shape, out var list))
            {
                _byShape[shape] = list = [];
            }

            list.Add(name);
        }

        Names = names;
        MaxWords = names.Count == 0 ? 0 : names.Max(n => n.WordCount);
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

    /// <summary>The largest tolerance <see cref="TextTokens.Tolerance"/> gives any length.</summary>
    private const int MaxTolerance = 2;
}
