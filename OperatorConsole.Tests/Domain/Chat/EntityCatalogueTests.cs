using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Semantic;

namespace OperatorConsole.Tests.Domain.Chat;

/// <summary>The indexed matcher finds exactly what a scan of every name finds (the algorithm it replaced).</summary>
public sealed class EntityCatalogueTests
{
    [Fact]
    public void Find_OnALargeCatalogueWithTypos_FindsTheSameCandidatesAsAScanOfEveryName()
    {
        var random = new Random(21);
        string[] syllables = ["kan", "city", "zo", "tech", "glob", "ex", "ini", "acme", "star", "pro", "ron", "bit", "dal", "mar", "ko", "lin"];
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

            indexed.Should().Equal(EntityScanReference.Find(question, entities, QuestionAnalyzer.KnownVocabulary), question);
            if (typo == named && indexed.Count < 8) // at most 8 names are kept; below that nothing exact is dropped
            {
                var name = string.Join(' ', TextTokens.Words(named));
                indexed.Should().Contain(m => m.AsWritten.Contains(name, StringComparison.Ordinal), "an exact name is always read (alone or in a longer name): " + question);
            }
        }
    }
}
