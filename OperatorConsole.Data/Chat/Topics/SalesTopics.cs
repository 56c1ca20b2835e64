using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Scorecard;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Scorecard;

namespace OperatorConsole.Data.Chat.Topics;

/// <summary>
/// Leads by stage (the /leads list's own filter): one stage when the question names one, else every stage, and what
/// the open pipeline is worth when the question asks its value. A named stage with a period is what moved into it
/// then (the stage history), and "why" about Lost is the reasons people recorded (<see cref="StageHistoryFacts"/>).
/// </summary>
public sealed class PipelineTopic(IDbContextFactory<ConsoleDbContext> dbFactory) : IChatTopicSource
{
    public ChatTopic Topic => ChatTopic.Pipeline;

    public async Task<TopicAnswer> AnswerAsync(QuestionAnalysis question, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived).GroupBy(l => l.Status)
            .Select(g => new { Stage = g.Key, Count = g.Count(), Value = g.Sum(l => l.EstimatedValue) ?? 0 }).ToListAsync(ct);
        var byStage = Enum.GetValues<LeadStatus>().ToDictionary(s => s, s => rows.FirstOrDefault(r => r.Stage == s));
        var asked = Enum.GetValues<LeadStatus>().Where(s => question.Mentions(s.ToString().ToLowerInvariant()) || (s == LeadStatus.Lost && question.Mentions("lose", "losing"))).ToList();
        if (asked.Contains(LeadStatus.Lost) && question.Mentions("why", "reason", "reasons", "because"))
        {
            return await StageHistoryFacts.LossReasonsAsync(db, question.Period, ct);
        }

        // "New leads" in a period are the leads that came in then, and "created" asks the same.
        if (question.Period is { } createdIn && (asked is [LeadStatus.New] || (asked.Count == 0 && question.Mentions("created", "came", "arrived", "added"))))
        {
            return await StageHistoryFacts.CreatedAsync(db, createdIn, ct);
        }

        if (asked.Count > 0 && question.Period is { } period)
        {
            var entered = await StageHistoryFacts.EnteredAsync(db, asked, period, ct);
            return new TopicAnswer(string.Join(" ", entered.Select(f => f.Claim + ".")), entered, [], []);
        }

        if (asked.Count > 0)
        {
            var facts = asked.Select(s =>
            {
                var count = byStage[s]?.Count ?? 0;
                var value = byStage[s]?.Value ?? 0;
                var claim = $"{Say.Plural(count, "lead is", "leads are")} in {s}, worth {Say.Money(value)} estimated";
                return Say.Fact($"pipeline.stage.{s.ToString().ToLowerInvariant()}", $"Leads · {s}", claim, $"/leads?status={s.ToString().ToLowerInvariant()}", claim);
            }).ToList();
            return new TopicAnswer(string.Join(" ", facts.Select(f => f.Claim + ".")), facts, [], []);
        }

        var total = rows.Sum(r => r.Count);
        var open = rows.Where(r => ScorecardCalculator.OpenStages.Contains(r.Stage)).Sum(r => r.Count);
        // What the open pipeline is worth: the Command Center's "Open pipeline", the estimates of the open deals.
        var openValue = rows.Where(r => ScorecardCalculator.OpenStages.Contains(r.Stage)).Sum(r => r.Value);
        var worth = $"{Say.Plural(open, "open deal", "open deals")} worth {Say.Money(openValue)} estimated (" +
                    string.Join(", ", ScorecardCalculator.OpenStages.Select(s => $"{s} {Say.Money(byStage[s]?.Value ?? 0)}")) + ")";
        var text = $"{Say.Plural(total, "lead", "leads")}: " + string.Join(", ", Enum.GetValues<LeadStatus>().Select(s => $"{Say.N(byStage[s]?.Count ?? 0)} {s}")) + "; " + worth;
        var claim = question.Mentions("worth", "value", "much", "estimated")
            ? worth
            : $"{Say.Plural(total, "lead", "leads")}: " + string.Join(", ", Enum.GetValues<LeadStatus>().Select(s => $"{Say.N(byStage[s]?.Count ?? 0)} {s}")) + $" ({Say.N(open)} open in New, Qualified or Proposal)";
        var inferred = new List<string>();
        var biggest = rows.Where(r => r.Stage != LeadStatus.Lost).OrderByDescending(r => r.Count).FirstOrDefault();
        if (biggest is not null && total > 0)
        {
            inferred.Add($"{biggest.Stage} holds the most leads ({Say.N(biggest.Count)} of {Say.N(total)}, {Say.Percent(biggest.Count, total)} %).");
        }

        return new TopicAnswer(claim + ".", [Say.Fact("pipeline.stages", "Leads by stage", text + $" ({Say.N(open)} open in New, Qualified or Proposal)", "/leads", claim)], inferred, []);
    }
}

