namespace OperatorConsole.Domain.Leads;

/// <summary>Where an open deal's expected close date falls, as a stand-up reads the pipeline ahead.</summary>
public enum CloseWindow
{
    /// <summary>The day has passed and the deal is still open: it slipped.</summary>
    Past,

    /// <summary>From today to Sunday.</summary>
    ThisWeek,

    /// <summary>The calendar's next week, Monday to Sunday (the chat's "next week", ADR 245).</summary>
    NextWeek,

    /// <summary>After next week.</summary>
    Later,

    /// <summary>Nobody set a day.</summary>
    NoDate,
}

/// <summary>An open deal's expected close date as the Leads list filters it (the API's <c>expectedClose</c>), as <see cref="NextStepState"/> does its next step.</summary>
public enum ExpectedCloseState
{
    /// <summary>No day set.</summary>
    None,

    /// <summary>Today or later.</summary>
    Ahead,

    /// <summary>Before today, and still open.</summary>
    Past,
}

/// <summary>
/// The windows of the Command Center's "Expected to close" card, pure: weeks run Monday to Sunday as every week of the
/// console does; a day is past only once it has ended (<see cref="LeadRules.IsPastExpectedClose"/>).
/// </summary>
public static class CloseWindows
{
    public static readonly CloseWindow[] All = Enum.GetValues<CloseWindow>();

    public static CloseWindow Of(DateOnly? on, DateOnly today)
    {
        if (on is not { } day)
        {
            return CloseWindow.NoDate;
        }

        var sunday = EndOfWeek(today);
        return day < today ? CloseWindow.Past
            : day <= sunday ? CloseWindow.ThisWeek
            : day <= sunday.AddDays(7) ? CloseWindow.NextWeek
            : CloseWindow.Later;
    }

    /// <summary>The window's first and last day, each null where it is open-ended (Past has no first, Later no last); none for NoDate.</summary>
    public static (DateOnly? First, DateOnly? Last) Days(CloseWindow window, DateOnly today)
    {
        var sunday = EndOfWeek(today);
        return window switch
        {
            CloseWindow.Past => (null, today.AddDays(-1)),
            CloseWindow.ThisWeek => (today, sunday),
            CloseWindow.NextWeek => (sunday.AddDays(1), sunday.AddDays(7)),
            CloseWindow.Later => (sunday.AddDays(8), null),
            _ => (null, null),
        };
    }

    public static string Label(CloseWindow window) => window switch
    {
        CloseWindow.Past => "Past their date",
        CloseWindow.ThisWeek => "This week",
        CloseWindow.NextWeek => "Next week",
        CloseWindow.Later => "Later",
        _ => "No date set",
    };

    /// <summary>The Sunday that ends <paramref name="today"/>'s week (today itself on a Sunday).</summary>
    public static DateOnly EndOfWeek(DateOnly today) => today.AddDays((7 - (int)today.DayOfWeek) % 7);
}
