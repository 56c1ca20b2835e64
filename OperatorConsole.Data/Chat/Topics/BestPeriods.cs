using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Scorecard;

namespace OperatorConsole.Data.Chat.Topics;

/// <summary>
/// "Which month did we win the most?": the won value of every week, month, quarter or year that had a win (within the
/// question's period, if it names one), ranked. It was answered with this month's total, as if the question had named it.
/// "… per month?" lists them instead, newest first.
/// </summary>
internal static class BestPeriods
{
    public static async Task<TopicAnswer> AnswerAsync(ConsoleDbContext db, PeriodRanking ranking, ChatPeriod? within, CancellationToken ct)
    {
        if (ranking.Created)
        {
            return await CreatedAsync(db, ranking, within, ct);
        }

        if (ranking.Rate)
        {
            return await RatesAsync(db, ranking, within, ct);
        }

        // The question's period is read in the database: "our best month in Q3" reads Q3's wins, not every win.
        var query = db.Set<Proposal>().AsNoTracking().Where(p => p.Outcome == ProposalOutcome.Won && p.OutcomeAt != null);
        if (within is not null)
        {
            query = query.Where(p => p.OutcomeAt >= within.From && p.OutcomeAt < within.To);
        }

        var won = await query.Select(p => new { At = p.OutcomeAt!.Value, p.OutcomeValue }).ToListAsync(ct);
        var unit = ranking.Unit.ToString().ToLowerInvariant();
        var when = within is null ? "" : " " + within.When();
        var periods = won
            .GroupBy(w => Start(w.At, ranking.Unit))
            .Select(g => (Start: g.Key, Value: g.Sum(w => w.OutcomeValue ?? 0), Count: g.Count()))
            .ToList();
        if (periods.Count == 0)
        {
            return new TopicAnswer($"No deal was won{when}, so there is no {unit} to {(ranking.Breakdown ? "list" : "rank")}.", [], [], []);
        }

        if (ranking.Breakdown)
        {
            return Breakdown(periods, ranking.Unit, when);
        }

        var ranked = (ranking.Ascending ? periods.OrderBy(p => p.Value) : periods.OrderByDescending(p => p.Value)).ThenBy(p => p.Start).Take(3).ToList();
        var listed = string.Join("; ", ranked.Select((p, i) => $"{i + 1}. {Label(p.Start, ranking.Unit)} won {Say.Money(p.Value)} from {Say.Plural(p.Count, "deal", "deals")}"));
        var claim = $"By won value per {unit}{when}, {(ranking.Ascending ? "lowest" : "highest")} first, of {Say.Plural(periods.Count, unit, unit + "s")} with a win: {listed}";
        List<string> missing = ranking.Ascending ? [$"A {unit} with no win at all is not ranked: only {unit}s with a won deal are."] : [];
        return new TopicAnswer(claim + ".", [Say.Fact($"money.by-{unit}", $"Won value per {unit}", claim, "/", claim)], [], missing);
    }

    /// <summary>
    /// "How many deals did we win per month?": each period's wins, newest first, the latest <see cref="Listed"/> named,
    /// and the average over the periods with a win. It got this month's total alone.
    /// </summary>
    private static TopicAnswer Breakdown(List<(DateTime Start, decimal Value, int Count)> periods, PeriodUnit unit, string when)
    {
        var name = unit.ToString().ToLowerInvariant();
        var newest = periods.OrderByDescending(p => p.Start).ToList();
        var listed = string.Join("; ", newest.Take(Listed).Select(p => $"{Label(p.Start, unit)} {Say.Money(p.Value)} from {Say.Plural(p.Count, "deal", "deals")}"));
        var claim = $"Won per {name}{when}, newest first, of {Say.Plural(periods.Count, name, name + "s")} with a win: {listed}" +
                    (periods.Count > Listed ? $" and {Say.N(periods.Count - Listed)} earlier" : "");
        var average = $"On average {Say.Money(Math.Round(periods.Average(p => p.Value)))} from {Say.N(Math.Round(periods.Average(p => (decimal)p.Count), 1))} deals a {name} over the {Say.Plural(periods.Count, name, name + "s")} with a win.";
        List<string> missing = [$"A {name} with no win at all is not listed: only {name}s with a won deal are."];
        return new TopicAnswer(claim + ".", [Say.Fact($"money.per-{name}", $"Won value per {name}", claim, "/", claim)], [average], missing);
    }

