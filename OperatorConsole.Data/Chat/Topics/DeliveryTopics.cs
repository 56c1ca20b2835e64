using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Accounts;
using OperatorConsole.Data.Approvals;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Results;
using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Results;
using OperatorConsole.Domain.Semantic;

namespace OperatorConsole.Data.Chat.Topics;

/// <summary>The approval queue: how many wait, of which kind, and the oldest.</summary>
public sealed class ApprovalsTopic(ApprovalService approvals, TimeProvider time) : IChatTopicSource
{
    public ChatTopic Topic => ChatTopic.Approvals;

    public async Task<TopicAnswer> AnswerAsync(QuestionAnalysis question, CancellationToken ct)
    {
        var pending = (await approvals.ListAsync(new ApprovalListQuery(ApprovalState.Pending, PageSize: 200), ct)).Items;
        var now = time.GetUtcNow().UtcDateTime;
        var oldest = pending.OrderBy(a => a.RequestedAt).FirstOrDefault();
        var bySubject = pending.GroupBy(a => a.Subject).Select(g => $"{Say.N(g.Count())} {g.Key}").ToList();
        var text = $"{Say.N(pending.Count)} approvals are waiting" + (pending.Count == 0 ? "" : $" ({string.Join(", ", bySubject)}): " +
            string.Join("; ", pending.OrderBy(a => a.RequestedAt).Select(a => $"\"{a.Title}\" for {Say.N((now - a.RequestedAt).TotalDays)} d")));
        var claim = pending.Count == 0 ? "0 approvals are waiting" : $"{Say.N(pending.Count)} approvals are waiting ({string.Join(", ", bySubject)})";
        if (oldest is not null)
        {
            claim += $"; the oldest is \"{oldest.Title}\" for {Say.N((now - oldest.RequestedAt).TotalDays)} d";
        }

        var inferred = new List<string>();
        if (pending.Count > 1)
        {
            var waitingLong = pending.Count(a => (now - a.RequestedAt).TotalDays >= 2);
            inferred.Add($"{Say.N(waitingLong)} of the {Say.N(pending.Count)} have waited 2 days or more.");
        }

        return new TopicAnswer(claim + ".", [Say.Fact("approvals.pending", "Approval queue", text, "/approvals", claim)], inferred, []);
    }
}

/// <summary>Build Ops: tasks by status (the queue is "Queued").</summary>
public sealed class BuildOpsTopic(IDbContextFactory<ConsoleDbContext> dbFactory) : IChatTopicSource
{
    public ChatTopic Topic => ChatTopic.BuildOps;

    public async Task<TopicAnswer> AnswerAsync(QuestionAnalysis question, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tasks = await db.Set<BuildTask>().AsNoTracking().Select(t => new { t.Title, t.Status, t.RiskLevel, t.StatusChangedAt }).ToListAsync(ct);
        var counts = Enum.GetValues<BuildTaskStatus>().ToDictionary(s => s, s => tasks.Count(t => t.Status == s));
        var text = $"{Say.N(tasks.Count)} build tasks: " + string.Join(", ", counts.Select(c => $"{Say.N(c.Value)} {c.Key}")) +
                   (counts[BuildTaskStatus.Queued] == 0 ? "" : "; queued: " + string.Join("; ", tasks.Where(t => t.Status == BuildTaskStatus.Queued).OrderBy(t => t.StatusChangedAt).Select(t => $"\"{t.Title}\"")));
        var asked = Enum.GetValues<BuildTaskStatus>().Where(s => question.Mentions(s switch
        {
            BuildTaskStatus.InProgress => "progress",
            BuildTaskStatus.Queued => "queue",
            _ => s.ToString().ToLowerInvariant(),
        })).ToList();
        // "0 build tasks: ." said nothing twice: an empty queue is one short sentence.
        var claim = asked.Count == 0
            ? tasks.Count == 0 ? "The build queue is empty (0 build tasks)" : $"{Say.N(tasks.Count)} build tasks: " + string.Join(", ", counts.Where(c => c.Value > 0).Select(c => $"{Say.N(c.Value)} {c.Key}"))
            : string.Join("; ", asked.Select(s => $"{Say.Plural(counts[s], "build task is", "build tasks are")} {Label(s)}"));
        var queued = tasks.Where(t => t.Status == BuildTaskStatus.Queued).OrderBy(t => t.StatusChangedAt).Select(t => t.Title).ToList();
        if (asked.Contains(BuildTaskStatus.Queued) && queued.Count > 0)
        {
            claim += ": " + Say.Names(queued);
        }

        var inferred = new List<string>();
        var high = tasks.Count(t => t.RiskLevel == RiskLevel.High && t.Status is not (BuildTaskStatus.Done or BuildTaskStatus.Rejected));
        if (high > 0)
        {
            inferred.Add($"{high} of the unfinished tasks are high risk, so they will need a person's approval before they ship.");
        }

        return new TopicAnswer(claim + ".", [Say.Fact("buildops.status", "Build Ops", text, "/build-ops", claim)], inferred, []);
    }

