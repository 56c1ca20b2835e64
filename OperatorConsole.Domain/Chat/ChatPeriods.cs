using System.Globalization;
using System.Text.RegularExpressions;

namespace OperatorConsole.Domain.Chat;

/// <summary>A period a question asks about, with the words an answer uses for it ("this month (1–25 Nov 2026)").</summary>
/// <param name="Part">A part of a calendar period ("the first 10 days of December 2017"): compared with the equally long
/// period before it, not with whole months, unless it is whole months itself ("the second half of 2017").</param>
/// <param name="Ends">Where a period still running ("this month", cut at now) ends on the calendar: its halves and last
/// days are the calendar's, not the days so far.</param>
/// <param name="Ahead">The period has not happened yet, in whole or in part ("next month", "the next 30 days", 2018 asked
/// in 2017): what the console records has not happened in it (ADR 243).</param>
public sealed record ChatPeriod(DateTime From, DateTime To, string Label, bool Part = false, DateTime? Ends = null, bool Ahead = false)
{
    public bool Contains(DateTime at) => at >= From && at < To;

    /// <summary>"March 2017 (1 Mar 2017 – 31 Mar 2017)"; one day is one date: "yesterday (30 Dec 2017)".</summary>
    public string Describe() => To.AddTicks(-1).Date == From.Date
        ? $"{Label} ({ChatDates.Day(From)})"
        : $"{Label} ({ChatDates.Day(From)} – {ChatDates.Day(To.AddTicks(-1))})";

    /// <summary>
    /// The period after a verb: "in 2017 (…)", "in the last 30 days (…)", but "last month (…)", "this week (…)" and
    /// "yesterday (…)", which say when on their own ("won 9,765 USD in yesterday" was the answer's English).
    /// </summary>
    public string When() => (SaysWhen ? "" : "in ") + Describe();

    /// <summary><see cref="When"/> opening a sentence: "In 2017 (…)", "Last month (…)".</summary>
    public string WhenOpening() => SaysWhen ? char.ToUpperInvariant(Label[0]) + Describe()[1..] : "In " + Describe();

    /// <summary>The label alone after a verb, for a line inside a sentence that already spelt the dates: "in 2017", "last month".</summary>
    public string WhenShort() => (SaysWhen ? "" : "in ") + Label;

    // "since June 2017 (…)" and "from March 2017 to June 2017 (…)" say when on their own too.
    private bool SaysWhen => Label.StartsWith("this ", StringComparison.Ordinal) || Label.StartsWith("last ", StringComparison.Ordinal)
        || Label.StartsWith("since ", StringComparison.Ordinal) || Label.StartsWith("from ", StringComparison.Ordinal)
        || Label.StartsWith("next ", StringComparison.Ordinal) || Label is "today" or "yesterday" or "tomorrow";

    /// <summary>
    /// The period to compare with. A period that starts on a month's first day is calendar months (a month, a quarter,
    /// a year, or one of them so far): the same number of whole months before it, as the scorecard compares "this
    /// month" with last month. "Q3 2017" was compared with 31 Mar – 30 Jun (92 days back) instead of Q2, and 2017 with
    /// 2 Jan – 31 Dec 2016. Any other period (the last N days, a week) is compared with the equally long one before.
    /// </summary>
    public ChatPeriod Previous()
    {
        // A part made of whole months ("the second half of 2017") is months too: compared with the first half.
        if (From.Day == 1 && From.TimeOfDay == TimeSpan.Zero && (!Part || (To.Day == 1 && To.TimeOfDay == TimeSpan.Zero)))
        {
            var last = To.AddTicks(-1);
            var months = ((last.Year - From.Year) * 12) + last.Month - From.Month + 1;
            var unit = months switch { 1 => "month", 3 => "quarter", 12 => "year", _ => $"{months} months" };
            return new ChatPeriod(From.AddMonths(-months), From, $"the {unit} before");
        }

        return new ChatPeriod(From - (To - From), From, "the period before");
    }
}

/// <summary>The chat's one way to write a date: "9 Dec 2017", as the account page writes it.</summary>
public static class ChatDates
{
    public static string Day(DateTime at) => at.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}

