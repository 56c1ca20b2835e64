using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Semantic;

namespace OperatorConsole.Tests.Domain.Chat;

/// <summary>The indexed matcher finds exactly what a scan of every name finds (the algorithm it replaced).</summary>
public sealed class EntityCatalogueTests
{
    /// <summary>The previous matcher, name by name over every window: the reference the index must agree with.</summary>
    private static List<EntityMention> Scan(string question, IReadOnlyList<KnownEntity> entities, IReadOnlySet<string>? vocabulary)
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

    [Fact]
    public void Find_OnALargeCatalogueWithTypos_FindsTheSameCandidatesAsAScanOfEveryName()
    {
        var random = new Random(21);
        string[] syllables = ["can", "city", "zo", "tech", "glob", "ex", "ini", "acme", "star", "pro", "ron", "bit", "dal", "mar", "ko", "lin"];
        string Word() => string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => syllables[random.Next(syllables.Length)]));
        var entities = Enumerable.Range(0, 3000)
            .Select(i => new KnownEntity(i % 3 == 0 ? EntityKind.Account : EntityKind.Lead, string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Word())), i.ToString(), "/x"))
            .ToList();
        var catalogue = new EntityCatalogue(entities);

        for (var q = 0; q < 200; q++)
        {
            var named = entities[random.Next(entities.Count)].Name;
            var typo = named.Length > 4 && random.Next(2) == 0 ? named.Remove(random.Next(named.Length), 1) : named;
            var question = $"How many deals does {typo} have in {Word()}?";

            var indexed = EntityMatcher.Find(question, catalogue, QuestionAnalyzer.KnownVocabulary);

            indexed.Should().Equal(Scan(question, entities, QuestionAnalyzer.KnownVocabulary), question);
            if (typo == named)
            {
                var name = string.Join(' ', TextTokens.Words(named));
                indexed.Should().Contain(m => m.AsWritten.Contains(name, StringComparison.Ordinal), "an exact name is always read (alone or in a longer name): " + question);
            }
        }
    }
}
