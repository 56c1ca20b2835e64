using OperatorConsole.Domain.Semantic;

namespace OperatorConsole.Domain.Chat;

/// <summary>
/// What a question asks: its topics (best first, with how each was recognised), the known entities it names, the
/// names it uses that the console does not know, its period, and the content words no source covers.
/// </summary>
public sealed record QuestionAnalysis(
    string Question,
    IReadOnlyList<TopicMatch> Topics,
    IReadOnlyList<EntityMention> Entities,
    IReadOnlyList<string> UnknownNames,
    ChatPeriod? Period,
    IReadOnlyList<string> Uncovered)
{
    public IReadOnlyList<string> Words { get; init; } = [];

    /// <summary>The question's words in their order, repeats kept: for what stands next to what ("biggest deal", "how many accounts").</summary>
    public IReadOnlyList<string> Tokens { get; init; } = [];

    /// <summary>
    /// The asker's reference time (the one clock of the screen the question came from): topics whose figures depend
    /// on the time compute them at this time, so chat and the cards beside it name the same date. Null: follow the data.
    /// </summary>
    public Clock.ReferenceTime? Reference { get; init; }

    /// <summary>The ranking the question asks for ("which account lost the most deals"), if it asks for one.</summary>
    public RankingRequest? Ranking { get; init; }

    /// <summary>Periods ranked by what was won in each ("which month did we win the most"), if that is what it asks.</summary>
    public PeriodRanking? PeriodRanking { get; init; }

    /// <summary>A second period the question sets against <see cref="Period"/> ("in November or December"), if it names one.</summary>
    public ChatPeriod? ComparedWith { get; init; }

    /// <summary>The dimension of a ranking asked without its figure ("who is our best salesperson?"), if that is what it is.</summary>
    public RankBy? RankingWithoutMeasure { get; init; }

    /// <summary>The bound on a deal's value the question sets ("worth more than 10,000 USD"), if it sets one.</summary>
    public ValueRange? ValueRange { get; init; }

    public bool Has(ChatTopic topic) => Topics.Any(t => t.Topic == topic);

    /// <summary>Whether the question contains any of these words (or their stems).</summary>
    public bool Mentions(params string[] words) => words.Any(w => Words.Contains(w) || Words.Contains(TextTokens.Stem(w)));
}

/// <summary>A topic the question is about: keyword hits (exact words) and semantic similarity to its examples.</summary>
public sealed record TopicMatch(ChatTopic Topic, int KeywordHits, float Similarity)
{
    public double Score => KeywordHits + Similarity * 2;
}

public static class QuestionAnalyzer
{
    /// <summary>Semantic similarity at which a topic counts even without one of its words (MiniLM cosine scale).</summary>
    public const float SemanticFloor = 0.62f;

    private static readonly HashSet<string> Vocabulary = TextTokens.Forms(ChatTopicCatalog.Topics.SelectMany(t => t.Words)
        .Concat(ChatTopicCatalog.EntityWords).Concat(ChatTopicCatalog.PeriodWords).Concat(ChatRanking.Vocabulary).Concat(ChatValues.Vocabulary));

    public static IReadOnlySet<string> KnownVocabulary => Vocabulary;

    /// <param name="similarity">Best cosine similarity of the question to each topic's examples (from the semantic engine).</param>
    public static QuestionAnalysis Analyze(string question, IReadOnlyList<KnownEntity> entities, IReadOnlyDictionary<ChatTopic, float> similarity, DateTime now) =>
        Analyze(question, new EntityCatalogue(entities), similarity, now);