/// <summary>The calendar unit a question ranks ("Which month did we win the most?").</summary>
public enum PeriodUnit
{
    Week,
    Month,
    Quarter,
    Year,
}

/// <summary>
/// A ranking of periods by what was won in each, or with <see cref="Created"/> by the leads that came in: highest first
/// unless <see cref="Ascending"/>; with <see cref="Breakdown"/>, every period newest first ("How many deals did we win
/// per month?", "How many leads came in per month?").
/// </summary>
/// <param name="Rate">By win rate (won of the deals decided in each period), not by won value: "Which month had the
/// lowest win rate?" was ranked by won value. With <paramref name="Loss"/>, by loss rate ("the highest loss rate").</param>
public sealed record PeriodRanking(PeriodUnit Unit, bool Ascending, bool Breakdown = false, bool Created = false, bool Rate = false, bool Loss = false);

/// <summary>
/// Reads a period out of a question against the same anchor the scorecard uses (the console's clock): this/last
/// week (Monday start), month and quarter, this/last year, the last N days, weeks or months, a year ("in 2017"), a
/// quarter ("Q1 2017") or a month ("March 2017"), and a part of any of them ("the first 10 days of December", "the last
/// two weeks of Q4", "the second half of 2017"). Null when the question names none; the caller then states the default
/// it used.
/// </summary>
public static partial class ChatPeriods
{
    // "in the last 30 days", and "not touched in 30 days" / "for 30 days": the chat answers what happened, not what will.
    // "in the last 2 weeks", "over the past three months" too: 14 days, three calendar months back from now.
    [GeneratedRegex(@"\b(?:(?:(?:in|over|during)\s+the\s+)?(?:last|past)|in|for|within)\s+(?<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?<unit>day|week|month)s?\b")]
    private static partial Regex LastDays();

    // "next month", "the coming quarter", "in the next 30 days", "over the next two weeks", "tomorrow": a period ahead.
    // Unread, "next month" was answered for this month and "next year" for this year, as if they had been asked.
    [GeneratedRegex(@"\b(?:next|coming|upcoming)\s+(?:(?<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?(?<unit>day|week|month|quarter|year)s?\b|\btomorrow\b")]
    private static partial Regex Next();

    [GeneratedRegex(@"\bq([1-4])\s*(\d{4})\b")]
    private static partial Regex Quarter();

