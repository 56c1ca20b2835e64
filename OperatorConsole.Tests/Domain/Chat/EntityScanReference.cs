using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Semantic;

namespace OperatorConsole.Tests.Domain.Chat;

/// <summary>
/// The entity matcher as it was before the catalogue index (every name re-tokenised and compared with every window
/// of the question): the reference the index must agree with, and the "before" timing of the chat evaluation.
/// </summary>
internal static class EntityScanReference
{
    /// <summary>The previous matcher, name by name over every window: the reference the index must agree with.</summary>
    public static List<EntityMention> Find(string question, IReadOnlyList<KnownEntity> entities, IReadOnlySet<string>? vocabulary)
    {
        var words = TextTokens.Words(question).ToArray();
        var mentions = new List<EntityMention>();
        foreach (var entity in entities)
        {
            var nameWords = TextTokens.Words(entity.Name).ToArray();
            if (nameWords.Length == 0 || nameWords.Length > words.Length)
            {
                continue;
            }

            var name = string.Join(' ', nameWords);
            var tolerance = TextTokens.Tolerance(name.Length);
            for (var start = 0; start + nameWords.Length <= words.Length; start++)
            {
                var window = string.Join(' ', words, start, nameWords.Length);
                if (nameWords.Length == 1 && TextTokens.StopWords.Contains(window))
                {
                    continue;
                }

                var typos = window == name ? 0 : TextTokens.Distance(window, name, tolerance);
                if (typos > 0 && nameWords.Length == 1 && vocabulary is not null && vocabulary.Contains(window))
                {
                    continue;
                }

                if (typos <= tolerance)
                {
                    mentions.Add(new EntityMention(entity, window, typos));
                    break;
                }
            }
        }

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
}
