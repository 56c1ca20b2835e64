using OperatorConsole.Domain.Chat;

namespace OperatorConsole.Data.Chat.Topics;

/// <summary>
/// "Which sector grew the most?": each group's won value in the period asked against the equally long period before,
/// ranked by the change. It asked which figure to rank by ("grew" was no figure). Without a period in the question, the
/// last 90 days against the 90 before (two equal lengths, so a period still running is not set against a whole one).
/// </summary>
public sealed partial class RankingTopic
{
    /// <summary>The window a growth question without a period compares, against the one before it.</summary>
    public const int GrowthDays = 90;

    private static TopicAnswer Growth(QuestionAnalysis question, DateTime at, List<Deal> deals, Dictionary<string, (string Name, string Link)> names, RankingRequest ranking,
        List<KnownEntity> scope, List<string> missing)
    {
        // Whole days, so both windows start and end at midnight and a deal's date falls in one of them.
        var end = at.Date.AddDays(1);
        var period = question.Period ?? new ChatPeriod(end.AddDays(-GrowthDays), end, $"the last {GrowthDays} days");
        var before = question.ComparedWith ?? period.Previous();
        var now = Groups(deals, names, ranking.By, period).ToDictionary(g => g.Key, StringComparer.Ordinal);
        var earlier = Groups(deals, names, ranking.By, before).ToDictionary(g => g.Key, StringComparer.Ordinal);
        var rows = now.Keys.Union(earlier.Keys)
            .Select(k => (Group: now.GetValueOrDefault(k) ?? earlier[k], Now: now.GetValueOrDefault(k)?.WonValue ?? 0, Before: earlier.GetValueOrDefault(k)?.WonValue ?? 0))
            .Where(r => r.Now != 0 || r.Before != 0)
            .ToList();
        var what = ChatRanking.Name(ranking.By);
        if (question.Mentions([.. ChatRanking.RateWords]))
        {
            missing.Add("A change in win rate is not ranked: growth is measured in won value.");
        }

        if (rows.Count == 0)
        {
            missing.Add($"No {what} won a deal {period.WhenShort()} or {before.WhenShort()}, so there is no growth to rank.");
            return new TopicAnswer("", [], [], missing);
        }

        var ordered = (ranking.Ascending ? rows.OrderBy(r => r.Now - r.Before) : rows.OrderByDescending(r => r.Now - r.Before))
            .ThenBy(r => r.Group.Name, StringComparer.OrdinalIgnoreCase).Take(Math.Min(ranking.Count ?? Shown, ChatRanking.MaxCount)).ToList();
        var key = $"{period.From:yyyyMMdd}-{period.To:yyyyMMdd}" + string.Concat(scope.Select(e => $".{e.Kind}-{e.Key}"));
        var facts = ordered.Select(r =>
        {
            var change = r.Now - r.Before;
            var text = $"{r.Group.Name} won {Say.Money(r.Now)} {period.WhenShort()}, {(change >= 0 ? "up" : "down")} {Say.Money(Math.Abs(change))}{Say.Change(r.Now, r.Before)} on {Say.Money(r.Before)} {before.WhenShort()}";
            return Say.Fact($"ranking.{ranking.By}.growth.{key}.{r.Group.Key}".ToLowerInvariant(), $"{Say.Capital(what)} · {r.Group.Name}", text, r.Group.Link, text);
        }).ToList();
        var sentence = $"By growth in won value, {period.Describe()} against {before.Describe()}, {(ranking.Ascending ? "largest fall" : "largest rise")} first, " +
                       $"of {Say.Plural(rows.Count, what, Plural(what))} with a win in either{Within(scope)}: " + string.Join("; ", facts.Select((f, i) => $"{i + 1}. {f.Claim}")) + ".";
        var (total, totalBefore) = (rows.Sum(r => r.Now), rows.Sum(r => r.Before));
        if (totalBefore == 0)
        {
            // Maven's wins start in 2017: "this year" against 2016 makes every rise the whole won value.
            missing.Add($"No {what} won a deal {before.WhenShort()}, so each rise is its whole won value {period.WhenShort()}.");
        }

        List<string> inferred = [$"Across the {Say.Plural(rows.Count, what, Plural(what))}, won value went from {Say.Money(totalBefore)} to {Say.Money(total)} ({(total >= totalBefore ? "up" : "down")} {Say.Money(Math.Abs(total - totalBefore))}{(Say.Share(total, totalBefore) is { Length: > 0 } share ? ", " + share : "")})."];
        return new TopicAnswer(sentence, facts, inferred, missing);
    }
}