    private static string Label(BuildTaskStatus status) => status switch
    {
        BuildTaskStatus.Queued => "queued",
        BuildTaskStatus.InProgress => "in progress",
        BuildTaskStatus.Review => "in review",
        _ => status.ToString().ToLowerInvariant(),
    };
}

/// <summary>Agent jobs: results, risk levels and the ones waiting for a person's review.</summary>
public sealed class AgentJobsTopic(IDbContextFactory<ConsoleDbContext> dbFactory) : IChatTopicSource
{
    public ChatTopic Topic => ChatTopic.AgentJobs;

    public async Task<TopicAnswer> AnswerAsync(QuestionAnalysis question, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobs = await db.Set<AgentJob>().AsNoTracking().Select(j => new { j.TaskRequested, j.Result, j.RiskLevel, j.RequiresReview, j.HumanApproved, j.CreatedAt }).ToListAsync(ct);
        var period = question.Period;
        var scoped = jobs.Where(j => period is null || period.Contains(j.CreatedAt)).ToList();
        var when = period is null ? "" : " " + period.When();
        var failed = scoped.Count(j => j.Result == AgentJobResult.Failure);
        var partial = scoped.Count(j => j.Result == AgentJobResult.Partial);
        var high = scoped.Where(j => j.RiskLevel == RiskLevel.High).ToList();
        var awaiting = scoped.Where(j => j.RequiresReview && !j.HumanApproved).ToList();
        var text = $"{Say.N(scoped.Count)} agent jobs{when}: {Say.N(scoped.Count(j => j.Result == AgentJobResult.Success))} succeeded, {Say.N(failed)} failed, {Say.N(partial)} partial; " +
                   $"{Say.N(high.Count)} high risk, {Say.N(scoped.Count(j => j.RiskLevel == RiskLevel.Medium))} medium, {Say.N(scoped.Count(j => j.RiskLevel == RiskLevel.Low))} low; " +
                   $"{Say.N(awaiting.Count)} need a person's review" + (awaiting.Count == 0 ? "" : ": " + string.Join("; ", awaiting.Select(j => $"\"{j.TaskRequested}\"")));
        var parts = new List<string>();
        if (question.Mentions("fail", "failed", "partial")) parts.Add($"{Say.N(failed)} failed and {Say.N(partial)} partial of {Say.N(scoped.Count)} agent jobs{when}");
        if (question.Mentions("risk", "risky", "high")) parts.Add($"{Say.N(high.Count)} high-risk agent jobs{when}");
        if (question.Mentions("review", "approve", "approval", "need")) parts.Add($"{Say.N(awaiting.Count)} agent jobs need a person's review" + (awaiting.Count == 0 ? "" : ": " + Say.Names(awaiting.Select(j => j.TaskRequested))));
        var claim = parts.Count == 0 ? text : string.Join("; ", parts);
        var inferred = new List<string>();
        if (scoped.Count > 0)
        {
            inferred.Add($"{Say.Percent(failed + partial, scoped.Count)} % of agent jobs{when} did not fully succeed.");
        }

        return new TopicAnswer(claim + ".", [Say.Fact("agentjobs.summary", "Agent jobs", text, high.Count > 0 && question.Mentions("risk", "high") ? "/agent-jobs?riskLevel=high" : "/agent-jobs", claim)], inferred, []);
    }
}

/// <summary>
/// Results Ledger: clients off target, on track, awaiting measurement; one client's figures when named. "How many
/// clients (accounts, customers) do we have?" is the Clients page's own count of accounts, not the ledger's.
/// </summary>
public sealed class ResultsTopic(ClientSuccessService results, AccountService accounts, IDbContextFactory<ConsoleDbContext> dbFactory) : IChatTopicSource
{
    public ChatTopic Topic => ChatTopic.Results;

