using System.Globalization;

namespace OperatorConsole.Domain.Clock;

/// <summary>Which clock a screen's time-based figures use.</summary>
public enum ClockMode
{
    /// <summary>Follow the data: the wall clock while the business is live, the newest recorded activity when the data is historic.</summary>
    Data,

    /// <summary>The wall clock, whatever the data (the operator switched to "now").</summary>
    Now,
}

/// <summary>
/// The moment every time-based figure of a screen is computed against ("this week", "last 24 h", days in stage,
/// days since touch). <see cref="At"/> is the wall clock unless <see cref="IsDataAsOf"/>: then it is the newest
/// recorded activity of historic data, and every card says "data as of <see cref="Label"/>".
/// </summary>
public sealed record ReferenceTime(DateTime At, ClockMode Mode, bool IsDataAsOf, DateTime Now, DateTime? NewestActivity)
{
    /// <summary>"31 Dec 2017": the date every card of the screen names.</summary>
    public string Date => At.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>What the cards say about their clock: "data as of 31 Dec 2017" or "now".</summary>
    public string Label => IsDataAsOf ? $"data as of {Date}" : "now";

    /// <summary>The data's "as of" when it stopped, none while live: what a deal's ages on its own screens count to.</summary>
    public DateTime? DataAsOf => IsDataAsOf ? At : null;

    /// <summary>The wall clock, for callers that have no data (tests, an empty database).</summary>
    public static ReferenceTime WallClock(DateTime now, ClockMode mode = ClockMode.Now) => new(now, mode, false, now, null);
}

/// <summary>
/// The one clock rule. Data is historic when its newest recorded activity is older than the current period — the
/// two periods the constraint compares (2 × Thresholds.ConstraintPeriodDays, 28 days by default): comparing such data
/// with today makes every week empty and every deal years old. Then, in <see cref="ClockMode.Data"/>, every figure is
/// computed as of that newest activity; in <see cref="ClockMode.Now"/>, or while the business is live, against now.
/// Activity dated after now (a planned date typed in) never moves the clock.
/// </summary>
public static class ReferenceClock
{
    public static bool IsHistoric(DateTime now, DateTime? newestActivity, int currentPeriodDays) =>
        newestActivity is { } newest && newest <= now && newest < now.AddDays(-Math.Max(1, currentPeriodDays));

    public static ReferenceTime Resolve(DateTime now, DateTime? newestActivity, int currentPeriodDays, ClockMode mode)
    {
        var newest = newestActivity is { } n && n <= now ? n : (DateTime?)null;
        return mode == ClockMode.Data && IsHistoric(now, newest, currentPeriodDays)
            ? new ReferenceTime(newest!.Value, mode, true, now, newest)
            : new ReferenceTime(now, mode, false, now, newest);
    }

    /// <summary>A moment a caller asked for (an API's asOf): figures as of then, labelled with its date.</summary>
    public static ReferenceTime Requested(DateTime asOf, DateTime now) => new(asOf, ClockMode.Data, true, now, null);

    /// <summary>The current period in days for a constraint period (the two periods it compares).</summary>
    public static int CurrentPeriodDays(int constraintPeriodDays) => 2 * Math.Max(1, constraintPeriodDays);
}