    /// <param name="entities">The names the question may use, indexed once per change of them (not per question).</param>
    public static QuestionAnalysis Analyze(string question, EntityCatalogue entities, IReadOnlyDictionary<ChatTopic, float> similarity, DateTime now)
    {
        var words = TextTokens.Words(question).ToList();
        var stems = words.Select(TextTokens.Stem).ToList();
        var mentions = NamesAsMeant(EntityMatcher.Find(question, entities, Vocabulary), words);
        var unknown = EntityMatcher.UnknownNames(question, mentions, Vocabulary);
        var valueRange = ChatValues.Parse(question);
        var periodText = valueRange is null ? question : ChatValues.WithoutBounds(question);
        var pair = ChatPeriods.Pair(periodText, now);
        var period = pair?.First ?? ChatPeriods.Parse(periodText, now);
        var ranking = ChatRanking.Parse(words);

        var topics = new List<TopicMatch>();
        foreach (var info in ChatTopicCatalog.Topics.Where(t => t.Topic != ChatTopic.Ranking))
        {
            var topicWords = TextTokens.Forms(info.Words);
            var hits = words.Where((w, i) => topicWords.Contains(w) || topicWords.Contains(stems[i])).Distinct().Count();
            var sim = similarity.GetValueOrDefault(info.Topic);
            if (hits > 0 || sim >= SemanticFloor)
            {
                topics.Add(new TopicMatch(info.Topic, hits, sim));
            }
        }

        if (ranking is not null)
        {
            topics.Add(new TopicMatch(ChatTopic.Ranking, 1, similarity.GetValueOrDefault(ChatTopic.Ranking)));
        }

        // A ranking of periods is the money topic's, whether or not a money word is in it ("What was our best month?").
        var periodRanking = ranking is null ? ChatPeriods.Ranked(question, words) : null;
        // So is a question that only sets two periods against each other ("How did Q3 compare with Q1?").
        if ((periodRanking is not null && topics.All(t => t.Topic != ChatTopic.Money)) || (pair is not null && topics.Count == 0))
        {
            topics.Add(new TopicMatch(ChatTopic.Money, 1, similarity.GetValueOrDefault(ChatTopic.Money)));
        }

        if (mentions.Count > 0)
        {
            topics.Add(new TopicMatch(ChatTopic.Entity, 1, 1));
        }

        var entityWords = mentions.SelectMany(m => m.AsWritten.Split(' ')).ToHashSet(StringComparer.Ordinal);
        var toDateWords = ChatPeriods.ToDateWords(question).ToHashSet(StringComparer.Ordinal);
        var unknownWords = unknown.SelectMany(TextTokens.Words).ToHashSet(StringComparer.Ordinal);
        var uncovered = words.Where((w, i) =>
                !TextTokens.StopWords.Contains(w) && !Vocabulary.Contains(w) && !Vocabulary.Contains(stems[i])
                && !entityWords.Contains(w) && !toDateWords.Contains(w) && !unknownWords.Contains(w) && !w.All(char.IsDigit) && !IsQuarter(w) && !IsAmount(w))
            .Distinct().ToList();

        return new QuestionAnalysis(question, topics.OrderByDescending(t => t.Score).ToList(), mentions, unknown, period, uncovered) { Words = words.Concat(stems).Distinct().ToList(), Tokens = words, Ranking = ranking, RankingWithoutMeasure = ChatRanking.DimensionWithoutMeasure(words), PeriodRanking = periodRanking, ValueRange = valueRange, ComparedWith = pair?.Second };
    }

    /// <summary>
    /// A sector or a lead source is named by an ordinary word ("services", "medical", "referral", "website"): it counts
    /// only where the question reads it as one. It says "sector" or "industry" ("source" or "channel"), or the word
    /// comes after "in", "from" or "within" ("accounts in retail"; for a source "from", "via" or "through"), or before an
    /// account or deal word ("software companies", "referral leads"). "What services do we offer?" is not about the
    /// services sector, and "leads that came in from marketing" asks where leads came from, not a sector.
    /// </summary>
    private static List<EntityMention> NamesAsMeant(IReadOnlyList<EntityMention> mentions, IReadOnlyList<string> words) =>
        mentions.Where(m => m.Entity.Kind switch
        {
            EntityKind.Sector => ChatRanking.NamesSector(words) || (ReadsAsName(m.AsWritten, words, SectorPrepositions) && !AsksWhereFrom(m.AsWritten, words)),
            EntityKind.Source => ChatRanking.NamesSource(words) || ReadsAsName(m.AsWritten, words, SourcePrepositions),
            // "West", "Central": an office only where the question says office or region.
            EntityKind.Office => ChatRanking.NamesOffice(words),
            _ => true,
        }).ToList();

    private static readonly string[] SectorPrepositions = ["in", "from", "within"];

    private static readonly string[] SourcePrepositions = ["from", "via", "through"];

    /// <summary>"came in from marketing", "come from retail": where leads came from, whatever the word also names.</summary>
    private static bool AsksWhereFrom(string written, IReadOnlyList<string> words) =>
        Occurrences(written, words).Any(at => at >= 2 && words[at - 1] == "from"
            && (ChatRanking.IsComeWord(words[at - 2]) || (at >= 3 && words[at - 2] == "in" && ChatRanking.IsComeWord(words[at - 3]))));

    /// <summary>After one of the prepositions, or before an account or deal word.</summary>
    private static bool ReadsAsName(string written, IReadOnlyList<string> words, string[] prepositions)
    {
        var length = written.Split(' ').Length;
        return Occurrences(written, words).Any(at =>
            (at > 0 && prepositions.Contains(words[at - 1])) || (at + length < words.Count && ChatRanking.IsAccountOrDealWord(words[at + length])));
    }

    /// <summary>Where the name's words stand in the question's words.</summary>
    private static IEnumerable<int> Occurrences(string written, IReadOnlyList<string> words)
    {
        var parts = written.Split(' ');
        for (var i = 0; i + parts.Length <= words.Count; i++)
        {
            if (!parts.Where((part, j) => part != words[i + j]).Any())
            {
                yield return i;
            }
        }
    }

    /// <summary>"10k", "2m", "5000usd": an amount, read by <see cref="ChatValues"/>, not a word the console lacks.</summary>
    private static bool IsAmount(string word) =>
        word.Length > 1 && char.IsDigit(word[0]) && word.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.', ',') is "k" or "m" or "usd";

    private static bool IsQuarter(string word) => word.Length == 2 && word[0] == 'q' && char.IsDigit(word[1]);
}
