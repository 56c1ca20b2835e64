using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Chat.Topics;

/// <summary>
/// What the deals' expected close dates say (ADR 245): "Which deals are expected to close this month?", "What's
/// closing soon?", "Which deals are past their expected close date?". A date is what a person set on the deal, so the
/// answer lists them and counts the deals without one; it forecasts nothing. Without any date on an open deal, "what
/// will close" is left to the pipeline's answer, which says so; the period-ahead answer reads the same facts.
/// </summary>
public sealed class ExpectedCloseFacts(IDbContextFactory<ConsoleDbContext> dbFactory)
{
    /// <summary>Words these questions use that the topics do not: the answer speaks to them.</summary>
    public static readonly IReadOnlySet<string> Vocabulary = new HashSet<string>(StringComparer.Ordinal)
    {
        "expected", "expect", "expecting", "close", "closes", "closing", "date", "dates", "day", "past", "overdue", "slipped",
        "slip", "missed", "passed", "behind", "will", "soon", "soonest", "upcoming", "going", "likely",
    };

    /// <summary>"Which deals are past their expected close date?", "Which deals slipped their close date?"</summary>
    public static bool AsksPast(QuestionAnalysis question) =>
        question.Mentions("close", "closing") && question.Mentions("expected", "date", "dates")
        && question.Mentions("past", "overdue", "slipped", "missed", "passed", "behind");

    /// <summary>
    /// A question about when the pipeline's deals are expected to close, in a period that has begun or ended, or in
    /// none. A question naming a deal, an account or an owner is theirs: the entity's answer adds its dates (<see cref="AsksOf"/>).
    /// </summary>
    public static bool Asks(QuestionAnalysis question) =>
        question.Entities.Count == 0 && question.Period is not { Ahead: true } && !NextStepFacts.Asks(question)
        && (AsksPast(question) || PipelineTopic.AsksWhatWillClose(question));

    /// <summary>"When will Kan-code's deal close?", "What is the expected close date of Portal?": a named entity's dates.</summary>
    public static bool AsksOf(QuestionAnalysis question) =>
        question.Mentions("close", "closing") && !question.Words.Contains("closed")
        && (question.Mentions("expected", "expect", "date", "when", "will", "soon") || AsksPast(question));

    /// <summary>A deal's own date, as its lead fact tells it: ", expected to close 4 Dec 2026 (3 d past)"; empty for a decided deal.</summary>
    public static string OfLead(LeadStatus status, DateOnly? on, DateOnly today, bool asked) =>
        !status.IsOpenDeal() ? ""
        : on is { } day ? $", expected to close {Day(day)}{(day < today ? $" ({Say.N(today.DayNumber - day.DayNumber)} d past)" : "")}"
        : asked ? ", no expected close date" : "";

    /// <summary>"; expected to close: 2 open deals, soonest first: …" for the open deals given, or that none of them has a date.</summary>
    public static async Task<string> OfDealsAsync(IQueryable<Lead> leads, DateOnly today, CancellationToken ct)
    {
        var dated = await leads.OpenDeals().SoonestFirst().ToListAsync(ct);
        if (dated.Count == 0)
        {
            return "; no open deal of it has an expected close date";
        }

        var past = dated.Where(d => d.On < today).ToList();
        var ahead = dated.Where(d => d.On >= today).ToList();
        var parts = new List<string>();
        if (past.Count > 0)
        {
            parts.Add($"{Say.N(past.Count)} past {(past.Count == 1 ? "its date" : "their dates")}, longest past first: {Describe(past, today)}");
        }

        if (ahead.Count > 0)
        {
            parts.Add($"{Say.N(ahead.Count)} expected to close, soonest first: {Describe(ahead, null)}");
        }

        return "; expected close dates of its open deals: " + string.Join("; ", parts);
    }

    /// <summary>The answer, or null when no open deal has a date and the question is what will close (the pipeline's answer says so).</summary>
    public async Task<TopicAnswer?> AnswerAsync(QuestionAnalysis question, DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = DateOnly.FromDateTime(now);
        if (AsksPast(question))
        {
            return await PastAsync(db, today, ct);
        }

        var (first, last, label) = Window(question.Period, today);
        var open = await OpenAsync(db, first, last, today, ct);
        if (open.Dated == 0)
        {
            return null;
        }

        var claim = Claim(open, label, question.Period is { } p && p.To <= now ? "were" : "are");
        var link = OpenDealQueries.ListLink(first, last);
        var fact = Say.Fact($"pipeline.expected-close.{first:yyyyMMdd}", "Leads · expected close", claim, link, claim);
        return new TopicAnswer(claim + ".", [fact], [], [Unweighed]);
    }

    /// <summary>What no date says: the console lists the dates people set and weighs nothing.</summary>
    public const string Unweighed = "Which of them will be won: the expected close dates are what people set; no stage has a probability, so the console does not weigh the estimates.";

    /// <summary>
    /// The days asked about: a period that has begun from today to its calendar end (the days before today are past);
    /// an ended one whole; none, from today on.
    /// </summary>
    private static (DateOnly First, DateOnly? Last, string Label) Window(ChatPeriod? period, DateOnly today)
    {
        if (period is null)
        {
            return (today, null, "from today on");
        }

        var (first, last) = Days(period);
        return first < today && last >= today
            ? (today, last, $"in the rest of {period.Label} ({Day(today)} – {Day(last)})")
            : (first, last, period.When());
    }

