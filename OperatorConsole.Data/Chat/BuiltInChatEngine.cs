using OperatorConsole.Data.Chat.Topics;
using OperatorConsole.Data.Semantic;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Semantic;

namespace OperatorConsole.Data.Chat;

/// <summary>The built-in engine's answer and the sheet of sources its Known facts are checked against.</summary>
public sealed record EngineAnswer(ChatAnswer Answer, IReadOnlyDictionary<string, ContextFact> Sheet, QuestionAnalysis Analysis);

/// <summary>
/// Chat v2 without a cloud model: question → topics (exact topic words plus semantic similarity to each topic's
/// example questions, on the configured embedding model) and entities (exact names with typo tolerance) → the
/// typed fact source of each topic → a short answer, figure first, whose Known facts are exactly the facts used.
/// Everything the question asks that no source covers is named under Missing, an unknown name is reported as
/// unknown, and a question outside the console's data gets Missing only.
/// </summary>
public sealed class BuiltInChatEngine(
    IEnumerable<IChatTopicSource> sources,
    SemanticIndex semantic,
    IEntityCatalogueSource catalogue,
    Clock.DataClockService clock,
    TouchActivityFacts touches,
    PeriodAheadFacts ahead,
    ExpectedCloseFacts expectedClose)
{
    public const string EngineName = "grounded";
    private readonly Dictionary<ChatTopic, IChatTopicSource> _sources = sources.ToDictionary(s => s.Topic);

    public Task<EngineAnswer> AnswerAsync(string question, CancellationToken ct = default) => AnswerAsync(question, Domain.Clock.ClockMode.Data, ct);

    /// <summary>The answer at the asker's clock (<paramref name="mode"/>: the screen's choice, follow the data or now).</summary>
    public async Task<EngineAnswer> AnswerAsync(string question, Domain.Clock.ClockMode mode, CancellationToken ct = default)
    {
        var analysis = await AnalyzeAsync(question, mode, ct);
        if (analysis.UnknownNames.Count > 0 && analysis.Entities.Count == 0)
        {
            var missing = new List<string>();
            foreach (var name in analysis.UnknownNames)
            {
                missing.Add($"No lead, account, owner, integration, package or template named \"{name}\" is in the console." + await NearestNameAsync(name, ct));
            }

            missing.AddRange(UncoveredMissing(analysis));
            return Finish(analysis, "The console has no record of " + string.Join(" or ", analysis.UnknownNames.Select(n => $"\"{n}\"")) + ", so it cannot answer this.", [], [], missing);
        }

        // "How much will we win next month?": a period still to come has nothing recorded in it, whatever it asks
        // about; the next steps planned in it and the open pipeline are what the console knows (ADR 243).
        if (PeriodAheadFacts.Asks(analysis) && AsksAboutTheConsole(analysis, PeriodAheadFacts.Vocabulary))
        {
            var now = (analysis.Reference ?? await clock.ResolveAsync(mode, ct)).At;
            var future = await ahead.AnswerAsync(analysis, analysis.Period!, now, ct);
            return Finish(analysis, future.Sentence, future.Facts, future.Inferred,
                [.. future.Missing, .. UncoveredMissing(analysis, PeriodAheadFacts.Vocabulary), .. UnknownNamesMissing(analysis)]);
        }

        // "Which deals are expected to close this month?", "Which deals are past their expected close date?": the dates
        // people set on deals (ADR 245). Without any, "what will close" is the pipeline's answer, which says so.
        if (ExpectedCloseFacts.Asks(analysis) && AsksAboutTheConsole(analysis, ExpectedCloseFacts.Vocabulary)
            && await expectedClose.AnswerAsync(analysis, (analysis.Reference ?? await clock.ResolveAsync(mode, ct)).At, ct) is { } dated)
        {
            return Finish(analysis, dated.Sentence, dated.Facts, dated.Inferred,
                [.. dated.Missing, .. UncoveredMissing(analysis, ExpectedCloseFacts.Vocabulary), .. UnknownNamesMissing(analysis)]);
        }

        // "How many calls did we make last week?", "Who made the most calls?": touches by channel, whatever topic the other
        // words lean to (the owner's record answered the first, with "calls" named as not recorded; the second got "say
        // by which figure").
        if (TouchActivity.Ranks(analysis.Tokens) is { } touchRanking)
        {
            var ranked = await touches.RankAsync(analysis, touchRanking, ct);
            return Finish(analysis, ranked.Sentence, ranked.Facts, ranked.Inferred, [.. ranked.Missing, .. UncoveredMissing(analysis, TouchActivity.Vocabulary),
                .. UnknownNamesMissing(analysis)]);
        }

        if (TouchActivity.Asks(analysis.Tokens, out var channel))
        {
            var activity = await touches.AnswerAsync(analysis, channel, ct);
            return Finish(analysis, activity.Sentence, activity.Facts, activity.Inferred, [.. activity.Missing, .. UncoveredMissing(analysis, TouchActivity.Vocabulary),
                .. UnknownNamesMissing(analysis)]);
        }

        var chosen = Choose(analysis);
        if (chosen.Count == 0 || IsOutOfScope(analysis) || (analysis.RankingWithoutMeasure is not null && !analysis.Has(ChatTopic.Entity)))
        {
            // "Who is our best salesperson?": a ranking without its figure; say what would make it one, rather than
            // answer the topic its words also belong to ("biggest clients" is not "clients off target").
            var rankingHint = analysis.RankingWithoutMeasure is { } by ? [ChatRanking.AskForMeasure(by)] : Array.Empty<string>();
            return Finish(analysis, "The console's data does not answer this question.", [], [],
                [.. rankingHint, .. UncoveredMissing(analysis).DefaultIfEmpty($"No source in the console answers \"{question.Trim()}\".")]);
        }

        var parts = new List<TopicAnswer>();
        foreach (var topic in chosen)
        {
            parts.Add(await _sources[topic].AnswerAsync(analysis, ct));
        }

        var known = parts.SelectMany(p => p.Facts).ToList();
        // A named deal's or account's expected close dates are in its answer (ADR 245): "expected" and "date" are answered.
        var understood = analysis.Entities.Count > 0 && ExpectedCloseFacts.AsksOf(analysis) ? ExpectedCloseFacts.Vocabulary : null;
        var allMissing = parts.SelectMany(p => p.Missing).Concat(UncoveredMissing(analysis, understood)).ToList();
        if (analysis.ValueRange is { } range && !chosen.Contains(ChatTopic.Pipeline))
        {
            // "Which owner won the most deals worth over 5,000?": the ranking and an entity's totals count every deal.
            allMissing.Add($"The bound on value ({range.Describe()}) is not applied to this answer: only the list of deals by value reads it.");
        }

        allMissing.AddRange(UnknownNamesMissing(analysis));
        var text = string.Join(" ", parts.Select(p => p.Sentence).Where(s => s.Length > 0));
        return Finish(analysis, text.Length == 0 ? "The console has no data that answers this yet." : text, known, parts.SelectMany(p => p.Inferred).ToList(), allMissing);
    }

    /// <summary>The entity source's answer for an analysis whose entities are already resolved (the model's entity tool).</summary>
    public Task<TopicAnswer> EntityAnswerAsync(QuestionAnalysis analysis, CancellationToken ct) => _sources[ChatTopic.Entity].AnswerAsync(analysis, ct);

    /// <summary>The stored name nearest in meaning, offered as a hint (never answered on: the operator decides).</summary>
    private async Task<string> NearestNameAsync(string name, CancellationToken ct)
    {
        var hits = await semantic.SearchAsync(SemanticKinds.Name, name, 1, ct);
        return hits is [{ Similarity: >= NearestNameFloor } hit, ..] ? $" The nearest name on record is \"{hit.Preview}\"." : "";
    }

    private const float NearestNameFloor = 0.75f;

    public Task<QuestionAnalysis> AnalyzeAsync(string question, CancellationToken ct = default) => AnalyzeAsync(question, Domain.Clock.ClockMode.Data, ct);

    public async Task<QuestionAnalysis> AnalyzeAsync(string question, Domain.Clock.ClockMode mode, CancellationToken ct = default)
    {
        var entities = await catalogue.GetAsync(ct);
        var similarity = await TopicSimilarityAsync(question, ct);
        // "This week", "last month", "in the last 30 days" are read against the asker's clock, like the cards beside
        // the chat, and the topics compute their figures at the same reference time.
        var at = await clock.ResolveAsync(mode, ct);
        return QuestionAnalyzer.Analyze(question, entities, similarity, at.At) with { Reference = at };
    }

    /// <summary>Best cosine similarity of the question to each topic's example questions.</summary>
    public async Task<IReadOnlyDictionary<ChatTopic, float>> TopicSimilarityAsync(string question, CancellationToken ct)
    {
        var examples = ChatTopicCatalog.Topics.SelectMany(t => t.Examples.Select(e => (t.Topic, Text: e))).ToList();
        var vectors = await semantic.EmbedManyAsync([question, .. examples.Select(e => e.Text)], ct);
        var q = vectors[0];
        return examples.Select((e, i) => (e.Topic, Sim: Vectors.Cosine(q, vectors[i + 1])))
            .GroupBy(x => x.Topic).ToDictionary(g => g.Key, g => g.Max(x => x.Sim));
    }

    /// <summary>
    /// The topics to answer: a ranking within a named account, sector or owner; otherwise an entity named in the
    /// question wins (its figures are the answer), then a ranking or periods ranked or listed (a total would answer
    /// another question); otherwise
    /// the best topic, and a second one only if it adds a word of its own (so "leads in Proposal" is not also about
    /// proposals).
    /// </summary>
    private static List<ChatTopic> Choose(QuestionAnalysis analysis)
    {
        // "Which owner won the most in retail?" asks a ranking within what it names, not the sector's own totals.
        if (analysis.Ranking is { } ranking && RankingTopic.Scopes(analysis.Entities, ranking.By))
        {
            return [ChatTopic.Ranking];
        }

        if (analysis.Has(ChatTopic.Entity))
        {
            return [ChatTopic.Entity];
        }

        // "Which account had the biggest deal?" asks single deals by size, not accounts by their number of deals.
        if (MoneyTopic.AsksLargestDeal(analysis))
        {
            return [ChatTopic.Money];
        }

        if (analysis.Ranking is not null)
        {
            return [ChatTopic.Ranking];
        }

        // "What did we sell each week this quarter?": periods ranked or listed are the money topic's alone ("each" is
        // also a pipeline word, and the stage counts answered it).
        if (analysis.PeriodRanking is not null)
        {
            return [ChatTopic.Money];
        }

        // "How many deals are without an account?" counts deals with a field left empty, the pipeline's; the account
        // word brought in the accounts' own count.
        if (PipelineTopic.WithoutField(analysis) is not null)
        {
            return [ChatTopic.Pipeline];
        }

        // "Which next steps are due this week?", "What's overdue?": the planned steps by due date, the Leads list's filter.
        // The first got every stage's count.
        if (NextStepFacts.Asks(analysis))
        {
            return [ChatTopic.Pipeline];
        }

        // Accounts' last touch is the Clients page's figure, the results topic's alone: "touched" would also bring in
        // the failures topic, which computed the same answer a second time. So is a count of accounts: "How many
        // accounts have open deals?" was answered with every stage's count of deals.
        if (AccountTouchFacts.Asks(analysis) || AccountGroupFacts.Asks(analysis) || ResultsTopic.CountsAccounts(analysis))
        {
            return [ChatTopic.Results];
        }

        // "Which deals are worth more than 10,000 USD?" asks the deals in a value range, the pipeline's list by value. It
        // was answered with this month's money.
        if (analysis.ValueRange is not null)
        {
            return [ChatTopic.Pipeline];
        }

        // "Which deals are closing this month?" asks a forecast: the open deals, and the close date no deal records.
        // It was answered with this month's won deals.
        if (PipelineTopic.AsksWhatWillClose(analysis))
        {
            return [ChatTopic.Pipeline];
        }

        // "What percentage of deals did we lose in Q3?" is a loss rate, the money topic's: the stage history's count of
        // lost deals answered it.
        if (analysis.Has(ChatTopic.Money) && analysis.Mentions(ChatRanking.RateWords) && MoneyTopic.MentionsLoss(analysis))
        {
            return [ChatTopic.Money];
        }

        // A topic named only by what the question counts gives way to one named by what it asks about: "How many
        // deals are stuck?" is the constraint's, and led with every stage's count because "deals" is a pipeline word.
        bool CountsOnly(TopicMatch t) => t.KeywordHits > 0 && !TopicWords(t.Topic, analysis).Except(NotTheSubject).Any();
        var ranked = analysis.Topics.ToList();
        if (ranked.Any(t => t.KeywordHits > 0 && !CountsOnly(t)))
        {
            ranked.RemoveAll(CountsOnly);
        }

        if (ranked.Count == 0)
        {
            return [];
        }

        var chosen = new List<ChatTopic> { ranked[0].Topic };
        var bestWords = TopicWords(ranked[0].Topic, analysis);
        foreach (var next in ranked.Skip(1).Where(t => t.KeywordHits > 0))
        {
            if (TopicWords(next.Topic, analysis).Except(bestWords).Except(NotTheSubject).Any() && next.KeywordHits >= ranked[0].KeywordHits
                && !LossesTwice(chosen[0], next.Topic, analysis))
            {
                chosen.Add(next.Topic);
                break;
            }
        }

        return chosen;
    }

    /// <summary>
    /// The money topic counts a period's lost deals itself (with the month before), so the pipeline's stage history
    /// added for a loss word alone said the same figure again: "In December 2017: lost 140 deals … In December 2017:
    /// 140 deals were lost".
    /// </summary>
    private static bool LossesTwice(ChatTopic first, ChatTopic next, QuestionAnalysis analysis) =>
        first == ChatTopic.Money && next == ChatTopic.Pipeline
        && TopicWords(ChatTopic.Pipeline, analysis).Except(CountingWords).All(LossStems.Contains);

    private static readonly HashSet<string> LossStems = TextTokens.Forms(["lose", "lost", "losing"]);

    /// <summary>
    /// What a question counts, not what it is about: "How many deals did we win in December?" is the money topic's,
    /// and "deals" alone did not make it the pipeline's too (it appended every stage's count as it stands today).
    /// "How much" asks an amount of whatever the question names: "How much is in Qualified?" is the stage's value, not
    /// this month's wins.
    /// </summary>
    private static readonly HashSet<string> CountingWords = TextTokens.Forms(["deal", "deals", "lead", "leads", "opportunity", "opportunities", "prospect", "prospects", "much"]);

    /// <summary>
    /// How a figure moved, not what it is about: "How did revenue change this month compared to last month?" is the
    /// money topic's, and "change" (an agent-jobs word: a code change and its risk) appended this month's agent jobs.
    /// "Which changes are high risk?" still names the agent jobs by its other words.
    /// </summary>
    private static readonly HashSet<string> MovementWords = TextTokens.Forms(["change", "changes", "changed"]);

    /// <summary>Words that alone do not make a topic the subject of a question when another topic is named.</summary>
    private static readonly HashSet<string> NotTheSubject = [.. CountingWords, .. MovementWords];

    private static HashSet<string> TopicWords(ChatTopic topic, QuestionAnalysis analysis)
    {
        var words = TextTokens.Forms(ChatTopicCatalog.Topics.First(t => t.Topic == topic).Words);
        return analysis.Words.Where(words.Contains).Select(TextTokens.Stem).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// A question about a period ahead that is about the console's data ("What's the forecast for next month?", "How
    /// many deals will we close next week?"), not about something else that happens then ("What's the weather tomorrow?").
    /// </summary>
    private static bool AsksAboutTheConsole(QuestionAnalysis analysis, IReadOnlySet<string> vocabulary)
    {
        var scoped = analysis with { Uncovered = analysis.Uncovered.Where(w => !vocabulary.Contains(w)).ToList() };
        return !IsOutOfScope(scoped)
            && (Choose(scoped).Count > 0 || TouchActivity.Asks(analysis.Tokens, out _) || analysis.Tokens.Any(vocabulary.Contains));
    }

    /// <summary>
    /// The question is about something the console does not hold: as many unexplained content words as topic words
    /// (at least two), or a topic recognised only by meaning while some of its words are unexplained.
    /// </summary>
    private static bool IsOutOfScope(QuestionAnalysis analysis)
    {
        if (analysis.Has(ChatTopic.Entity) || analysis.Uncovered.Count == 0)
        {
            return false;
        }

        var topicWords = analysis.Topics.Where(t => t.Topic != ChatTopic.Entity).SelectMany(t => TopicWords(t.Topic, analysis)).ToHashSet(StringComparer.Ordinal);
        return topicWords.Count == 0 || (analysis.Uncovered.Count >= 2 && analysis.Uncovered.Count >= topicWords.Count) || AsksUnrecordedFigure(analysis);
    }

    /// <summary>
    /// A figure named by a word the console does not record: "What is our churn rate?" was told the win rate, "How much
    /// did we spend on ads?" and "How much did we pay in commissions?" the money won, "What is the customer lifetime
    /// value?" and "What's the cost per lead?" this month's wins and every stage's count, and "How many meetings are
    /// booked this week?" the week's wins, each with the word under Missing after a figure it did not ask for. The rate,
    /// the value, the spending or the count is that word's, so no figure of the console answers it.
    /// </summary>
    private static bool AsksUnrecordedFigure(QuestionAnalysis analysis)
    {
        var words = analysis.Tokens;
        bool Unrecorded(int i) => i < words.Count && analysis.Uncovered.Contains(words[i]);
        bool Next(int i, Func<string, bool> test) => i + 1 < words.Count && test(words[i + 1]);
        return words.Where((w, i) => Unrecorded(i) && Next(i, n => ChatRanking.RateWords.Contains(n) || n is "per" or "value" or "values")).Any()
            || words.Where((w, i) => w is "spend" or "spent" or "spending" or "pay" or "paid" or "paying" && Next(i, n => n is "on" or "in" or "for") && (Unrecorded(i + 2) || Unrecorded(i + 3))).Any()
            || words.Where((w, i) => w == "many" && Unrecorded(i + 1)).Any();
    }

    private static IEnumerable<string> UnknownNamesMissing(QuestionAnalysis analysis) =>
        analysis.UnknownNames.Select(n => $"No lead, account, owner, integration, package or template named \"{n}\" is in the console.");

    /// <summary>The question's words no source understands, named as not answered; <paramref name="understood"/>: words the answer given does understand.</summary>
    private static IEnumerable<string> UncoveredMissing(QuestionAnalysis analysis, IReadOnlySet<string>? understood = null)
    {
        var words = analysis.Uncovered.Where(w => understood?.Contains(w) != true).ToList();
        return words.Count == 0 ? [] : [$"Nothing in the console records {string.Join(", ", words.Select(w => $"\"{w}\""))}: that part of the question is not answered."];
    }

    private static EngineAnswer Finish(QuestionAnalysis analysis, string text, IReadOnlyList<UsedFact> used, IReadOnlyList<string> inferred, IReadOnlyList<string> missing)
    {
        var sheet = used.GroupBy(u => u.Source.Source).ToDictionary(g => g.Key, g => g.First().Source, StringComparer.Ordinal);
        var known = used.Select(u => new KnownFact(u.Claim, u.Source.Source)).ToList();
        return new EngineAnswer(new ChatAnswer(text, new Receipts(known, inferred.Distinct().ToList(), missing.Distinct().ToList()), EngineName), sheet, analysis);
    }

    /// <summary>The names a question may use (the shared, indexed catalogue).</summary>
    public async Task<EntityCatalogue> EntitiesAsync(CancellationToken ct) => await catalogue.GetAsync(ct);
}
