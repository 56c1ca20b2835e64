using OperatorConsole.Data.Brief;
using OperatorConsole.Data.Failures;
using OperatorConsole.Data.Integrations;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Failures;

namespace OperatorConsole.Data.Chat.Topics;

/// <summary>
/// Failures &amp; Interventions: one bucket when the question names it, else what is broken or waits for a decision
/// (what the badge counts) and the nudges apart, by bucket.
/// </summary>
public sealed class FailuresTopic(FailuresService failures) : IChatTopicSource
{
    public ChatTopic Topic => ChatTopic.Failures;

    public async Task<TopicAnswer> AnswerAsync(QuestionAnalysis question, CancellationToken ct)
    {
        var report = await failures.GetReportAsync(question.Reference?.Mode ?? Domain.Clock.ClockMode.Data, ct);
        var buckets = Asked(question).ToList();
        if (buckets is [FailureBucket.StaleByTouch] && QuietFor(question) is { } days)
        {
            return QuietAnswer(report, days);
        }

        if (buckets is [FailureBucket.FailedRuns] && question.Period is { } period)
        {
            return FailedRunsIn(report, period);
        }

        if (buckets.Count > 0)
        {
            var facts = buckets.Select(b => BucketFact(report, b)).ToList();
            var sentence = string.Join(" ", facts.Select(f => f.Claim + "."));
            return new TopicAnswer(sentence, facts, [], []);
        }

        var c = report.Counts;
        var text = $"{Say.N(c.Urgent)} broken or waiting for a decision, {Say.N(c.Nudges)} nudges, {Say.N(c.Total)} in all: "
                   + string.Join(", ", Enum.GetValues<FailureBucket>().Select(b => $"{Say.N(c.For(b))} {b.Label().ToLowerInvariant()}"));
        var claim = Claim(c);
        var inferred = new List<string>();
        // Where to start: what the badge counts first (ADR 219), the largest nudge bucket only when nothing is urgent.
        var urgent = Largest(c, b => b.Group().IsUrgent());
        var nudge = Largest(c, b => !b.Group().IsUrgent());
        if (urgent is { } u)
        {
            inferred.Add($"Start with {u.Label().ToLowerInvariant()}: {Say.N(c.For(u))} of the {Say.N(c.Urgent)} the badge counts.");
        }
        else if (nudge is { } n)
        {
            inferred.Add($"Nothing is broken; {n.Label().ToLowerInvariant()} is the largest nudge bucket ({Say.N(c.For(n))} of {Say.N(c.Nudges)}), so it is where a look goes furthest.");
        }

        return new TopicAnswer(claim + ".", [Say.Fact("failures.total", "Failures & Interventions", text, "/failures", claim)], inferred, []);
    }

    /// <summary>
    /// What is broken or waits for a decision (the badge), then the nudges apart: "1,589 items need a person" on the
    /// Maven data was 1,589 quiet deals, the untruth the stand-up wall had before ADR 219.
    /// </summary>
    private static string Claim(FailureCounts c)
    {
        string Breakdown(bool urgent) => string.Join(", ", Enum.GetValues<FailureBucket>()
            .Where(b => b.Group().IsUrgent() == urgent && c.For(b) > 0).OrderByDescending(c.For).Select(b => $"{Say.N(c.For(b))} {b.Label().ToLowerInvariant()}"));
        var head = c.Urgent == 0 ? "Nothing is broken or waiting for a decision" : $"{Say.N(c.Urgent)} broken or waiting for a decision ({Breakdown(true)})";
        return c.Nudges == 0 ? head + ", and there are no nudges" : $"{head}; {Say.Plural(c.Nudges, "nudge", "nudges")} worth a look ({Breakdown(false)})";
    }

    private static FailureBucket? Largest(FailureCounts c, Func<FailureBucket, bool> where) =>
        Enum.GetValues<FailureBucket>().Where(b => where(b) && c.For(b) > 0).OrderByDescending(c.For).Cast<FailureBucket?>().FirstOrDefault();

    /// <summary>
    /// "Who hasn't been contacted in two weeks?": the days of quiet asked, when the question asks about no touch over the
    /// last N days. It got every stale deal, those quiet for 9 days among them.
    /// </summary>
    private static int? QuietFor(QuestionAnalysis q) =>
        q.Period is { Label: var label } period && label.StartsWith("the last ", StringComparison.Ordinal)
        && q.Mentions("not", "no", "haven't", "hasn't", "never", "without", "quiet", "stale")
            ? (int)Math.Round((period.To - period.From).TotalDays)
            : null;

    /// <summary>
    /// The stale deals quiet for at least <paramref name="days"/>. The bucket is the source: a deal whose next step is
    /// planned and not yet due is not in it however long it has been quiet, which the answer says.
    /// </summary>
    private static TopicAnswer QuietAnswer(FailuresReport report, int days)
    {
        var stale = Counted(report, FailureBucket.StaleByTouch).OfType<StaleByTouchItem>().ToList();
        var quiet = stale.Where(i => i.DaysSinceTouch >= days).OrderByDescending(i => i.DaysSinceTouch).ToList();
        var claim = $"{Say.N(quiet.Count)} of the {Say.N(stale.Count)} stale by touch have had no touch for {Say.N(days)} days or more" + Naming(quiet);
        var text = $"{claim}. Every stale by touch: " + string.Join("; ", stale.Select(i => i.Describe()));
        return new TopicAnswer(claim + ".", [Say.Fact("failures.stale_by_touch.quiet", "Failures · Stale by touch", text, "/failures?bucket=stale_by_touch", claim)], [],
            ["A deal whose next step is planned and not yet due is not stale, so it is not counted here however long since its last touch."]);
    }

