using System.Globalization;

namespace OperatorConsole.Web.Components.Shared;

/// <summary>
/// How every screen writes numbers, money, dates and durations, so the same value never reads two ways on two pages
/// ("11000.0" beside "11,000", 12/26/2026 beside 2026-12-26). Invariant culture on purpose: the server's culture is
/// not the reader's, and ISO dates with thousands separators read the same everywhere. Relative times ("3 d ago")
/// are shown with the exact UTC time in a title by the <see cref="Ago"/> component.
/// </summary>
public static class ConsoleFormat
{
    /// <summary>Amounts are recorded in one currency (service packages carry their own, USD by default).</summary>
    public const string DefaultCurrency = "USD";

    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>"12,000" / "3.5" / "—": thousands separators, at most two decimals, nothing trailing.</summary>
    public static string Number(decimal? value) => value?.ToString("#,0.##", Culture) ?? "—";

    public static string Number(double? value) => value?.ToString("#,0.##", Culture) ?? "—";

    public static string Count(int value) => value.ToString("#,0", Culture);

    /// <summary>"1 run", "1,204 runs": a count with its noun, singular for one (nouns here take a plain "s").</summary>
    public static string Count(int value, string noun) => value == 1 ? $"1 {noun}" : $"{Count(value)} {noun}s";

    /// <summary>"12,000 USD", whole units: a deal value is never read to the cent.</summary>
    public static string Money(decimal? value, string? currency = DefaultCurrency) =>
        value is { } v ? v.ToString("#,0", Culture) + " " + (string.IsNullOrWhiteSpace(currency) ? DefaultCurrency : currency) : "—";

    /// <summary>
    /// "63 % of 19 closed": a rate always says how many it is out of, so 100 % of 1 does not read like 100 % of 50.
    /// <paramref name="rate"/> is a fraction (0–1); with no sample it reads "— (none closed)".
    /// </summary>
    public static string Rate(double? rate, int sample, string of = "closed") =>
        sample <= 0 || rate is null ? $"— (none {of})" : $"{Math.Round(rate.Value * 100, MidpointRounding.AwayFromZero).ToString("0", Culture)} % of {Count(sample)} {of}";

    public static string Rate(decimal? rate, int sample, string of = "closed") => Rate((double?)rate, sample, of);

    /// <summary>"12.5 h" / "3 %" / "—": a number with its unit, if it has one.</summary>
    public static string Number(decimal? value, string? unit) =>
        value is null ? "—" : Number(value) + (string.IsNullOrWhiteSpace(unit) ? "" : " " + unit);

    /// <summary>"+12.5 %" / "-3 %": a change against a baseline, always signed.</summary>
    public static string Change(decimal? percent) =>
        percent is { } p ? (p > 0 ? "+" : "") + p.ToString("#,0.#", Culture) + " %" : "—";

    /// <summary>
    /// "25 Nov 2026": the one way a screen writes a date, as the period labels, the account page and the chat write it.
    /// Lists wrote "2017-12-09" beside cards that said "9 Dec 2017".
    /// </summary>
    public static string Date(DateTime? value) => value?.ToString("d MMM yyyy", Culture) ?? "—";

    /// <summary>"25 Nov 2026 09:00 UTC": every stored time is UTC.</summary>
    /// <summary>A calendar day with no time (an expected close date): "12 Jan 2027".</summary>
    public static string Day(DateOnly? value) => value?.ToString("d MMM yyyy", Culture) ?? "—";

    /// <summary>"today", "tomorrow", "in 6 days", "3 days ago": a calendar day counted from <paramref name="today"/>.</summary>
    public static string DaysFrom(DateOnly on, DateOnly today) => (on.DayNumber - today.DayNumber) switch
    {
        0 => "today",
        1 => "tomorrow",
        -1 => "yesterday",
        > 0 and var ahead => $"in {ahead} days",
        var ago => $"{-ago} days ago",
    };

    public static string DateTime(DateTime? value) => value?.ToString("d MMM yyyy HH:mm 'UTC'", Culture) ?? "—";

    /// <summary>"just now", "12 min ago", "5 h ago", "3 d ago".</summary>
    public static string Ago(TimeSpan span) => span.TotalSeconds switch
    {
        < 60 => "just now",
        < 3600 => $"{(int)span.TotalMinutes} min ago",
        < 86400 => $"{(int)span.TotalHours} h ago",
        _ => $"{(int)span.TotalDays} d ago",
    };

    /// <summary>
    /// The format of a decimal input: the number without the trailing zeros a stored value can carry (a baseline saved
    /// as 14.0 edits as "14", an amount of 19500.50 as "19500.5"); no group separators, so what is shown parses back.
    /// </summary>
    public const string DecimalInput = "0.##########";

    /// <summary>How long something has waited: "40 min", "5 h 12 min", "3 d 4 h", "1,204 d" (never "0 d").</summary>
    public static string Duration(TimeSpan span) => span.TotalMinutes switch
    {
        < 1 => "under a minute",
        < 60 => $"{(int)span.TotalMinutes} min",
        < 1440 => $"{(int)span.TotalHours} h {span.Minutes} min",
        // Past a week the hours are noise: "423 d", not "423 d 0 h".
        < 7 * 1440 => $"{(int)span.TotalDays} d {span.Hours} h",
        _ => Count((int)span.TotalDays) + " d",
    };

    /// <summary>A long text cut to at most <paramref name="max"/> characters, the cut shown by an ellipsis.</summary>
    public static string Excerpt(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";
}
