using System.Text.RegularExpressions;
using OperatorConsole.Domain.Semantic;

namespace OperatorConsole.Domain.Chat;

public enum EntityKind
{
    Lead,
    Account,
    Integration,
    Package,
    Template,

    /// <summary>A deal owner (a CRM's sales agent): a person on our side, named on deals.</summary>
    Owner,

    /// <summary>An account's sector as the accounts record it ("retail"): its deals are those of its accounts.</summary>
    Sector,

    /// <summary>Where leads came from, as they record it ("referral", "linkedin", an import's "maven-crm").</summary>
    Source,

    /// <summary>The country of an account's headquarters ("Kenya"): its deals are those of its accounts, as a sector's.</summary>
    Country,

    /// <summary>A sales manager ("Dustin Brinkmann"): their team's deals are those of the owners they manage.</summary>
    Manager,

    /// <summary>A regional office ("West"): its deals are those of the owners who sit in it.</summary>
    Office,
}

/// <summary>A named thing the console knows (a lead title, an account, an integration…), with where to open it.</summary>
public sealed record KnownEntity(EntityKind Kind, string Name, string Key, string Link);

/// <summary>A known entity the question names, how it was written there, and how many typos that took.</summary>
public sealed record EntityMention(KnownEntity Entity, string AsWritten, int Typos);

/// <summary>
/// Exact entity lookup with typo tolerance: every window of the question's words as long as a name is compared
/// with that name (case-insensitive, Damerau–Levenshtein within <see cref="TextTokens.Tolerance"/>). Also finds
/// the names a question uses that the console does not know ("client Acme", "the Globex deal", a quoted name), so
/// the answer can say "no lead or account named Acme" instead of answering about something else.
/// </summary>
public static partial class EntityMatcher
{
    [GeneratedRegex("\"([^\"]{2,80})\"|“([^”]{2,80})”")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\b(?:client|customer|account|company|lead|deal|integration|package|template|named|called|for|with|from|about|is|did|does)\s+((?:[A-Z][\w&.-]*)(?:\s+[A-Z][\w&.-]*){0,3})")]
    private static partial Regex CapitalisedAfterMarker();

    [GeneratedRegex(@"(?<=\s)([A-Z][\w&.-]+(?:\s+[A-Z][\w&.-]+){0,3})")]
    private static partial Regex Capitalised();

    /// <param name="vocabulary">Ordinary words of the console's topics: one of them, misspelt by one letter, is not read as a name.</param>
    public static IReadOnlyList<EntityMention> Find(string question, IReadOnlyList<KnownEntity> entities, IReadOnlySet<string>? vocabulary = null) =>
        Find(question, new EntityCatalogue(entities), vocabulary);

    /// <summary>
    /// As <see cref="Find(string, IReadOnlyList{KnownEntity}, IReadOnlySet{string})"/> on an indexed catalogue: each
    /// window of the question is compared only with the names it could be within tolerance of. For each name the
    /// earliest window that reads as it counts, as a scan name by name would find.
    /// </summary>
    public static IReadOnlyList<EntityMention> Find(string question, EntityCatalogue catalogue, IReadOnlySet<string>? vocabulary = null)
    {
        var words = TextTokens.Words(question).ToArray();
        var found = new Dictionary<int, (int Start, EntityMention Mention)>();
        for (var length = 1; length <= Math.Min(catalogue.MaxWords, words.Length); length++)
        {
            for (var start = 0; start + length <= words.Length; start++)
            {
                var window = string.Join(' ', words, start, length);
                if (length == 1 && TextTokens.StopWords.Contains(window))
                {
                    continue;
                }

                var letters = EntityCatalogue.Letters(window);
                foreach (var name in catalogue.Candidates(window, length))
                {
                    if (found.TryGetValue(name.Order, out var earlier) && earlier.Start <= start)
                    {
                        continue;
                    }

                    var tolerance = name.Exact ? 0 : TextTokens.Tolerance(name.Name.Length);
                    if (!EntityCatalogue.MayMatch(letters, name, tolerance))
                    {
                        continue;
                    }

                    var typos = window == name.Name ? 0 : TextTokens.Distance(window, name.Name, tolerance);
                    if (typos > 0 && length == 1 && vocabulary is not null && vocabulary.Contains(window))
                    {
                        continue;
                    }

                    if (typos <= tolerance)
                    {
                        found[name.Order] = (start, new EntityMention(name.Entity, window, typos));
                    }
                }
            }
        }

        var mentions = found.OrderBy(f => f.Key).Select(f => f.Value.Mention).ToList();

        // The longest reading wins: "Harbor Realty lead-gen bot" (one typo) over the account "Harbor Realty" inside it;
        // among readings of the same words, the one with fewest typos.
        var kept = new List<EntityMention>();
        foreach (var mention in mentions.OrderByDescending(m => m.AsWritten.Length).ThenBy(m => m.Typos))
        {
            if (!kept.Any(k => k.AsWritten.Contains(mention.AsWritten, StringComparison.Ordinal) && (k.AsWritten != mention.AsWritten || k.Typos < mention.Typos)))
            {
                kept.Add(mention);
            }
        }

        return kept.Take(8).ToList();
    }

    /// <summary>Names the question uses (quoted, or capitalised after a word like "client" or mid-sentence) that match no known entity.</summary>
    public static IReadOnlyList<string> UnknownNames(string question, IReadOnlyList<EntityMention> known, IReadOnlySet<string> vocabulary)
    {
        var candidates = new List<string>();
        foreach (Match m in Quoted().Matches(question))
        {
            candidates.Add(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
        }

        candidates.AddRange(CapitalisedAfterMarker().Matches(question).Select(m => m.Groups[1].Value));
        candidates.AddRange(Capitalised().Matches(question).Select(m => m.Groups[1].Value));
        var unknown = new List<string>();
        foreach (var candidate in candidates.Select(c => c.Trim(' ', '?', '.', ',', '!', '\'')).Where(c => c.Length >= 1))
        {
            var words = TextTokens.Words(candidate).ToList();
            if (words.Count == 0 || words.All(w => TextTokens.StopWords.Contains(w) || vocabulary.Contains(w) || vocabulary.Contains(TextTokens.Stem(w))))
            {
                continue;
            }

            var text = string.Join(' ', words);
            if (known.Any(k => k.AsWritten.Contains(text, StringComparison.Ordinal) || text.Contains(k.AsWritten, StringComparison.Ordinal)))
            {
                continue;
            }

            if (!unknown.Any(u => u.Contains(candidate, StringComparison.OrdinalIgnoreCase) || candidate.Contains(u, StringComparison.OrdinalIgnoreCase)))
            {
                unknown.Add(candidate);
            }
        }

        return unknown;
    }
}