    /// <summary>
    /// "How many runs failed yesterday?" got every failed run in the report's window (6, where yesterday had 5): the
    /// counted ones that started in the period, and, when the period reaches back before the window, that the older ones
    /// are on the Runs list, not here.
    /// </summary>
    private static TopicAnswer FailedRunsIn(FailuresReport report, ChatPeriod period)
    {
        var all = Counted(report, FailureBucket.FailedRuns).OfType<FailedRunItem>().ToList();
        var runs = all.Where(r => period.Contains(r.StartedAt)).OrderByDescending(r => r.StartedAt).ToList();
        var claim = $"{Say.Plural(runs.Count, "run", "runs")} failed or partly failed {period.When()}" + Naming(runs);
        var text = $"{claim}. Every failed run since {ChatDates.Day(report.FailedRunsSince)}: " + string.Join("; ", all.Select(r => $"{r.Describe()} ({ChatDates.Day(r.StartedAt)})"));
        List<string> missing = period.From < report.FailedRunsSince
            ? [$"The Failures report keeps failed runs since {ChatDates.Day(report.FailedRunsSince)}; older ones in the period are on the Runs list, not counted here."]
            : [];
        return new TopicAnswer(claim + ".", [Say.Fact($"failures.failed_runs.{period.From:yyyyMMdd}-{period.To:yyyyMMdd}", "Failures · Failed runs", text, "/failures?bucket=failed_runs", claim)], [], missing);
    }

    private static IEnumerable<FailureBucket> Asked(QuestionAnalysis q)
    {
        if (q.Mentions("stale", "quiet", "ghost", "follow", "touch", "contact")) yield return FailureBucket.StaleByTouch;
        if (q.Mentions("fail", "failed", "failing", "error") && q.Mentions("run", "runs")) yield return FailureBucket.FailedRuns;
        if (q.Mentions("intervention")) yield return FailureBucket.Interventions;
    }

    /// <summary>": a; b", or ", including: a; …" past five; nothing for none.</summary>
    private static string Naming(IReadOnlyList<IFailureItem> items) =>
        items.Count == 0 ? "" : (items.Count > 5 ? ", including: " : ": ") + string.Join("; ", items.Take(5).Select(i => i.Describe()));

    /// <summary>The bucket's items its count counts: one someone acknowledged (snoozed) is listed on the Failures page only.</summary>
    private static List<IFailureItem> Counted(FailuresReport report, FailureBucket bucket) => report.Items(bucket).Where(i => i.Acknowledgement is null).ToList();

    public static UsedFact BucketFact(FailuresReport report, FailureBucket bucket)
    {
        var items = Counted(report, bucket);
        var count = report.Counts.For(bucket);
        var names = items.Take(5).Select(i => i.Describe()).ToList();
        var text = $"{Say.N(count)} {bucket.Label().ToLowerInvariant()}" + (items.Count == 0 ? "" : ": " + string.Join("; ", items.Select(i => i.Describe())));
        var claim = count == 0
            ? $"0 {bucket.Label().ToLowerInvariant()}"
            : $"{Say.N(count)} {bucket.Label().ToLowerInvariant()}" + (names.Count < count ? ", including: " : ": ") + string.Join("; ", names);
        return Say.Fact($"failures.{bucket.Code()}", $"Failures · {bucket.Label()}", text, $"/failures?bucket={bucket.Code()}", claim);
    }
}

/// <summary>Integrations: which are broken or silent, from the integrations card's own list.</summary>
public sealed class IntegrationsTopic(IntegrationService integrations) : IChatTopicSource
{
    public ChatTopic Topic => ChatTopic.Integrations;

    public async Task<TopicAnswer> AnswerAsync(QuestionAnalysis question, CancellationToken ct)
    {
        var all = await integrations.ListAsync(ct);
        var broken = all.Where(i => !i.Healthy).ToList();
        var text = $"{Say.N(broken.Count)} of {Say.N(all.Count)} integrations are broken or silent" + (broken.Count == 0 ? "" : ": " + string.Join("; ", broken.Select(b => $"\"{b.Name}\" ({b.LastError ?? b.LastMessage ?? "no recent report"})")));
        var claim = $"{Say.N(broken.Count)} of {Say.N(all.Count)} integrations are broken or silent" + (broken.Count == 0 ? "" : ": " + Say.Names(broken.Select(b => b.Name)));
        var inferred = all.Count > 0 && broken.Count == 0 ? new List<string> { $"All {Say.N(all.Count)} integrations reported within their expected interval." } : [];
        return new TopicAnswer(claim + ".", [Say.Fact("integrations.broken", "Integrations", text, "/integrations", claim)], inferred, []);
    }
}

/// <summary>Today's brief: what changed in the last 24 hours, line by line as the Command Center shows it.</summary>
public sealed class BriefTopic(BriefService brief) : IChatTopicSource
{
    public ChatTopic Topic => ChatTopic.Brief;

    public async Task<TopicAnswer> AnswerAsync(QuestionAnalysis question, CancellationToken ct)
    {
        var report = question.Reference is { } at ? await brief.GetAsync(at, ct) : await brief.GetAsync(ct);
        var changed = report.Lines.Where(l => l.Count > 0).ToList();
        var text = "In the last 24 hours: " + string.Join(", ", report.Lines.Select(l => $"{Say.N(l.Count)} {l.Label.ToLowerInvariant()}"));
        var claim = changed.Count == 0 ? "Nothing changed in the last 24 hours" : "In the last 24 hours: " + string.Join(", ", changed.Select(l => $"{Say.N(l.Count)} {l.Label.ToLowerInvariant()}"));
        return new TopicAnswer(claim + ".", [Say.Fact("brief.last24h", "Today's brief", text, "/", claim)], [], []);
    }
}