    /// <summary>
    /// "How many leads came in per month?", "Which month brought the most new leads?": the leads created in each
    /// period (their creation date, as "came in last month" reads it; ADR 222), newest first or ranked. It got every
    /// stage's count as it stands. A lead whose source gave no creation date is in no period, and Missing says so.
    /// </summary>
    private static async Task<TopicAnswer> CreatedAsync(ConsoleDbContext db, PeriodRanking ranking, ChatPeriod? within, CancellationToken ct)
    {
        var leads = db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived);
        var dated = leads.Where(l => !l.CreatedAtEstimated);
        if (within is not null)
        {
            dated = dated.Where(l => l.CreatedAt >= within.From && l.CreatedAt < within.To);
        }

        var created = await dated.Select(l => l.CreatedAt).ToListAsync(ct);
        var undated = await leads.CountAsync(l => l.CreatedAtEstimated, ct);
        var name = ranking.Unit.ToString().ToLowerInvariant();
        var when = within is null ? "" : " " + within.When();
        List<string> missing = undated == 0 ? [] : [$"When {Say.Plural(undated, "lead", "leads")} came in: the source gave no creation date, so they are in no {name}."];
        var periods = created.GroupBy(at => Start(at, ranking.Unit)).Select(g => (Start: g.Key, Count: g.Count())).ToList();
        if (periods.Count == 0)
        {
            return new TopicAnswer($"No lead came in{when}, so there is no {name} to {(ranking.Breakdown ? "list" : "rank")}.", [], [], missing);
        }