/// <summary>Proposals: drafted, awaiting send approval, sent, and their outcomes (optionally within a period).</summary>
public sealed class ProposalsTopic(IDbContextFactory<ConsoleDbContext> dbFactory) : IChatTopicSource
{
    public ChatTopic Topic => ChatTopic.Proposals;

    public async Task<TopicAnswer> AnswerAsync(QuestionAnalysis question, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = await db.Set<Proposal>().AsNoTracking().Select(p => new { p.Status, p.SentAt, p.Outcome, p.OutcomeAt, p.CreatedAt }).ToListAsync(ct);
        var period = question.Period;
        bool In(DateTime? at) => period is null || (at is { } t && period.Contains(t));
        var drafts = all.Count(p => p.Status == ProposalStatus.Draft && In(p.CreatedAt));
        var awaiting = all.Count(p => p.Status == ProposalStatus.SendRequested);
        var approved = all.Count(p => p.Status == ProposalStatus.SendApproved);
        var sent = all.Count(p => p.SentAt != null && In(p.SentAt));
        var won = all.Count(p => p.Outcome == ProposalOutcome.Won && In(p.OutcomeAt));
        var lost = all.Count(p => p.Outcome == ProposalOutcome.Lost && In(p.OutcomeAt));
        var silent = all.Count(p => p.Outcome == ProposalOutcome.NoResponse && In(p.OutcomeAt));
        var when = period is null ? "" : $" in {period.Describe()}";
        var text = $"Proposals{when}: {Say.N(drafts)} drafts, {Say.N(awaiting)} awaiting send approval, {Say.N(approved)} approved to send, {Say.N(sent)} sent, outcomes {Say.N(won)} won, {Say.N(lost)} lost, {Say.N(silent)} no response";
        var parts = new List<string>();
        if (question.Mentions("draft", "drafted", "drafts")) parts.Add($"{Say.N(drafts)} drafts");
        if (question.Mentions("await", "awaiting", "approval", "pending", "waiting")) parts.Add($"{Say.N(awaiting)} awaiting send approval");
        if (question.Mentions("send", "sent")) parts.Add($"{Say.N(sent)} sent");
        if (question.Mentions("outcome", "outcomes", "won", "lost", "win", "answer", "response")) parts.Add($"outcomes {Say.N(won)} won, {Say.N(lost)} lost, {Say.N(silent)} no response");
        var claim = parts.Count == 0 ? text : $"Proposals{when}: " + string.Join(", ", parts);
        var inferred = new List<string>();
        if (won + lost + silent > 0 && question.Mentions("outcome", "outcomes", "won", "lost", "win"))
        {
            inferred.Add($"{Say.Percent(won, won + lost + silent)} % of decided proposals{when} were won ({Say.N(won)} of {Say.N(won + lost + silent)}).");
        }

        var missing = new List<string>();
        if (period is not null && question.Mentions("draft", "drafted", "await", "awaiting"))
        {
            missing.Add("Drafts and proposals awaiting approval are counted as they stand now; the console keeps no count of them per past period.");
        }

        return new TopicAnswer(claim + ".", [Say.Fact(period is null ? "proposals.status" : $"proposals.status.{period.From:yyyyMMdd}-{period.To:yyyyMMdd}", "Proposals", text, "/leads?status=proposal", claim)], inferred, missing);
    }
}

/// <summary>
/// Money: won value and count, win rate, average deal and cycle time. Without a period in the question the scorecard's
/// own figures are used (so the chat and the card agree); with one, the same arithmetic runs over that period's deals.
/// </summary>
public sealed class MoneyTopic(ScorecardService scorecard, IDbContextFactory<ConsoleDbContext> dbFactory) : IChatTopicSource
{
    public ChatTopic Topic => ChatTopic.Money;