    /// <summary>The period's first and last calendar day, to its calendar end ("next week" is Monday to Sunday).</summary>
    public static (DateOnly First, DateOnly Last) Days(ChatPeriod period) =>
        (DateOnly.FromDateTime(period.From), DateOnly.FromDateTime((period.Ends ?? period.To).AddTicks(-1)));

    /// <summary>
    /// The open deals (not archived): how many, their estimates, how many have an expected close date, how many are past
    /// it, and those expected to close from <c>first</c> to <c>last</c> (no end: every later one), soonest first.
    /// </summary>
    public sealed record OpenDeals(int Deals, decimal Estimated, int Dated, int Past, IReadOnlyList<DatedDeal> Expected);

    private sealed record Totals(int Deals, decimal Estimated, int Dated, int Past);

    private static IQueryable<Lead> Open(ConsoleDbContext db) =>
        db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived).OpenDeals();

    public static async Task<OpenDeals> OpenAsync(ConsoleDbContext db, DateOnly first, DateOnly? last, DateOnly today, CancellationToken ct)
    {
        var open = Open(db);
        var totals = (await open.GroupBy(l => 1)
            .Select(g => new Totals(g.Count(), g.Sum(l => l.EstimatedValue) ?? 0, g.Count(l => l.ExpectedCloseOn != null), g.Count(l => l.ExpectedCloseOn < today)))
            .ToListAsync(ct)).SingleOrDefault() ?? new Totals(0, 0, 0, 0);
        var inRange = open.Where(l => l.ExpectedCloseOn >= first);
        if (last is { } end)
        {
            inRange = inRange.Where(l => l.ExpectedCloseOn <= end);
        }

        var expected = totals.Dated == 0 ? [] : await inRange.SoonestFirst().ToListAsync(ct);
        return new OpenDeals(totals.Deals, totals.Estimated, totals.Dated, totals.Past, expected);
    }

    /// <summary>
    /// "3 open deals of 6, worth 1,500 USD estimated, are expected to close in it, soonest first: …; 1 open deal has no
    /// expected close date; 1 open deal is past the day it was expected to close".
    /// </summary>
    public static string Claim(OpenDeals open, string when, string are = "are")
    {
        var claim = open.Expected.Count == 0
            ? $"None of the {Say.Plural(open.Deals, "open deal", "open deals")} {(are == "are" ? "is" : "was")} expected to close {when} by its expected close date"
            : $"{Say.Plural(open.Expected.Count, "open deal", "open deals")} of {Say.N(open.Deals)}, worth {Say.Money(open.Expected.Sum(e => e.Estimate ?? 0))} estimated, "
              + $"{Verb(open.Expected.Count, are)} expected to close {when}, soonest first: {Describe(open.Expected, null)}";
        var undated = open.Deals - open.Dated;
        if (undated > 0)
        {
            claim += $"; {Say.Plural(undated, "open deal has", "open deals have")} no expected close date";
        }

        return open.Past > 0 ? claim + $"; {Say.Plural(open.Past, "open deal is", "open deals are")} past the day it was expected to close" : claim;
    }

    private static string Verb(int count, string are) => count == 1 ? (are == "are" ? "is" : "was") : are;

    private static async Task<TopicAnswer> PastAsync(ConsoleDbContext db, DateOnly today, CancellationToken ct)
    {
        var open = Open(db);
        var deals = await open.CountAsync(ct);
        var past = await open.Where(l => l.ExpectedCloseOn < today).SoonestFirst().ToListAsync(ct);
        var dated = await open.CountAsync(l => l.ExpectedCloseOn != null, ct);
        var claim = dated == 0
            ? $"No open deal records an expected close date, so none is past it ({Say.Plural(deals, "open deal", "open deals")})"
            : past.Count == 0
                ? $"None of the {Say.Plural(deals, "open deal", "open deals")} is past its expected close date ({Say.N(dated)} with one)"
                : $"{Say.Plural(past.Count, "open deal", "open deals")} of {Say.N(deals)} {(past.Count == 1 ? "is" : "are")} past the day {(past.Count == 1 ? "it was" : "they were")} expected to close, "
                  + $"longest past first: {Describe(past, today)}";
        var link = OpenDealQueries.ListLink(null, today.AddDays(-1));
        var fact = Say.Fact("pipeline.expected-close.past", "Leads · past expected close", claim, link, claim);
        return new TopicAnswer(claim + ".", [fact], [], []);
    }

    /// <summary>"\"Quote automation\" (Acme, 12 Jan 2018, 1,200 USD)", five named; with <paramref name="today"/>, how many days past.</summary>
    private static string Describe(IReadOnlyList<DatedDeal> deals, DateOnly? today) =>
        Say.FirstFive(deals, d =>
            $"\"{d.Title}\" ({(d.Company is { Length: > 0 } c ? c + ", " : "")}{Day(d.On)}"
            + (today is { } t ? $", {Say.N(t.DayNumber - d.On.DayNumber)} d past" : "")
            + (d.Estimate is { } e ? $", {Say.Money(e)}" : ", no estimate") + ")");

    private static string Day(DateOnly day) => ChatDates.Day(day.ToDateTime(TimeOnly.MinValue));
}