        missing.Add($"A {name} in which no lead came in is not {(ranking.Breakdown ? "listed" : "ranked")}.");
        string Line((DateTime Start, int Count) p) => $"{Label(p.Start, ranking.Unit)} {Say.Plural(p.Count, "lead", "leads")}";
        var claim = ranking.Breakdown
            ? $"Leads created per {name}{when}, newest first, of {Say.Plural(periods.Count, name, name + "s")} with a new lead: "
              + string.Join("; ", periods.OrderByDescending(p => p.Start).Take(Listed).Select(Line)) + (periods.Count > Listed ? $" and {Say.N(periods.Count - Listed)} earlier" : "")
            : $"By leads created per {name}{when}, {(ranking.Ascending ? "lowest" : "highest")} first, of {Say.Plural(periods.Count, name, name + "s")} with a new lead: "
              + string.Join("; ", (ranking.Ascending ? periods.OrderBy(p => p.Count) : periods.OrderByDescending(p => p.Count)).ThenBy(p => p.Start).Take(3).Select((p, i) => $"{i + 1}. {Line(p)}"));
        var average = $"On average {Say.N(Math.Round(periods.Average(p => (decimal)p.Count), 1))} leads a {name} over the {Say.Plural(periods.Count, name, name + "s")} with a new lead.";
        return new TopicAnswer(claim + ".", [Say.Fact($"pipeline.created.per-{name}", $"Leads created per {name}", claim, "/leads?sort=-createdAt", claim)], ranking.Breakdown ? [average] : [], missing);
    }

    /// <summary>
    /// "Which month had the lowest win rate?", "What was our win rate per quarter?": won of the deals decided in each
    /// period (by the day each was won or lost, as the scorecard's win rate counts them), ranked or newest first. It
    /// ranked the months by won value. A period with fewer than <see cref="MinDecided"/> decided deals is not ranked:
    /// one win of one decided deal is no 100 % month.
    /// </summary>
    private static async Task<TopicAnswer> RatesAsync(ConsoleDbContext db, PeriodRanking ranking, ChatPeriod? within, CancellationToken ct)
    {
        var query = db.Set<Proposal>().AsNoTracking().Where(p => (p.Outcome == ProposalOutcome.Won || p.Outcome == ProposalOutcome.Lost) && p.OutcomeAt != null);
        if (within is not null)
        {
            query = query.Where(p => p.OutcomeAt >= within.From && p.OutcomeAt < within.To);
        }

        var decided = await query.Select(p => new { At = p.OutcomeAt!.Value, Won = p.Outcome == ProposalOutcome.Won }).ToListAsync(ct);
        var name = ranking.Unit.ToString().ToLowerInvariant();
        var when = within is null ? "" : " " + within.When();
        var all = decided.GroupBy(d => Start(d.At, ranking.Unit)).Select(g => (Start: g.Key, Won: g.Count(d => d.Won), Decided: g.Count())).ToList();
        // A loss rate is the lost share; the line says which of the two it ranks.
        var (figure, verb) = ranking.Loss ? ("loss rate", "lost") : ("win rate", "won");
        var periods = all.Where(p => p.Decided >= MinDecided)
            .Select(p => (p.Start, p.Won, p.Decided, Rate: Math.Round(100m * (ranking.Loss ? p.Decided - p.Won : p.Won) / p.Decided, 1))).ToList();
        List<string> missing = all.Count > periods.Count
            ? [$"{Say.Plural(all.Count - periods.Count, name, name + "s")} with fewer than {MinDecided} decided deals {(all.Count - periods.Count == 1 ? "is" : "are")} not {(ranking.Breakdown ? "listed" : "ranked")}."]
            : [];
        if (periods.Count == 0)
        {
            return new TopicAnswer($"No {name}{when} had {MinDecided} or more decided deals, so there is no {figure} to {(ranking.Breakdown ? "list" : "rank")}.", [], [], missing);
        }

        missing.Add($"A {name} with no deal won or lost has no {figure} and is not {(ranking.Breakdown ? "listed" : "ranked")}.");
        string Line((DateTime Start, int Won, int Decided, decimal Rate) p) =>
            $"{Label(p.Start, ranking.Unit)} {verb} {Say.N(p.Rate)} % of decided deals ({Say.N(p.Won)} won, {Say.N(p.Decided - p.Won)} lost)";
        var claim = ranking.Breakdown
            ? $"{char.ToUpperInvariant(figure[0])}{figure[1..]} per {name}{when}, newest first, of {Say.Plural(periods.Count, name, name + "s")}: "
              + string.Join("; ", periods.OrderByDescending(p => p.Start).Take(Listed).Select(Line)) + (periods.Count > Listed ? $" and {Say.N(periods.Count - Listed)} earlier" : "")
            : $"By {figure} per {name}{when}, {(ranking.Ascending ? "lowest" : "highest")} first, of {Say.Plural(periods.Count, name, name + "s")}: "
              + string.Join("; ", (ranking.Ascending ? periods.OrderBy(p => p.Rate) : periods.OrderByDescending(p => p.Rate)).ThenBy(p => p.Start).Take(3).Select((p, i) => $"{i + 1}. {Line(p)}"));
        var won = periods.Sum(p => p.Won);
        var total = periods.Sum(p => p.Decided);
        var share = ranking.Loss ? total - won : won;
        var overall = $"Over these {Say.Plural(periods.Count, name, name + "s")} together: {Say.N(Math.Round(100m * share / total, 1))} % ({Say.N(share)} {verb} of {Say.N(total)} decided).";
        return new TopicAnswer(claim + ".", [Say.Fact($"money.{(ranking.Loss ? "lossrate" : "winrate")}-per-{name}", $"{char.ToUpperInvariant(figure[0])}{figure[1..]} per {name}", claim, "/", claim)], [overall], missing);
    }

    /// <summary>The fewest decided deals a period needs to have its win rate ranked.</summary>
    private const int MinDecided = 5;

    /// <summary>How many periods a breakdown names, newest first.</summary>
    private const int Listed = 12;

    private static DateTime Start(DateTime at, PeriodUnit unit) => unit switch
    {
        PeriodUnit.Week => ScorecardCalculator.WeekStart(at),
        PeriodUnit.Month => ScorecardCalculator.MonthStart(at),
        PeriodUnit.Quarter => new DateTime(at.Year, ((at.Month - 1) / 3 * 3) + 1, 1, 0, 0, 0, DateTimeKind.Utc),
        _ => new DateTime(at.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    private static string Label(DateTime start, PeriodUnit unit) => unit switch
    {
        PeriodUnit.Week => "the week of " + ChatDates.Day(start),
        PeriodUnit.Month => start.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        PeriodUnit.Quarter => $"Q{((start.Month - 1) / 3) + 1} {start.Year}",
        _ => start.Year.ToString(CultureInfo.InvariantCulture),
    };
}
