using System.Globalization;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Semantic;
using OperatorConsole.Tests.Api.Import;
using Xunit.Abstractions;

namespace OperatorConsole.Tests.Domain.Chat;

/// <summary>The indexed matcher finds exactly what a scan of every name finds (the algorithm it replaced).</summary>
public sealed class EntityCatalogueTests(ITestOutputHelper output)
{
    /// <summary>
    /// The Maven CRM's names as the import makes them ("product for account" per deal, plus the accounts), matched by
    /// the scan and by the index in one process with nothing else running: the same mentions, and how long each took
    /// (printed for docs/performance.md; not asserted, timings on a shared machine are not a pass/fail matter).
    /// </summary>
    [Fact]
    public void Find_OnTheMavenNames_IndexAgreesWithTheScan_AndReportsBothTimes()
    {
        var rows = File.ReadLines(Path.Combine(ImportTestSupport.MavenFolder(), "sales_pipeline.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var entities = rows.Select((f, i) => new KnownEntity(EntityKind.Lead, $"{f[2]} for {f[3]}", i.ToString(CultureInfo.InvariantCulture), "/x")).ToList();
        entities.AddRange(rows.Select(f => f[3]).Where(a => a.Length > 0).Distinct().Select(a => new KnownEntity(EntityKind.Account, a, a, "/x")));
        string[] questions =
        [
            "How many deals does Cancity have?", "How many deals does Cancty have?", "How many deals does Acme Corporation have?",
            "How much did Initech Global buy from us?", "What stage is GTX Pro for Isdom in?", "How many leads are in each stage?",
            "What was our win rate in 2017?", "How much revenue did we make in Q2 2017?", "What is the CEO's favourite movie?",
            "How many employees does the company have in Berlin?",
        ];

        // Warm both paths (JIT) on a question outside the timed set.
        EntityScanReference.Find("Is Isdom stale?", entities, QuestionAnalyzer.KnownVocabulary);
        EntityMatcher.Find("Is Isdom stale?", new EntityCatalogue(entities), QuestionAnalyzer.KnownVocabulary);
        var scanTimer = System.Diagnostics.Stopwatch.StartNew();
        var scanned = questions.Select(q => EntityScanReference.Find(q, entities, QuestionAnalyzer.KnownVocabulary)).ToList();
        var scanMs = scanTimer.Elapsed.TotalMilliseconds;
        var buildTimer = System.Diagnostics.Stopwatch.StartNew();
        var catalogue = new EntityCatalogue(entities);
        var buildMs = buildTimer.Elapsed.TotalMilliseconds;
        var indexTimer = System.Diagnostics.Stopwatch.StartNew();
        var indexed = questions.Select(q => EntityMatcher.Find(q, catalogue, QuestionAnalyzer.KnownVocabulary)).ToList();
        var indexMs = indexTimer.Elapsed.TotalMilliseconds;

        for (var i = 0; i < questions.Length; i++)
        {
            indexed[i].Should().Equal(scanned[i], questions[i]);
        }

        indexed[1].Should().Contain(m => m.Entity.Name == "Cancity" && m.Typos == 1);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Maven names: {entities.Count}; {questions.Length} questions: scan {scanMs / questions.Length:0.0} ms a question; index built once in {buildMs:0} ms, then {indexMs / questions.Length:0.00} ms a question"));
    }

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

    /// <summary>
    /// A sales team names its people by first name: "Darcel" was an unknown name. An owner's first name alone names them
    /// when no other owner has it, exactly as written (one letter off, "Reed" is "need"), and never when it is a word
    /// the questions use or another entity's name.
    /// </summary>
    [Fact]
    public void AnOwnersUniqueFirstName_NamesThem_ExactlyAsWritten()
    {
        var darcel = new KnownEntity(EntityKind.Owner, "Darcel Schlecht", "Darcel Schlecht", "/x");
        var reed = new KnownEntity(EntityKind.Owner, "Reed Clapper", "Reed Clapper", "/x");
        var anna = new KnownEntity(EntityKind.Owner, "Anna Snelling", "Anna Snelling", "/x");
        var annaToo = new KnownEntity(EntityKind.Owner, "Anna Kowalski", "Anna Kowalski", "/x");
        var won = new KnownEntity(EntityKind.Owner, "Won Park", "Won Park", "/x");
        var catalogue = new EntityCatalogue([darcel, reed, anna, annaToo, won, new KnownEntity(EntityKind.Account, "Zane", "Zane", "/x"), new KnownEntity(EntityKind.Owner, "Zane Levy", "Zane Levy", "/x")]);
        IReadOnlyList<EntityMention> Find(string q) => EntityMatcher.Find(q, catalogue, QuestionAnalyzer.KnownVocabulary);

        Find("How many deals did Darcel win in December?").Should().ContainSingle().Which.Should().Be(new EntityMention(darcel, "darcel", 0));
        Find("What did Reed sell?").Should().ContainSingle().Which.Entity.Should().Be(reed);
        // One letter off is another word, not Reed; a full name is read once, as the full name.
        Find("What do we need to close?").Should().BeEmpty();
        Find("How is Darcel Schlecht doing?").Should().ContainSingle().Which.AsWritten.Should().Be("darcel schlecht");
        // Two owners called Anna: the first name names neither. "Won" is a word of the questions. "Zane" is an account.
        Find("How is Anna doing?").Should().BeEmpty();
        Find("What have we won?").Should().BeEmpty();
        Find("How many deals does Zane have?").Should().ContainSingle().Which.Entity.Kind.Should().Be(EntityKind.Account);
    }
}