    [GeneratedRegex(@"\b(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{4})\b")]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"\b(?:in|during|for)\s+(\d{4})\b|\b(\d{4})\b")]
    private static partial Regex Year();

    // Without a year, only after a preposition: "may" alone is a verb ("What may be broken?").
    [GeneratedRegex(@"\b(?:in|during|for|of)\s+(january|february|march|april|may|june|july|august|september|october|november|december)\b")]
    private static partial Regex MonthAlone();

    [GeneratedRegex(@"\bq([1-4])\b")]
    private static partial Regex QuarterAlone();

    // "which month", "what quarter", "our best month", "the worst week": a unit asked about, not one named.
    [GeneratedRegex(@"\b(?:which|what|best|worst|top|biggest|highest|lowest|strongest|weakest)\s+(?:\w+\s+)?(week|month|quarter|year)s?\b")]
    private static partial Regex RankedUnit();

    /// <summary>
    /// "Which month did we win the most?", "What was our best quarter?": periods ranked, not a period. Without this the
    /// question was answered with this month's total, as if it had named it.
    /// </summary>
    public static PeriodRanking? Ranked(string question, IReadOnlyCollection<string> words)
    {
        var unit = RankedUnit().Match(question.ToLowerInvariant());
        // The ordering words of every ranking (ChatRanking's), so "weakest" means the same for months as for owners.
        var highest = words.Any(ChatRanking.Highest.Contains);
        var lowest = words.Any(ChatRanking.Lowest.Contains);
        var created = AsksCreated(words);
        var rate = !created && words.Any(ChatRanking.RateWords.Contains);
        var loss = rate && words.Any(ChatRanking.IsLostWord);
        if (unit.Success && (highest || lowest))
        {
            return new PeriodRanking(Enum.Parse<PeriodUnit>(unit.Groups[1].Value, ignoreCase: true), lowest && !highest, Created: created, Rate: rate, Loss: loss);
        }

        // "How many deals did we win per month?", "monthly revenue": every month's wins. It got this month's alone.
        // "How many leads came in per month?": every month's new leads (it got every stage's count as it stands).
        // "What was our win rate per month?": every month's rate (it got every month's won value).
        return Breakdown().Match(question.ToLowerInvariant()) is { Success: true } each && (created || rate || words.Any(ChatRanking.IsWonWord))
            ? new PeriodRanking(UnitOf(each.Groups["unit"].Value), false, Breakdown: true, Created: created, Rate: rate, Loss: loss)
            : null;
    }

    /// <summary>
    /// Leads that came in, not wins: a lead or deal word with "came in", "created", "new", "arrived", "added" or
    /// "got", and no word of what was won ("new deals won per month" counts wins).
    /// </summary>
    private static bool AsksCreated(IReadOnlyCollection<string> words) =>
        words.Any(w => w is "lead" or "leads" or "deal" or "deals" or "opportunities" or "prospects")
        && words.Any(w => w is "came" or "come" or "coming" or "created" or "new" or "arrived" or "arrive" or "added" or "got" or "get" or "generated" or "generate")
        && !words.Any(w => w is not ("generated" or "generate") && ChatRanking.IsWonWord(w));

    // "per month", "by quarter", "each week", "every year", "monthly", "month by month", "annually".
    [GeneratedRegex(@"\b(?:per|by|each|every)\s+(?<unit>week|month|quarter|year)\b|\b(?<unit>week|month|quarter|year)ly\b|\b(?<unit>annual)ly\b")]
    private static partial Regex Breakdown();

    private static PeriodUnit UnitOf(string word) => word == "annual" ? PeriodUnit.Year : Enum.Parse<PeriodUnit>(word, ignoreCase: true);

    // "compared to last month", "versus the previous quarter": the period compared with, not the one asked.
    [GeneratedRegex(@"\b(?:compared\s+(?:to|with)|versus|vs\.?|against)\s+(?:the\s+)?(?:last|previous|prior)\s+(week|month|quarter|year)\b")]
    private static partial Regex ComparedWithLast();

    // Two periods set against each other: "in November or December", "Q3 vs Q2", "2017 compared with 2016".
    [GeneratedRegex(@"\s(?:or|vs\.?|versus|compared\s+(?:to|with)|against|than)\s")]
    private static partial Regex Joiner();

    /// <summary>
    /// "Did we win more in November or December?": the two periods named, the first as asked and the second to compare
    /// it with. It compared November with October. The second may omit its preposition ("or December"). Null unless
    /// both sides of the joining word name a period, and not the same one.
    /// </summary>
    public static (ChatPeriod First, ChatPeriod Second)? Pair(string question, DateTime now)
    {
        var q = question.ToLowerInvariant();
        // "Compare December with November": the verb comes first, so the joiner is a bare "with", "to" or "and" (which
        // elsewhere join a range or a list: "from November to December").
        if (CompareVerb().Match(q) is { Success: true } compare && Side(compare.Groups["a"].Value) is { } a && Side(compare.Groups["b"].Value) is { } b
            && (a.From, a.To) != (b.From, b.To))
        {
            return (a, b);
        }

        foreach (Match join in Joiner().Matches(q))
        {
            var rest = q[(join.Index + join.Length)..];
            if (Parse(q[..join.Index], now) is { } first && (Parse(rest, now) ?? Parse("in " + rest, now)) is { } second
                && (first.From, first.To) != (second.From, second.To))
            {
                return (first, second);
            }
        }

        return null;

        ChatPeriod? Side(string text) => Parse(text, now) ?? Parse("in " + text, now);
    }

    [GeneratedRegex(@"^\s*(?:please\s+)?compare\s+(?<a>.+?)\s+(?:with|to|and|against|vs\.?|versus)\s+(?<b>.+?)[\s?.!]*$")]
    private static partial Regex CompareVerb();

    public static ChatPeriod? Parse(string question, DateTime now)
    {
        // A period named by its date can lie ahead too: "in 2018", "in January 2018", asked on 31 Dec 2017.
        var period = ParseAny(question, now);
        return period is { Ahead: false } && period.From > now ? period with { Ahead = true } : period;
    }

    private static ChatPeriod? ParseAny(string question, DateTime now)
    {
        var q = question.ToLowerInvariant();
        if (ComparedWithLast().Match(q) is { Success: true } baseline)
        {
            // "How are we doing compared to last month?" asks about this month, and compares it with last month (the
            // period before, which every comparison already states). It was answered about last month.
            return Parse(q.Remove(baseline.Index, baseline.Length), now) ?? Parse("this " + baseline.Groups[1].Value, now);
        }

        if (SpanOf(q, now) is { } span)
        {
            return span;
        }

        if (PartOf().Match(q) is { Success: true } part)
        {
            // "The first 10 days of December": the month read without the part's words (so "last 10 days" is not read
            // as the last 10 days to now), then narrowed. It was answered for all of December, with nothing said.
            var rest = TheUnit().Replace(q.Remove(part.Index, part.Length), "this $1");
            return Parse(rest, now) is { Part: false } whole ? Narrow(whole, part) : null;
        }

        if (Ahead(q, now) is { } ahead)
        {
            return ahead;
        }

        var until = now.AddTicks(1);
        var week = Scorecard.ScorecardCalculator.WeekStart(now);
        var month = Scorecard.ScorecardCalculator.MonthStart(now);
        var year = new DateTime(now.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        if (LastDays().Match(q) is { Success: true } days)
        {
            var n = ChatRanking.Number(days.Groups["n"].Value) ?? 0;
            var unit = days.Groups["unit"].Value;
            var from = unit switch { "month" => now.AddMonths(-n), "week" => now.AddDays(-7 * n), _ => now.AddDays(-n) };
            return new ChatPeriod(from, until, n == 1 ? $"the last {unit}" : $"the last {n} {unit}s");
        }

        if (Quarter().Match(q) is { Success: true } quarter)
        {
            var from = new DateTime(int.Parse(quarter.Groups[2].Value, CultureInfo.InvariantCulture), (int.Parse(quarter.Groups[1].Value, CultureInfo.InvariantCulture) - 1) * 3 + 1, 1, 0, 0, 0, DateTimeKind.Utc);
            return new ChatPeriod(from, from.AddMonths(3), $"Q{quarter.Groups[1].Value} {from.Year}");
        }

        if (MonthYear().Match(q) is { Success: true } monthYear)
        {
            var m = DateTime.ParseExact(monthYear.Groups[1].Value, "MMMM", CultureInfo.InvariantCulture).Month;
            var from = new DateTime(int.Parse(monthYear.Groups[2].Value, CultureInfo.InvariantCulture), m, 1, 0, 0, 0, DateTimeKind.Utc);
            return new ChatPeriod(from, from.AddMonths(1), from.ToString("MMMM yyyy", CultureInfo.InvariantCulture));
        }

        if (Latest(MonthAlone().Match(q), now) is { } latestMonth)
        {
            return latestMonth;
        }

        if (QuarterAlone().Match(q) is { Success: true } q4)
        {
            // The latest such quarter that has begun: asked in December 2017, "Q3" is Q3 2017 and "Q4" the quarter so far.
            var start = new DateTime(now.Year, (int.Parse(q4.Groups[1].Value, CultureInfo.InvariantCulture) - 1) * 3 + 1, 1, 0, 0, 0, DateTimeKind.Utc);
            start = start > now ? start.AddYears(-1) : start;
            return new ChatPeriod(start, Min(start.AddMonths(3), until), $"Q{q4.Groups[1].Value} {start.Year}", Ends: start.AddMonths(3));
        }

        if (q.Contains("this week", StringComparison.Ordinal)) return new ChatPeriod(week, until, "this week", Ends: week.AddDays(7));
        if (q.Contains("last week", StringComparison.Ordinal) || q.Contains("previous week", StringComparison.Ordinal)) return new ChatPeriod(week.AddDays(-7), week, "last week");
        if (q.Contains("this month", StringComparison.Ordinal)) return new ChatPeriod(month, until, "this month", Ends: month.AddMonths(1));
        if (q.Contains("last month", StringComparison.Ordinal) || q.Contains("previous month", StringComparison.Ordinal)) return new ChatPeriod(month.AddMonths(-1), month, "last month");
        var quarterStart = new DateTime(now.Year, ((now.Month - 1) / 3 * 3) + 1, 1, 0, 0, 0, DateTimeKind.Utc);
        if (q.Contains("this quarter", StringComparison.Ordinal)) return new ChatPeriod(quarterStart, until, "this quarter", Ends: quarterStart.AddMonths(3));
        if (q.Contains("last quarter", StringComparison.Ordinal) || q.Contains("previous quarter", StringComparison.Ordinal)) return new ChatPeriod(quarterStart.AddMonths(-3), quarterStart, "the last quarter");
        if (q.Contains("this year", StringComparison.Ordinal)) return new ChatPeriod(year, until, "this year", Ends: year.AddYears(1));
        if (q.Contains("last year", StringComparison.Ordinal) || q.Contains("previous year", StringComparison.Ordinal)) return new ChatPeriod(year.AddYears(-1), year, "last year");
        if (q.Contains("today", StringComparison.Ordinal)) return new ChatPeriod(now.Date, until, "today", Ends: now.Date.AddDays(1));
        if (q.Contains("yesterday", StringComparison.Ordinal)) return new ChatPeriod(now.Date.AddDays(-1), now.Date, "yesterday");

        foreach (Match match in Year().Matches(q))
        {
            var text = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
            var y = int.Parse(text, CultureInfo.InvariantCulture);
            if (y is >= 2000 and <= 2100)
            {
                var from = new DateTime(y, 1, 1, 0, 0, 0, DateTimeKind.Utc);
                return new ChatPeriod(from, from.AddYears(1), y.ToString(CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    /// <summary>
    /// The period ahead a question names: the calendar's next week (Monday to Sunday), month, quarter or year, tomorrow,
    /// or the next N days, weeks or months from now. Null when it names none.
    /// </summary>
    private static ChatPeriod? Ahead(string q, DateTime now)
    {
        if (Next().Match(q) is not { Success: true } next)
        {
            return null;
        }

        if (!next.Groups["unit"].Success)
        {
            return new ChatPeriod(now.Date.AddDays(1), now.Date.AddDays(2), "tomorrow", Ahead: true);
        }

        var unit = next.Groups["unit"].Value;
        if (next.Groups["n"].Success)
        {
            // "The next 30 days" start now: the part of today still to come is in them.
            var n = ChatRanking.Number(next.Groups["n"].Value) ?? 0;
            var to = unit switch { "year" => now.AddYears(n), "quarter" => now.AddMonths(3 * n), "month" => now.AddMonths(n), "week" => now.AddDays(7 * n), _ => now.AddDays(n) };
            return n < 1 ? null : new ChatPeriod(now, to, n == 1 ? $"the next {unit}" : $"the next {n} {unit}s", Ahead: true);
        }

        var (from, end) = unit switch
        {
            "day" => (now.Date.AddDays(1), now.Date.AddDays(2)),
            "week" => (Scorecard.ScorecardCalculator.WeekStart(now).AddDays(7), Scorecard.ScorecardCalculator.WeekStart(now).AddDays(14)),
            "month" => (Scorecard.ScorecardCalculator.MonthStart(now).AddMonths(1), Scorecard.ScorecardCalculator.MonthStart(now).AddMonths(2)),
            "quarter" => (QuarterStart(now).AddMonths(3), QuarterStart(now).AddMonths(6)),
            _ => (new DateTime(now.Year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(now.Year + 2, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
        };
        return new ChatPeriod(from, end, unit == "day" ? "tomorrow" : "next " + unit, Ahead: true);
    }

    private static DateTime QuarterStart(DateTime now) => new(now.Year, ((now.Month - 1) / 3 * 3) + 1, 1, 0, 0, 0, DateTimeKind.Utc);

    // "year to date", "YTD", "since the start of the month": the period so far, which "this year" (this month…) already
    // is. "Revenue year to date" was answered for this month, with "date" named as not recorded.
    [GeneratedRegex(@"\b(?:(?<unit>week|month|quarter|year)[\s-]+to[\s-]+date|(?<abbr>wtd|mtd|qtd|ytd)|since\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+(?<unit>week|month|quarter|year))\b")]
    private static partial Regex ToDate();

    // "since June 2017", "since last month", "since Q3": from the period's start to now. It was read as the period
    // itself ("won since October" answered October alone). The period follows "since" at once: in "since we last won a
    // deal in 2017" it does not.
    [GeneratedRegex(@"\bsince\s+(?<rest>(?:(?:the|last|this|previous)\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december|q[1-4]|\d{4}|week|month|quarter|year|yesterday|today)\b.*)$")]
    private static partial Regex Since();

    // "from March to June 2017", "between July and September", "from Q1 through Q3 2017": one period from the first
    // side's start to the second's end. Only when both sides are periods ("from proposal to won" is not one).
    [GeneratedRegex(@"\b(?:from|between)\s+(?<a>[a-z0-9 ]+?)\s+(?:to|and|until|till|through|thru)\s+(?<b>[a-z0-9 ]+)")]
    private static partial Regex Range();

    /// <summary>A span of time named by its ends: to date, since a period, or from one period to another; null otherwise.</summary>
    private static ChatPeriod? SpanOf(string q, DateTime now)
    {
        if (ToDate().Match(q) is { Success: true } toDate)
        {
            var unit = toDate.Groups["abbr"].Success
                ? toDate.Groups["abbr"].Value[0] switch { 'w' => "week", 'm' => "month", 'q' => "quarter", _ => "year" }
                : toDate.Groups["unit"].Value;
            return Parse("this " + unit, now);
        }

        if (Since().Match(q) is { Success: true } since && Side(since.Groups["rest"].Value, now) is { } start && start.From <= now)
        {
            return new ChatPeriod(start.From, now.AddTicks(1), "since " + start.Label);
        }

        foreach (Match range in Range().Matches(q))
        {
            if (Side(range.Groups["b"].Value, now) is { } last && FirstSide(range.Groups["a"].Value, last, now) is { } first)
            {
                return new ChatPeriod(first.From, last.To, $"from {first.Label} to {last.Label}", Ends: last.Ends);
            }
        }

        return null;
    }

    private static ChatPeriod? Side(string text, DateTime now) => Parse(text, now) ?? Parse("in " + text, now);

    /// <summary>
    /// The range's first side, in the second side's year when it names none ("from March to June 2017" is March 2017),
    /// or the year before when that would start after the second ("from December to February 2018"). Null when it is
    /// no period or does not start before the second side ends.
    /// </summary>
    private static ChatPeriod? FirstSide(string text, ChatPeriod last, DateTime now)
    {
        // The side alone must name a period: "from qualified to won in 2017" is a stage change, not a range of years.
        if (Side(text, now) is not { } alone)
        {
            return null;
        }

        var first = Year().IsMatch(text) ? alone
            : Side($"{text} {last.From.Year}", now) is { } same && same.From < last.From ? same
            : Side($"{text} {last.From.Year - 1}", now) is { } before && before.From < last.From && before.To <= last.From ? before
            : alone;
        return first.From < last.To ? first : null;
    }

    /// <summary>The words of a to-date phrase ("year to date"), which name a period and are not missing from the console.</summary>
    public static IEnumerable<string> ToDateWords(string question) =>
        ToDate().Match(question.ToLowerInvariant()) is { Success: true } m ? [m.Value, .. m.Value.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)] : [];

    // "the first 10 days of", "the last two weeks of", "the second week of", "the first half of", "the final 3 months of":
    // the words up to "of", which stays for the period after it ("of december" is read as a month is after "in").
    [GeneratedRegex(@"\b(?:the\s+)?(?<edge>first|second|third|fourth|fifth|last|final|opening|closing)\s+(?:(?<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?(?<unit>day|week|month|quarter|half)s?\s+(?=of\b)")]
    private static partial Regex PartOf();

    // "of the month" after a part: the current one ("the last week of the month").
    [GeneratedRegex(@"\bof\s+the\s+(week|month|quarter|year)\b")]
    private static partial Regex TheUnit();

    private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth"];

    /// <summary>
    /// The part of <paramref name="whole"/> a <see cref="PartOf"/> match names. Days and weeks count from the period's
    /// first day (or back from its last), months and quarters are calendar ones, and a half of an even number of months
    /// is months (H1 is January–June), of anything else days, the first half rounded down (1–15 December). A period
    /// still running ("this month") is split as its whole calendar span and then cut at now; a part that has not begun
    /// yet is no period (null).
    /// </summary>
    private static ChatPeriod? Narrow(ChatPeriod whole, Match part)
    {
        var edge = part.Groups["edge"].Value is "opening" ? "first" : part.Groups["edge"].Value;
        var unit = part.Groups["unit"].Value;
        var text = part.Groups["n"].Value;
        var n = text.Length == 0 ? 1 : ChatRanking.Number(text) ?? 0;
        var fromEnd = edge is "last" or "final" or "closing" || (unit == "half" && edge == "second");
        // "The second week of": one unit, after the ones before it (the first half is a half's own case).
        var nth = unit == "half" || fromEnd ? 1 : Array.IndexOf(Ordinals, edge) + 1;
        if (n < 1 || (text.Length > 0 && (unit == "half" || nth > 1)) || nth < 1)
        {
            return null;
        }

        var (start, end, months) = CalendarSpan(whole);
        var days = (int)(end - start).TotalDays;
        var (byMonths, count) = unit switch
        {
            "half" when months > 0 && months % 2 == 0 => (true, months / 2),
            "half" => (false, fromEnd ? days - (days / 2) : days / 2),
            "month" => (true, n),
            "quarter" => (true, 3 * n),
            "week" => (false, 7 * n),
            _ => (false, n),
        };
        var first = byMonths ? start.AddMonths(count * (nth - 1)) : start.AddDays(count * (nth - 1));
        var (from, to) = fromEnd
            ? (byMonths ? end.AddMonths(-count) : end.AddDays(-count), end)
            : (first, byMonths ? first.AddMonths(count) : first.AddDays(count));
        (from, to) = (Max(from, whole.From), Min(to, whole.To));
        if (from >= to)
        {
            return null;
        }

        var words = unit == "half" ? $"the {(fromEnd ? "second" : "first")} half"
            : $"the {(fromEnd ? "last" : Ordinals[nth - 1])} {(n == 1 ? unit : $"{n} {unit}s")}";
        return new ChatPeriod(from, to, $"{words} of {whole.Label}", Part: true);
    }

    /// <summary>The period's calendar span (to <see cref="ChatPeriod.Ends"/> when still running), and its whole months when it is months.</summary>
    private static (DateTime Start, DateTime End, int Months) CalendarSpan(ChatPeriod whole)
    {
        var end = whole.Ends ?? whole.To;
        var months = ((end.Year - whole.From.Year) * 12) + end.Month - whole.From.Month;
        var byMonths = whole.From.Day == 1 && end.Day == 1 && whole.From.TimeOfDay == TimeSpan.Zero && end.TimeOfDay == TimeSpan.Zero;
        return (whole.From, end, byMonths ? months : 0);
    }

    /// <summary>A month named without its year: the latest one that has begun (asked in December 2017, "November" is November 2017).</summary>
    private static ChatPeriod? Latest(Match month, DateTime now)
    {
        if (!month.Success)
        {
            return null;
        }

        var m = DateTime.ParseExact(month.Groups[1].Value, "MMMM", CultureInfo.InvariantCulture).Month;
        var from = new DateTime(now.Year, m, 1, 0, 0, 0, DateTimeKind.Utc);
        from = from > now ? from.AddYears(-1) : from;
        return new ChatPeriod(from, Min(from.AddMonths(1), now.AddTicks(1)), from.ToString("MMMM yyyy", CultureInfo.InvariantCulture), Ends: from.AddMonths(1));
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
