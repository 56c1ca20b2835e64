using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Leads;
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
public sealed class PipelineTopic(
    IDbContextFactory<ConsoleDbContext> dbFactory, Constraint.ConstraintService constraint, Settings.SettingsService settings, PipelineStageService stages, TimeProvider time) : IChatTopicSource
{
    public ChatTopic Topic => ChatTopic.Pipeline;

    private sealed record StageRow(LeadStatus Stage, int Count, decimal Value);

    /// <summary>
    /// "Which deals are closing this month?", "What will close next quarter?": a forecast. No deal records an expected
    /// close date, so the answer is the open deals and what is missing. "Closing rate" is a win rate, not a forecast.
    /// </summary>
    public static bool AsksWhatWillClose(QuestionAnalysis question) =>
        question.Mentions("close", "closing") && !question.Words.Contains("closed") && !question.Mentions([.. ChatRanking.RateWords, "average", "avg"]) && !MoneyTopic.AsksCycle(question)
        && (question.Words.Contains("closing") || question.Mentions("will", "expected", "expect", "forecast", "upcoming", "next", "likely", "going"));

    public async Task<TopicAnswer> AnswerAsync(QuestionAnalysis question, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var asked = Enum.GetValues<LeadStatus>().Where(s => question.Mentions(s.ToString().ToLowerInvariant()) || (s == LeadStatus.Lost && question.Mentions("lose", "losing"))).ToList();
        if (question.ValueRange is { } range)
        {
            return await InRangeAsync(db, question, asked, range, ct);
        }

        if (asked.Count == 0 && WithoutField(question) is { } field)
        {
            return await WithoutFieldAsync(db, field, ct);
        }

        if (AsksWeighted(question) && asked.All(s => s.IsOpenDeal()))
        {
            return await WeightedAsync(asked, ct);
        }

        if (NextStepFacts.Asks(question))
        {
            return await NextStepFacts.AnswerAsync(db, question, question.Reference?.At ?? time.GetUtcNow().UtcDateTime, ct);
        }

        if (asked.Count > 0 && asked.All(s => s.IsOpenDeal()) && question.Mentions("stuck", "stalled"))
        {
            return await StuckAsync(question, asked, ct);
        }

        if (asked.Count > 0 && asked.All(s => s.IsOpenDeal()) && AsksTimeInStage(question))
        {
            return await TimeInStageAsync(question, asked, ct);
        }

        var forecast = AsksWhatWillClose(question);
        if (!forecast && await FromHistoryAsync(db, question, asked, ct) is { } history)
        {
            return history;
        }

        var rows = await db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived).GroupBy(l => l.Status)
            .Select(g => new StageRow(g.Key, g.Count(), g.Sum(l => l.EstimatedValue) ?? 0)).ToListAsync(ct);
        var byStage = Enum.GetValues<LeadStatus>().ToDictionary(s => s, s => rows.FirstOrDefault(r => r.Stage == s));
        if (forecast)
        {
            return Pipeline(question, rows, byStage, asksWorth: true) with
            {
                Missing = ["Which deals will close, and when: no open deal records an expected close date, so the open deals are given instead."],
            };
        }

        // "What was the biggest deal we lost?" got the Lost stage's count: its deals by estimate, as an open stage's.
        if (asked is [var stage] && (ScorecardCalculator.OpenStages.Contains(stage) || stage == LeadStatus.Lost)
            && (question.Words.Contains("which") || question.Words.Any(ChatRanking.Highest.Contains)))
        {
            return await LargestInStageAsync(db, stage, byStage[stage], ct);
        }

        return asked.Count > 0 ? Stages(asked, byStage) : Pipeline(question, rows, byStage);
    }

    /// <summary>"What is our weighted pipeline?", "What is the pipeline worth by probability?": the Command Center's weighted value (ADR 248).</summary>
    public static bool AsksWeighted(QuestionAnalysis question) => question.Mentions("weighted", "weight", "probability", "probabilities");

    /// <summary>
    /// The open pipeline (or the asked open stages) weighted by each stage's win rate measured from the closed deals that
    /// were in it, as the Pipeline by stage card shows it. A stage with open deals and no rate is named under Missing,
    /// never counted whole or at nothing.
    /// </summary>
    private async Task<TopicAnswer> WeightedAsync(List<LeadStatus> asked, CancellationToken ct)
    {
        var pipeline = await stages.ReadAsync(ct);
        var open = pipeline.Rows.Where(r => r.Stage.IsOpenDeal() && (asked.Count == 0 || asked.Contains(r.Stage)) && r.Count > 0).ToList();
        var weighed = open.Where(r => r.Weighted is not null).ToList();
        var weighted = Math.Round(weighed.Sum(r => r.Weighted!.Value), 0);
        var scope = asked.Count == 0 ? "The open pipeline" : string.Join(" and ", asked);
        var parts = string.Join("; ", weighed.Select(r =>
            $"{r.Stage} {Say.Money(Math.Round(r.Value, 0))} × {Say.Percent(r.WinRate!.Won, r.WinRate.Closed)} % (won {Say.N(r.WinRate.Won)} of the {Say.N(r.WinRate.Closed)} closed deals that were in it) = {Say.Money(Math.Round(r.Weighted!.Value, 0))}"));
        var claim = weighed.Count == 0
            ? $"{scope} cannot be weighted: no open stage with deals has enough closed deals to measure a win rate"
            : $"{scope} weighted by each stage's win rate is worth {Say.Money(weighted)} of {Say.Money(Math.Round(open.Sum(r => r.Value), 0))} estimated ({parts})";
        var text = claim + $". A stage's win rate is the share won of the closed deals that were in it, over all {Say.N(pipeline.ClosedDeals)} closed so far";
        List<string> missing = [.. open.Where(r => r.Weighted is null).Select(r =>
            $"A win rate for {r.Stage}: {Say.Plural(r.WinRate?.Closed ?? 0, "closed deal was", "closed deals were")} in it and a rate takes {StageWinRates.MinClosed}, so its {Say.Plural(r.Count, "deal", "deals")}, worth {Say.Money(Math.Round(r.Value, 0))}, {(r.Count == 1 ? "is" : "are")} not weighted.")];
        return new TopicAnswer(claim + ".", [Say.Fact("pipeline.weighted", "Command Center · Pipeline by stage", text, "/", claim)], [], missing);
    }

    /// <summary>
    /// "How many leads have no owner?", "How many deals are without an account?": a field a deal may leave empty. It
    /// was answered with every stage's count.
    /// </summary>
    /// <remarks>The field comes within three words after "no", "without" or "missing" ("have no owner", "without an
    /// account"): "How many accounts have no won deals?" counts accounts, not deals without one.</remarks>
    public static string? WithoutField(QuestionAnalysis question)
    {
        var words = question.Tokens;
        var after = words.SelectMany((w, i) => w is "no" or "without" or "missing" ? words.Skip(i + 1).Take(3) : []).ToList();
        if (words.Contains("unassigned") && words.Any(w => w is "lead" or "leads" or "deal" or "deals"))
        {
            after.Add("owner");
        }

        return after.Contains("next") && words.Any(w => w is "step" or "steps") ? "next step"
            : after.Any(w => w is "owner" or "owners") ? "owner"
            : after.Any(w => w is "account" or "company") ? "account"
            : after.Any(w => w is "source") ? "source"
            : after.Any(w => w is "estimate" or "estimated" or "value") ? "estimated value"
            : null;
    }

    private async Task<TopicAnswer> WithoutFieldAsync(ConsoleDbContext db, string field, CancellationToken ct)
    {
        var leads = db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived);
        if (field == "next step")
        {
            // "Which leads have no next step?" got every stage's count: the open deals with nothing planned, as the
            // Leads list's "Next step: none planned" filter keeps them (a won or lost deal plans none).
            var now = time.GetUtcNow().UtcDateTime;
            var open = await LeadService.Filter(leads, db.Set<Proposal>(), new LeadListQuery(Status: StageFilter.Open), now).CountAsync(ct);
            var none = await LeadService.Filter(leads, db.Set<Proposal>(), new LeadListQuery(NextStep: NextStepState.None), now).CountAsync(ct);
            var said = $"{Say.N(none)} of {Say.Plural(open, "open deal", "open deals")} {(none == 1 ? "has" : "have")} no next step planned";
            return new TopicAnswer(said + ".", [Say.Fact("pipeline.without.next-step", "Leads · next step", said, "/leads?nextStep=none", said)], [], []);
        }

        var total = await leads.CountAsync(ct);
        var empty = await (field switch
        {
            "owner" => leads.Where(l => l.Owner == null),
            "account" => leads.Where(l => l.AccountId == null),
            "source" => leads.Where(l => l.Source == null),
            _ => leads.Where(l => l.EstimatedValue == null),
        }).CountAsync(ct);
        var claim = $"{Say.N(empty)} of {Say.Plural(total, "lead", "leads")} {(empty == 1 ? "has" : "have")} no {field} recorded";
        return new TopicAnswer(claim + ".", [Say.Fact($"pipeline.without.{field.Replace(' ', '-')}", "Leads", claim, "/leads", claim)], [], []);
    }

    /// <summary>"How long do deals stay in Qualified?", "How many days do leads sit in New?": time in a stage, not its count.</summary>
    private static bool AsksTimeInStage(QuestionAnalysis question) =>
        question.Mentions("stay", "stays", "stayed", "sit", "sits", "sitting", "remain", "remains")
        || question.Tokens.Zip(question.Tokens.Skip(1)).Any(p => p is ("how", "long") || (p is ("how", "many") && question.Mentions("days", "weeks")));

    /// <summary>
    /// "How long do deals stay in Qualified?" got the stage's count and "stay" under Missing: the constraint card's time
    /// in stage (the leads that left it in its period, against the period before), with how many are in it now and how
    /// many of those longer than the stuck threshold. The metrics page charts it.
    /// </summary>
    private async Task<TopicAnswer> TimeInStageAsync(QuestionAnalysis question, List<LeadStatus> asked, CancellationToken ct)
    {
        var (report, days) = await ConstraintAsync(question, ct);
        var s = report.Snapshot;
        var facts = new List<UsedFact>();
        foreach (var stage in asked)
        {
            var row = s.Stages.FirstOrDefault(x => x.Stage == stage);
            var window = $"the {Say.Plural(s.PeriodDays, "day", "days")} to {ChatDates.Day(report.Clock.At)}";
            var stayed = row?.AvgDaysThisPeriod is { } avg
                ? $"leads that left {stage} in {window} had stayed in it {Say.N(Math.Round(avg, 1))} days on average" +
                  (row.AvgDaysPreviousPeriod is { } before ? $" ({Say.N(Math.Round(before, 1))} days in the {Say.Plural(s.PeriodDays, "day", "days")} before)" : "")
                : $"no lead left {stage} in {window}, so there is no time in stage for it";
            var claim = $"{Say.Capital(stayed)}; {Say.Plural(row?.InStage ?? 0, "lead is", "leads are")} in it now, {Say.N(row?.Stuck ?? 0)} of them longer than {Say.Plural(days, "day", "days")}";
            facts.Add(Say.Fact($"pipeline.time-in-stage.{stage}.{report.Clock.At:yyyyMMdd}".ToLowerInvariant(), $"Constraint · time in {stage}", claim, "/metrics", claim));
        }

        return StageAnswer(report, facts, []);
    }

    /// <summary>The constraint analysis at the asker's clock (the card's), and the stuck threshold it was read with.</summary>
    private async Task<(Constraint.ConstraintReport Report, int StuckDays)> ConstraintAsync(QuestionAnalysis question, CancellationToken ct) =>
        (question.Reference is { } at ? await constraint.GetAsync(at, ct: ct) : await constraint.GetAsync(ct: ct),
         (await settings.GetThresholdsAsync(ct)).StuckInStageDays);

    /// <summary>One fact per stage asked, and the note that the analysis is anchored to the data's last activity, if it is.</summary>
    private static TopicAnswer StageAnswer(Constraint.ConstraintReport report, List<UsedFact> facts, List<string> inferred) =>
        new(string.Join(" ", facts.Select(f => f.Claim + ".")), facts, inferred, report.AnchorNote is { } note ? [note] : []);

    /// <summary>
    /// "How many deals are stuck in Qualified?" got the stage's count: the deals in it longer than the stuck threshold
    /// at the asker's clock, by the constraint card's rule (<see cref="Domain.Constraint.ConstraintAnalyzer.IsStuck"/>),
    /// the longest named. The metrics page lists all of them.
    /// </summary>
    private async Task<TopicAnswer> StuckAsync(QuestionAnalysis question, List<LeadStatus> asked, CancellationToken ct)
    {
        var (report, days) = await ConstraintAsync(question, ct);
        var facts = new List<UsedFact>();
        foreach (var stage in asked)
        {
            var inStage = report.Snapshot.Stages.FirstOrDefault(s => s.Stage == stage)?.InStage ?? 0;
            var stuck = await constraint.GetStuckLeadsAsync(report.Clock, null, stage, OperatorConsole.Domain.Common.PageRequest.From(1, 3), ct);
            var claim = $"{Say.N(stuck.Total)} of the {Say.Plural(inStage, "lead", "leads")} in {stage} {(stuck.Total == 1 ? "is" : "are")} stuck: in the stage more than " +
                        $"{Say.Plural(days, "day", "days")} on {ChatDates.Day(report.Clock.At)}" +
                        (stuck.Items.Count == 0 ? "" : "; longest first: " + string.Join(", ", stuck.Items.Select(l => $"\"{l.Title}\" {Say.N(Math.Floor(l.DaysInStage))} days")));
            facts.Add(Say.Fact($"pipeline.stuck.{stage}.{report.Clock.At:yyyyMMdd}".ToLowerInvariant(), $"Constraint · stuck in {stage}", claim, "/metrics#stuck-leads", claim));
        }

        return StageAnswer(report, facts, [$"Stuck means longer in the stage than the threshold in Settings (stuck in a stage after {Say.Plural(days, "day", "days")})."]);
    }

    /// <summary>
    /// "Which qualified deals are worth the most?", "What was the biggest deal we lost?": the stage's deals by estimated
    /// value, five named. It answered with the stage's count and total only.
    /// </summary>
    private static async Task<TopicAnswer> LargestInStageAsync(ConsoleDbContext db, LeadStatus stage, StageRow? row, CancellationToken ct)
    {
        var top = await db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived && l.Status == stage && l.EstimatedValue != null)
            .OrderByDescending(l => (double?)l.EstimatedValue).ThenBy(l => l.Id).Take(5).Select(l => new { l.Title, l.EstimatedValue }).ToListAsync(ct);
        var count = row?.Count ?? 0;
        var claim = $"{Say.Plural(count, "lead is", "leads are")} in {stage}, worth {Say.Money(row?.Value ?? 0)} estimated" +
                    (top.Count == 0 ? "; none has an estimate" : "; largest estimate first: " + string.Join(", ", top.Select(l => $"\"{l.Title}\" {Say.Money(l.EstimatedValue ?? 0)}")) + (count > top.Count ? " and others" : ""));
        var name = stage.ToString().ToLowerInvariant();
        // A lost deal records no value won: its size is the estimate it was pursued at (an import's list price).
        List<string> inferred = stage == LeadStatus.Lost ? ["A lost deal records no value won, so lost deals are sized by their estimated value."] : [];
        return new TopicAnswer(claim + ".", [Say.Fact($"pipeline.stage.{name}.largest", $"Leads · {stage}", claim, $"/leads?status={name}&sort=-estimatedValue", claim)], inferred, []);
    }

    /// <summary>
    /// "Which deals are worth more than 10,000 USD?": the deals whose estimate is in the range (the Leads list's own
    /// value filter, so the count is the count its link shows), by stage, the largest named. Only the stages asked, or
    /// the open ones when it says "open". It answered with this month's money.
    /// </summary>
    private async Task<TopicAnswer> InRangeAsync(ConsoleDbContext db, QuestionAnalysis question, List<LeadStatus> asked, ValueRange range, CancellationToken ct)
    {
        var stages = asked.Count > 0 ? asked : question.Mentions("open") ? [.. ScorecardCalculator.OpenStages] : Enum.GetValues<LeadStatus>().ToList();
        var all = db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived && stages.Contains(l.Status));
        var inRange = LeadService.Filter(all, db.Set<Proposal>(), new LeadListQuery(MinValue: range.Min, MaxValue: range.Max), time.GetUtcNow().UtcDateTime);
        var rows = await inRange.GroupBy(l => l.Status).Select(g => new StageRow(g.Key, g.Count(), g.Sum(l => l.EstimatedValue) ?? 0)).ToListAsync(ct);
        var top = await LeadService.Sort(inRange, db.Set<Proposal>(), "-estimatedValue").Take(5).Select(l => new { l.Title, l.EstimatedValue, l.Status }).ToListAsync(ct);
        var which = stages.Count == 1 ? $"{stages[0]} " : question.Mentions("open") ? "open " : "";
        var claim = InRangeClaim(which, range, stages, rows, top.Select(l => $"\"{l.Title}\" {Say.Money(l.EstimatedValue ?? 0)} ({l.Status})").ToList());
        var filter = stages.Count == 1 ? StageFilter.For(stages[0]) : asked.Count == 0 && question.Mentions("open") ? StageFilter.Open : null;
        var link = "/leads?" + range.Query() + (filter is null ? "" : $"&status={filter.Name}") + "&sort=-estimatedValue";
        var scope = stages.Count == Enum.GetValues<LeadStatus>().Length ? "all" : string.Join('-', stages).ToLowerInvariant();
        var fact = Say.Fact($"pipeline.value.{range.Min}-{range.Max}.{scope}", "Leads by value", claim, link, claim);
        var unvalued = await all.CountAsync(l => l.EstimatedValue == null, ct);
        var missing = new List<string>();
        if (unvalued > 0)
        {
            missing.Add($"{Say.Plural(unvalued, "deal has", "deals have")} no estimated value, so {(unvalued == 1 ? "it is" : "they are")} in no range and not counted.");
        }

        if (question.Period is { } period)
        {
            missing.Add($"Deals by value {period.WhenShort()}: the value filter covers deals of every date, so the period is not applied.");
        }

        return new TopicAnswer(claim + ".", [fact], [], missing);
    }

    /// <summary>"40 deals have an estimated value of 10,000 USD or more, 1,070,720 USD together (15 Qualified, …); largest first: …".</summary>
    private static string InRangeClaim(string which, ValueRange range, List<LeadStatus> stages, List<StageRow> rows, List<string> largest)
    {
        var count = rows.Sum(r => r.Count);
        var byStage = stages.Select(s => (Stage: s, Count: rows.FirstOrDefault(r => r.Stage == s)?.Count ?? 0)).Where(x => x.Count > 0).Select(x => $"{Say.N(x.Count)} {x.Stage}");
        return $"{Say.Plural(count, which + "deal has", which + "deals have")} an estimated value of {range.Describe()}"
               + (count == 0 ? "" : $", {Say.Money(rows.Sum(r => r.Value))} together")
               + (rows.Count > 1 ? $" ({string.Join(", ", byStage)})" : "")
               + (largest.Count == 0 ? "" : "; largest first: " + string.Join(", ", largest) + (count > largest.Count ? " and others" : ""));
    }

    /// <summary>What only the stage history answers (ADR 222): why deals are lost, the oldest, what came in or moved in a period.</summary>
    private static async Task<TopicAnswer?> FromHistoryAsync(ConsoleDbContext db, QuestionAnalysis question, List<LeadStatus> asked, CancellationToken ct)
    {
        if (asked.Contains(LeadStatus.Lost) && question.Mentions("why", "reason", "reasons", "because"))
        {
            return await StageHistoryFacts.LossReasonsAsync(db, question.Period, ct);
        }

        if (question.Mentions("oldest", "longest") && asked.Count == 0 && question.Reference is { } reference)
        {
            return await StageHistoryFacts.OldestOpenAsync(db, reference.At, ct);
        }

        if (question.Period is not { } period)
        {
            return null;
        }

        // "New leads" in a period are the leads that came in then, and "created" asks the same.
        if (asked is [LeadStatus.New] || (asked.Count == 0 && question.Mentions("created", "came", "arrived", "added")))
        {
            return await StageHistoryFacts.CreatedAsync(db, period, ct);
        }

        if (asked.Count == 0)
        {
            return null;
        }

        var entered = await StageHistoryFacts.EnteredAsync(db, asked, period, ct);
        return new TopicAnswer(string.Join(" ", entered.Select(f => f.Claim + ".")), entered, [], []);
    }

    /// <summary>The named stages as they stand.</summary>
    private static TopicAnswer Stages(List<LeadStatus> asked, Dictionary<LeadStatus, StageRow?> byStage)
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

    /// <summary>Every stage, and what the open pipeline is worth when the question asks its value.</summary>
    private static TopicAnswer Pipeline(QuestionAnalysis question, List<StageRow> rows, Dictionary<LeadStatus, StageRow?> byStage, bool asksWorth = false)
    {
        var total = rows.Sum(r => r.Count);
        var open = rows.Where(r => ScorecardCalculator.OpenStages.Contains(r.Stage)).Sum(r => r.Count);
        // What the open pipeline is worth: the Command Center's "Open pipeline", the estimates of the open deals.
        var openValue = rows.Where(r => ScorecardCalculator.OpenStages.Contains(r.Stage)).Sum(r => r.Value);
        var worth = $"{Say.Plural(open, "open deal", "open deals")} worth {Say.Money(openValue)} estimated (" +
                    string.Join(", ", ScorecardCalculator.OpenStages.Select(s => $"{s} {Say.Money(byStage[s]?.Value ?? 0)}")) + ")";
        var counts = $"{Say.Plural(total, "lead", "leads")}: " + string.Join(", ", Enum.GetValues<LeadStatus>().Select(s => $"{Say.N(byStage[s]?.Count ?? 0)} {s}"));
        var text = counts + "; " + worth;
        var claim = asksWorth || question.Mentions("worth", "value", "much", "estimated") ? worth : counts + $" ({Say.N(open)} open in New, Qualified or Proposal)";
        var inferred = new List<string>();
        var biggest = rows.Where(r => r.Stage != LeadStatus.Lost).OrderByDescending(r => r.Count).FirstOrDefault();
        // Which stage holds the most leads says nothing about what the open pipeline is worth.
        if (biggest is not null && total > 0 && claim != worth)
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
        var when = period is null ? "" : " " + period.When();
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

        // An import writes a closed deal's outcome as a proposal with no send date: "0 sent" is true of the console, not
        // of the CRM. The console records an outcome only on a sent proposal, so an outcome without a send is an import's
        // (its reason may be the file's lost reason, so the reason does not tell).
        var unsent = all.Count(p => p.SentAt == null && p.Outcome != null && In(p.OutcomeAt));
        if (unsent > 0 && question.Mentions("send", "sent"))
        {
            missing.Add($"When {Say.Plural(unsent, "proposal", "proposals")} read from an imported file{when} were sent: the file gives only the deal's outcome, so they are not counted as sent.");
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
        if (question.PeriodRanking is { } ranking)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await BestPeriods.AnswerAsync(db, ranking, question.Period, ct);
        }

        var report = question.Reference is { } at ? await scorecard.GetAsync(at, ct) : await scorecard.GetAsync(ct);
        if (AsksWonDeals(question) || AsksLargestDeal(question))
        {
            // "The biggest deal we won" with no period is the biggest ever; "which deals did we win" is this month's.
            var asked = question.Period ?? (question.Words.Any(ChatRanking.Highest.Contains) || AsksLargestDeal(question) ? AllTime(report) : DefaultPeriod(question, report));
            var closed = await DealsAsync(asked, ct);
            return WonDeals(asked, closed, await WhoseAsync(question, closed, ct));
        }

        var period = question.Period ?? DefaultPeriod(question, report);
        var deals = await DealsAsync(period, ct);
        var now = Figures.Of(deals);
        var opening = period.WhenOpening();
        var text = $"{opening}: won {Say.Money(now.WonValue)} from {Say.Plural(now.Won, "deal", "deals")}; lost {Say.Plural(now.Lost, "deal", "deals")} of {Say.N(now.Decided)} decided; win rate {(now.Rate is { } r ? Say.N(r) + " %" : "no data")}; loss rate {(now.LossRate is { } l ? Say.N(l) + " %" : "no data")}; " +
                   $"average deal {(now.Average is { } a ? Say.Money(a) : "no data")}; median deal {(now.Median is { } m ? Say.Money(m) : "no data")}; average cycle {(now.Cycle is { } c ? Say.N(c) + " days" : "no data")}";
        var parts = new List<string>();
        if (question.Mentions(ChatRanking.RateWords) && MentionsLoss(question)) parts.Add(now.LossRate is { } loss ? $"loss rate {Say.N(loss)} % ({Say.N(now.Lost)} lost of {Say.N(now.Decided)} decided)" : "no deals were decided, so there is no loss rate");
        else if (question.Mentions(ChatRanking.RateWords)) parts.Add(now.Rate is { } rate ? $"win rate {Say.N(rate)} % ({Say.N(now.Won)} won of {Say.N(now.Decided)} decided)" : "no deals were decided, so there is no win rate");
        // "The median deal size" was told the average: the middle won deal is its own figure.
        if (AsksMedian(question)) parts.Add(now.Median is { } median ? $"median deal {Say.Money(median)} (the middle of {Say.Plural(now.Won, "won deal", "won deals")})" : "no deals were won, so there is no median deal");
        else if (question.Mentions("average", "avg", "size") && !AsksCycle(question)) parts.Add(now.Average is { } avg ? $"average deal {Say.Money(avg)}" : "no deals were won, so there is no average deal");
        if (AsksCycle(question)) parts.Add(now.Cycle is { } cycle ? $"average cycle {Say.N(cycle)} days from lead created to won" : "no deals were won, so there is no cycle time");
        if (AsksLosses(question)) parts.Add($"lost {Say.Plural(now.Lost, "deal", "deals")} of {Say.N(now.Decided)} decided");
        if (parts.Count == 0) parts.Add($"won {Say.Money(now.WonValue)} from {Say.Plural(now.Won, "deal", "deals")}");
        var claim = $"{opening}: " + string.Join("; ", parts);
        List<string> missing = deals.Count == 0 ? [$"No deal was decided {period.When()}."] : [];
        if (StageNamed(question) is { } stage)
        {
            missing.Add($"The stage \"{stage}\" is not applied: these figures count every deal decided {period.When()}, whatever stages it "
                + "passed; the console does not compute conversion from one stage to another.");
        }

        // The period the question names to compare with ("in November or December"), else the one before.
        var previous = question.ComparedWith ?? period.Previous();
        var before = Figures.Of(await DealsAsync(previous, ct));
        var fact = Say.Fact($"money.{period.From:yyyyMMdd}-{period.To:yyyyMMdd}", "Money scorecard", text, "/", claim);
        if (Compare(question, now, before, previous) is not { } comparison)
        {
            if (question.ComparedWith is null)
            {
                return new TopicAnswer(claim + ".", [fact], [], missing);
            }

            // "Our win rate this year vs last year?" with nothing decided last year: the comparison asked was dropped with
            // nothing said. What that period holds is the answer to it.
            var held = $"{previous.WhenOpening()}: {before.Describe()}";
            missing.Add($"There is nothing to compare with {previous.When()}: the figure asked has no value there ({before.Describe()}).");
            return new TopicAnswer($"{claim}. {held}.", [fact, Say.Fact($"money.{previous.From:yyyyMMdd}-{previous.To:yyyyMMdd}", "Money scorecard (period compared)", held, "/", held)], [], missing);
        }

        // A period the question named may come after the one answered ("Compare Q1 and Q2"): it is the period compared.
        var factBefore = Say.Fact($"money.{previous.From:yyyyMMdd}-{previous.To:yyyyMMdd}", question.ComparedWith is null ? "Money scorecard (period before)" : "Money scorecard (period compared)",
            $"{previous.WhenOpening()}: {before.Describe()}", "/", comparison.Claim);
        return new TopicAnswer(claim + ".", [fact, factBefore], [comparison.Inferred], missing);
    }

    /// <summary>
    /// "Which deals did we win this week?", "What is the biggest deal we won?": the won deals themselves. Both were
    /// answered with the period's total, as if the question had asked how much.
    /// </summary>
    public static bool AsksWonDeals(QuestionAnalysis question) =>
        question.Mentions("deal", "deals") && question.Mentions("won", "win", "closed", "sold") && !AsksLosses(question)
        && (question.Words.Contains("which") || question.Words.Any(ChatRanking.Highest.Contains))
        && !question.Mentions([.. ChatRanking.RateWords, "average", "avg", "size", "cycle", "long", "many"]);

    private static IEnumerable<ClosedDeal> Largest(IReadOnlyList<ClosedDeal> deals) =>
        deals.Where(d => d.Outcome == ProposalOutcome.Won).OrderByDescending(d => d.Value ?? 0).ThenByDescending(d => d.OutcomeAt);

    /// <summary>The account or owner of the five largest won deals, when the question asks which account or owner (or who).</summary>
    private async Task<IReadOnlyDictionary<int, string>?> WhoseAsync(QuestionAnalysis question, IReadOnlyList<ClosedDeal> deals, CancellationToken ct)
    {
        var by = ChatRanking.Dimension(question.Tokens);
        if (by is not (RankBy.Account or RankBy.Owner))
        {
            return null;
        }

        var ids = Largest(deals).Take(5).Select(d => d.LeadId).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var leads = await db.Set<Lead>().AsNoTracking().Where(l => ids.Contains(l.Id)).Select(l => new { l.Id, l.Company, l.Owner }).ToListAsync(ct);
        return leads.Select(l => (l.Id, Name: by == RankBy.Account ? l.Company : l.Owner)).Where(l => l.Name is not null).ToDictionary(l => l.Id, l => l.Name!);
    }

    /// <summary>
    /// "What was our largest deal in 2017?", "Which account had the biggest deal?", "What was our biggest win?": single
    /// deals by size, the won ones largest first. The first got every stage's count, the second the accounts ranked by
    /// their number of deals, the third this month's total. A lost deal is not meant ("the biggest deal we lost" is the
    /// stage history's), nor a total ("the biggest sales" of an agent is a ranking).
    /// </summary>
    public static bool AsksLargestDeal(QuestionAnalysis question)
    {
        var words = question.Tokens;
        return !AsksLosses(question) && !question.Mentions(ChatRanking.RateWords)
            && words.Zip(words.Skip(1)).Any(p => p.First is "biggest" or "largest" or "single" && p.Second is "deal" or "deals" or "sale" or "win" or "wins");
    }

    private static ChatPeriod AllTime(MoneyScorecardReport report) => new(DateTime.MinValue, report.Clock.At.AddTicks(1), "all time");

    /// <summary>The period's won deals, largest first, five named (the stand-up's "Won, week" card lists them the same way).</summary>
    /// <param name="whose">The account or owner of each deal named, when the question asks which one ("Which account had
    /// the biggest deal?"); the deals alone answered it, and the reader had to guess from the titles.</param>
    private static TopicAnswer WonDeals(ChatPeriod period, IReadOnlyList<ClosedDeal> deals, IReadOnlyDictionary<int, string>? whose = null)
    {
        var won = Largest(deals).ToList();
        var head = period.From == DateTime.MinValue ? $"Every deal won to {ChatDates.Day(period.To.AddTicks(-1))}" : period.WhenOpening();
        string Whose(ClosedDeal d) => whose is null ? "" : whose.TryGetValue(d.LeadId, out var name) ? $", {name}" : ", none recorded";
        var claim = won.Count == 0
            ? $"{head}: no deal was won"
            : $"{head}: won {Say.Money(won.Sum(d => d.Value ?? 0))} from {Say.Plural(won.Count, "deal", "deals")}; largest first: " +
              string.Join(", ", won.Take(5).Select(d => $"\"{d.LeadTitle}\" {Say.Money(d.Value ?? 0)} ({ChatDates.Day(d.OutcomeAt)}{Whose(d)})")) +
              (won.Count > 5 ? " and others" : "");
        var allTime = period.From == DateTime.MinValue;
        var key = allTime ? "all" : $"{period.From:yyyyMMdd}-{period.To:yyyyMMdd}";
        // Every won deal, largest first, is the Leads list sorted by won value (ADR 238); a period's has no list of its own.
        var link = allTime ? "/leads?status=won&sort=-wonValue" : "/leads?status=won";
        return new TopicAnswer(claim + ".", [Say.Fact($"money.deals.{key}", "Money scorecard · won deals", claim, link, claim)], [], []);
    }

    /// <summary>
    /// An open stage the question names, which the money figures cannot narrow to: "What is the conversion rate from
    /// Qualified to won?" was told the period's win rate with nothing said about Qualified.
    /// </summary>
    private static string? StageNamed(QuestionAnalysis question) =>
        question.Tokens.Contains("qualified") ? "Qualified"
        : question.Tokens.Zip(question.Tokens.Skip(1)).Any(p => (p.First, p.Second) is ("from", "proposal") or ("proposal", "stage")) ? "Proposal"
        : null;

    /// <summary>
    /// "What did we lose in December?" asks what was lost, not what was won: it is like "what did we win" in meaning,
    /// and the answer led with December's wins.
    /// </summary>
    private static bool AsksLosses(QuestionAnalysis question) =>
        MentionsLoss(question) && !question.Mentions([.. ChatRanking.RateWords, "win", "won", "wins", "winning", "revenue"]);

    public static bool MentionsLoss(QuestionAnalysis question) => question.Mentions("lose", "lost", "losing", "loss", "losses");

    /// <summary>One period's figures, as the scorecard computes them.</summary>
    private sealed record Figures(decimal WonValue, int Won, int Decided, decimal? Rate, decimal? Average, decimal? Cycle, decimal? Median)
    {
        public int Lost => Decided - Won;

        /// <summary>Lost of decided, to one decimal as the win rate: "What was our loss rate?" was told the win rate.</summary>
        public decimal? LossRate => Decided == 0 ? null : Math.Round(100m * Lost / Decided, 1);

        public static Figures Of(IReadOnlyList<ClosedDeal> deals)
        {
            var won = deals.Where(d => d.Outcome == ProposalOutcome.Won).ToList();
            return new(won.Sum(d => d.Value ?? 0), won.Count, deals.Count, ScorecardCalculator.WinRate(deals),
                ScorecardCalculator.AverageDealSize(won), ScorecardCalculator.AverageCycleDays(won), ScorecardCalculator.MedianDealSize(won));
        }

        public string Describe() =>
            $"won {Say.Money(WonValue)} from {Say.Plural(Won, "deal", "deals")}; lost {Say.Plural(Lost, "deal", "deals")} of {Say.N(Decided)} decided" +
            (Rate is { } r ? $"; win rate {Say.N(r)} %" : "") + (LossRate is { } l ? $"; loss rate {Say.N(l)} %" : "") + (Average is { } a ? $"; average deal {Say.Money(a)}" : "") +
            (Cycle is { } c ? $"; average cycle {Say.N(c)} days" : "");
    }

    /// <summary>
    /// The figure asked about, against the period before: a win rate with the rate before, a cycle with the cycle, an
    /// average deal with the average; anything else with the money won. It compared every figure with the money won
    /// ("win rate 61.4 % … That is less than the 2,982,255 USD won in the quarter before").
    /// </summary>
    private static (string Claim, string Inferred)? Compare(QuestionAnalysis question, Figures now, Figures before, ChatPeriod previous)
    {
        var when = previous.Describe();
        static string Direction(decimal a, decimal b, string more, string less) => a > b ? $"{more} than" : a < b ? $"{less} than" : "the same as";
        if (question.Mentions(ChatRanking.RateWords) && MentionsLoss(question))
        {
            return now.LossRate is { } loss && before.LossRate is { } was
                ? ($"loss rate {Say.N(was)} % in {when}", $"That is {Direction(loss, was, "higher", "lower")} the {Say.N(was)} % ({Say.N(before.Lost)} lost of {Say.N(before.Decided)} decided) in {when}.")
                : null;
        }

        if (question.Mentions(ChatRanking.RateWords))
        {
            return now.Rate is { } rate && before.Rate is { } was
                ? ($"win rate {Say.N(was)} % in {when}", $"That is {Direction(rate, was, "higher", "lower")} the {Say.N(was)} % ({Say.N(before.Won)} won of {Say.N(before.Decided)} decided) in {when}.")
                : null;
        }

        if (AsksCycle(question))
        {
            return now.Cycle is { } cycle && before.Cycle is { } was
                ? ($"average cycle {Say.N(was)} days in {when}", $"That is {Direction(cycle, was, "longer", "shorter")} the {Say.N(was)} days in {when}.")
                : null;
        }

        if (AsksMedian(question))
        {
            return now.Median is { } median && before.Median is { } was
                ? ($"median deal {Say.Money(was)} in {when}", $"That is {Direction(median, was, "larger", "smaller")} the {Say.Money(was)} median deal in {when}.")
                : null;
        }

        if (question.Mentions("average", "avg", "size"))
        {
            return now.Average is { } avg && before.Average is { } was
                ? ($"average deal {Say.Money(was)} in {when}", $"That is {Direction(avg, was, "larger", "smaller")} the {Say.Money(was)} average deal in {when}.")
                : null;
        }

        if (AsksLosses(question))
        {
            return ($"lost {Say.Plural(before.Lost, "deal", "deals")} in {when}",
                $"That is {Direction(now.Lost, before.Lost, "more", "fewer")} the {Say.N(before.Lost)} lost in {when}.");
        }

        if (now.WonValue == 0 && before.WonValue == 0)
        {
            return null;
        }

        // How much and by what share, not only which way: "192,630 USD (+20.5 %) more than the 938,943 USD won".
        var direction = now.WonValue > before.WonValue ? "more than" : now.WonValue < before.WonValue ? "less than" : "the same as";
        var by = now.WonValue == before.WonValue ? "" : $"{Say.Money(Math.Abs(now.WonValue - before.WonValue))}{Say.Change(now.WonValue, before.WonValue)} ";
        return ($"won {Say.Money(before.WonValue)} in {when}", $"That is {by}{direction} the {Say.Money(before.WonValue)} won in {when}.");
    }

    public static bool AsksMedian(QuestionAnalysis question) => question.Mentions("median", "typical") && !AsksCycle(question);

    /// <summary>
    /// The cycle time: "cycle", "how long", and the time or days it takes to close or win ("What is the average time to
    /// close a deal?" was answered with the average deal's size).
    /// </summary>
    public static bool AsksCycle(QuestionAnalysis question) =>
        question.Mentions("cycle", "long")
        || (question.Mentions("time", "days", "duration", "takes", "take") && question.Mentions("close", "closing", "win", "won", "sign"));

    /// <summary>Rates default to the scorecard's rolling period, won value to this month (the card's figures).</summary>
    private static ChatPeriod DefaultPeriod(QuestionAnalysis question, MoneyScorecardReport report)
    {
        // The scorecard's own reference time: for historic data "this month" is the data's last month, as on the card.
        var now = report.Clock.At;
        if (question.Mentions([.. ChatRanking.RateWords, "average", "avg", "size", "median"]) || AsksCycle(question))
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