    /// <summary>
    /// "How many accounts have open deals?", "Number of clients": what the question counts is accounts (an account
    /// word right after "how many" or "number of"). "Which clients have open deals?" is a ranking (ChatRanking).
    /// </summary>
    public static bool CountsAccounts(QuestionAnalysis question)
    {
        var words = question.Tokens;
        for (var i = 0; i + 2 < words.Count; i++)
        {
            if ((words[i], words[i + 1]) is ("how", "many") or ("number", "of") && ChatRanking.IsAccountWord(words[i + 2]))
            {
                return true;
            }
        }

        return false;
    }

    public async Task<TopicAnswer> AnswerAsync(QuestionAnalysis question, CancellationToken ct)
    {
        if (AccountTouchFacts.Asks(question))
        {
            return await AccountTouchFacts.AnswerAsync(accounts, question, ct);
        }

        if (AccountGroupFacts.Asks(question))
        {
            return await AccountGroupFacts.AnswerAsync(dbFactory, question, ct);
        }

        if (CountsAccounts(question) && question.Words.Contains("open"))
        {
            return await WithOpenDealsAsync(ct);
        }

        if (question.Mentions("many", "number", "count") && !question.Mentions("off", "track", "target", "targets", "result", "results", "measured", "metric"))
        {
            return question.Period is { } period && question.Words.Any(ChatRanking.IsWonWord)
                ? await BoughtInAsync(period, ct)
                : await AccountsAsync(question, ct);
        }

        // Every client, not a page of them: on 4,238 imported clients the first page said "0 of 200 clients".
        var clients = await results.FilteredClientsAsync(new ClientListQuery(), ct);
        var off = clients.Where(c => c.Track == ResultTrack.OffTrack).ToList();
        var onTrack = clients.Where(c => c.Track is ResultTrack.OnTrack or ResultTrack.TargetMet).ToList();
        var unmeasured = clients.Where(c => c.Track is ResultTrack.AwaitingMeasurement or ResultTrack.AwaitingBaseline or ResultTrack.NoTarget).ToList();
        var text = $"{Say.N(clients.Count)} clients: {Say.N(off.Count)} off target, {Say.N(onTrack.Count)} on track or target met, {Say.N(unmeasured.Count)} without a measurement or target" +
                   (off.Count == 0 ? "" : "; off target: " + Listed(off.Select(c => c.Title)));
        string claim;
        if (question.Mentions("on", "track", "met") && !question.Mentions("off"))
        {
            claim = $"{Say.N(onTrack.Count)} of {Say.N(clients.Count)} clients are on track or have met their target" + (onTrack.Count == 0 ? "" : ": " + Say.Names(onTrack.Select(c => c.Title)));
            text += "; on track or met: " + Listed(onTrack.Select(c => c.Title));
        }
        else
        {
            claim = $"{Say.N(off.Count)} of {Say.N(clients.Count)} clients are off target" + (off.Count == 0 ? "" : ": " + Say.Names(off.Select(c => c.Title)));
        }

        var inferred = new List<string>();
        if (unmeasured.Count > 0)
        {
            inferred.Add($"{Say.N(unmeasured.Count)} of {Say.N(clients.Count)} clients cannot be judged yet: they have no target or no measurement.");
            var imported = unmeasured.Count(c => c.Track == ResultTrack.NoTarget && c.StatusImported);
            if (imported > 0)
            {
                // ADR 221: a CRM's past sale is not asked for a target, so "set targets" is not the advice for those.
                inferred.Add(imported == 1
                    ? "1 of them is an imported win (a past sale read from a file), which is not asked for a result target."
                    : $"{Say.N(imported)} of them are imported wins (past sales read from a file), which are not asked for a result target.");
            }
        }

        return new TopicAnswer(claim + ".", [Say.Fact("results.clients", "Results Ledger", text, "/clients", claim)], inferred, []);
    }

    /// <summary>
    /// The count above the Clients page. It said "0 of 4,238 clients are off target" to "How many clients do we have?",
    /// and "does not answer" to "How many accounts do we have?".
    /// </summary>
    private async Task<TopicAnswer> AccountsAsync(QuestionAnalysis question, CancellationToken ct)
    {
        var s = await accounts.SummaryAsync(ct);
        var claim = $"{Say.Plural(s.Accounts, "account", "accounts")}, {Say.N(s.ClientAccounts)} with a won deal ({Say.Plural(s.WonDeals, "won deal", "won deals")} worth {Say.Money(s.WonValue)})";
        var text = claim + $"; {Say.Plural(s.Deals, "deal", "deals")} in all, {Say.N(s.DealsWithoutAccount)} without an account";
        List<string> missing = s.DealsWithoutAccount == 0 ? [] : [$"Which account {Say.Plural(s.DealsWithoutAccount, "deal belongs", "deals belong")} to: none is recorded, so they are in no account's count."];
        if (question.Period is { } period)
        {
            missing.Add($"Accounts {period.WhenShort()}: the count is of every account as it stands, so the period is not applied.");
        }

        return new TopicAnswer(claim + ".", [Say.Fact("accounts.summary", "Clients & accounts", text, "/clients", claim)], [], missing);
    }