    public async Task<TopicAnswer> AnswerAsync(QuestionAnalysis question, CancellationToken ct)
    {
        var report = question.Reference is { } at ? await scorecard.GetAsync(at, ct) : await scorecard.GetAsync(ct);
        var period = question.Period ?? DefaultPeriod(question, report);
        var deals = await DealsAsync(period, ct);
        var won = deals.Where(d => d.Outcome == ProposalOutcome.Won).ToList();
        var wonValue = won.Sum(d => d.Value ?? 0);
        var rate = ScorecardCalculator.WinRate(deals);
        var avg = ScorecardCalculator.AverageDealSize(won);
        var cycle = ScorecardCalculator.AverageCycleDays(won);
        var span = period.Describe();
        var text = $"In {span}: won {Say.Money(wonValue)} from {Say.Plural(won.Count, "deal", "deals")}; {Say.N(deals.Count)} decided; win rate {(rate is null ? "no data" : Say.N(rate.Value) + " %")}; " +
                   $"average deal {(avg is null ? "no data" : Say.Money(avg.Value))}; average cycle {(cycle is null ? "no data" : Say.N(cycle.Value) + " days")}";
        var parts = new List<string>();
        var missing = new List<string>();
        if (question.Mentions("rate")) parts.Add(rate is null ? "no deals were decided, so there is no win rate" : $"win rate {Say.N(rate.Value)} % ({Say.N(won.Count)} won of {Say.N(deals.Count)} decided)");
        if (question.Mentions("average", "avg", "size") && !question.Mentions("cycle")) parts.Add(avg is null ? "no deals were won, so there is no average deal" : $"average deal {Say.Money(avg.Value)}");
        if (question.Mentions("cycle", "long")) parts.Add(cycle is null ? "no deals were won, so there is no cycle time" : $"average cycle {Say.N(cycle.Value)} days from lead created to won");
        if (parts.Count == 0) parts.Add($"won {Say.Money(wonValue)} from {Say.Plural(won.Count, "deal", "deals")}");
        var claim = $"In {span}: " + string.Join("; ", parts);
        var inferred = new List<string>();
        var previous = period.Previous();
        var before = await DealsAsync(previous, ct);
        var wonBefore = before.Where(d => d.Outcome == ProposalOutcome.Won).Sum(d => d.Value ?? 0);
        var rateBefore = ScorecardCalculator.WinRate(before);
        if (question.Mentions("rate") && rate is not null && rateBefore is not null)
        {
            // A rate is compared with the rate before, not with the money won (it said "less than the 2,982,255 USD won").
            var direction = rate > rateBefore ? "higher than" : rate < rateBefore ? "lower than" : "the same as";
            inferred.Add($"That is {direction} the {Say.N(rateBefore.Value)} % ({Say.N(before.Count(d => d.Outcome == ProposalOutcome.Won))} won of {Say.N(before.Count)} decided) in {previous.Describe()}.");
        }
        else if (wonBefore > 0 || wonValue > 0)
        {
            var direction = wonValue > wonBefore ? "more" : wonValue < wonBefore ? "less" : "the same as";
            inferred.Add($"That is {direction}{(direction == "the same as" ? "" : " than")} the {Say.Money(wonBefore)} won in {previous.Describe()}.");
        }

        if (deals.Count == 0)
        {
            missing.Add($"No deal was decided in {span}.");
        }

        var fact = Say.Fact($"money.{period.From:yyyyMMdd}-{period.To:yyyyMMdd}", "Money scorecard", text, "/", claim);
        var rateText = rateBefore is null ? "" : $"; win rate {Say.N(rateBefore.Value)} % ({Say.N(before.Count(d => d.Outcome == ProposalOutcome.Won))} won of {Say.N(before.Count)} decided)";
        var factBefore = Say.Fact($"money.{previous.From:yyyyMMdd}-{previous.To:yyyyMMdd}", "Money scorecard (period before)",
            $"In {previous.Describe()}: won {Say.Money(wonBefore)}{rateText}", "/",
            question.Mentions("rate") && rateBefore is not null ? $"win rate {Say.N(rateBefore.Value)} % in {previous.Describe()}" : $"won {Say.Money(wonBefore)} in {previous.Describe()}");
        return new TopicAnswer(claim + ".", inferred.Count > 0 ? [fact, factBefore] : [fact], inferred, missing);
    }

    /// <summary>Rates default to the scorecard's rolling period, won value to this month (the card's figures).</summary>
    private static ChatPeriod DefaultPeriod(QuestionAnalysis question, MoneyScorecardReport report)
    {
        // The scorecard's own reference time: for historic data "this month" is the data's last month, as on the card.
        var now = report.Clock.At;
        if (question.Mentions("rate", "average", "avg", "size", "cycle", "long"))
        {
            // The scorecard's rolling window exactly, (now − period, now]: a date-only deal closed at midnight on the
            // boundary day belongs to the period before, so the chat quotes the card's win rate and cycle, not a near one.
            return new ChatPeriod(now.AddDays(-report.PeriodDays).AddTicks(1), now.AddTicks(1), $"the last {report.PeriodDays} days");
        }

        return new ChatPeriod(ScorecardCalculator.MonthStart(now), now.AddTicks(1), "this month");
    }

    private async Task<IReadOnlyList<ClosedDeal>> DealsAsync(ChatPeriod period, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Proposal>().AsNoTracking()
            .Where(p => p.Outcome != null && p.OutcomeAt >= period.From && p.OutcomeAt < period.To)
            .Join(db.Set<Lead>(), p => p.LeadId, l => l.Id, (p, l) => new ClosedDeal(p.Id, l.Id, l.Title, p.Outcome!.Value, p.OutcomeValue, p.OutcomeAt!.Value, l.CreatedAt))
            .ToListAsync(ct);
    }
}