    /// <summary>
    /// "How many accounts bought something in December?": the accounts with a deal won in the period (by the day it was
    /// won). It was answered with every account that ever bought, and the month was not said to be left out.
    /// </summary>
    private async Task<TopicAnswer> BoughtInAsync(ChatPeriod period, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var won = await db.Set<Domain.Proposals.Proposal>().AsNoTracking()
            .Where(p => p.Outcome == Domain.Proposals.ProposalOutcome.Won && p.OutcomeAt >= period.From && p.OutcomeAt < period.To)
            .Join(db.Set<Domain.Leads.Lead>().Where(l => !l.IsArchived), p => p.LeadId, l => l.Id, (p, l) => new { l.AccountId, p.OutcomeValue })
            .ToListAsync(ct);
        var all = await db.Set<Domain.Accounts.Account>().CountAsync(ct);
        var withAccount = won.Where(w => w.AccountId is not null).ToList();
        var buyers = withAccount.Select(w => w.AccountId).Distinct().Count();
        var claim = $"{period.WhenOpening()}: {Say.N(buyers)} of {Say.Plural(all, "account", "accounts")} had a won deal"
                    + (buyers == 0 ? "" : $" ({Say.Plural(withAccount.Count, "won deal", "won deals")} worth {Say.Money(withAccount.Sum(w => w.OutcomeValue ?? 0))})");
        var unassigned = won.Count - withAccount.Count;
        List<string> missing = unassigned == 0 ? [] : [$"Which account {Say.Plural(unassigned, "deal", "deals")} won {period.WhenShort()} belong to: none is recorded, so they are in no account's count."];
        return new TopicAnswer(claim + ".", [Say.Fact($"accounts.bought.{period.From:yyyyMMdd}-{period.To:yyyyMMdd}", "Clients & accounts · won deals", claim, "/clients", claim)], [], missing);
    }

    /// <summary>
    /// The accounts with deals in New, Qualified or Proposal, most first, as the Clients page's "Open" column counts them.
    /// "How many accounts have open deals?" was answered with every stage's count of deals.
    /// </summary>
    private async Task<TopicAnswer> WithOpenDealsAsync(CancellationToken ct)
    {
        var (rows, summary) = await accounts.AllWithSummaryAsync(ct);
        var open = rows.Where(r => r.OpenDeals > 0).OrderByDescending(r => r.OpenDeals).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var claim = $"{Say.N(open.Count)} of {Say.Plural(rows.Count, "account", "accounts")} {(open.Count == 1 ? "has" : "have")} open deals" +
                    (open.Count == 0 ? "" : $", {Say.Plural(open.Sum(r => r.OpenDeals), "open deal", "open deals")} between them; most first: " +
                        string.Join(", ", open.Take(5).Select(r => $"\"{r.Name}\" ({Say.N(r.OpenDeals)})")) + (open.Count > 5 ? " and others" : ""));
        // Open deals with no account are in no account's count (Maven: 1,425 of 2,089), and the answer says so.
        var unassigned = summary.OpenDeals - open.Sum(r => r.OpenDeals);
        List<string> missing = unassigned <= 0 ? [] : [$"Which account {Say.Plural(unassigned, "open deal belongs", "open deals belong")} to: none is recorded, so they are in no account's count."];
        return new TopicAnswer(claim + ".", [Say.Fact("accounts.open", "Clients & accounts · open deals", claim, "/clients?sort=-openDeals", claim)], [], missing);
    }

    /// <summary>The names the source holds: enough for any claim (which names five), not thousands.</summary>
    private static string Listed(IEnumerable<string> titles)
    {
        var list = titles.ToList();
        return string.Join(", ", list.Take(20).Select(t => $"\"{t}\"")) + (list.Count > 20 ? $" and {list.Count - 20} more" : "");
    }
}
