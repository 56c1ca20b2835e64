namespace OperatorConsole.Domain.Integrations;

/// <summary>
/// One integration's health, fed by heartbeats and by pipeline runs of the matching kind. Like a
/// scheduled-job monitor it also catches silence: no ok report within the expected interval is broken.
/// </summary>
public class IntegrationHealth
{
    public int Id { get; set; }

    /// <summary>Lower-case name; pipeline runs whose kind equals it count as reports.</summary>
    public required string Name { get; set; }
    public DateTime? LastOkAt { get; set; }
    public DateTime? LastErrorAt { get; set; }
    public string? LastError { get; set; }
    public DateTime? LastReportAt { get; set; }
    public bool? LastReportOk { get; set; }
    public string? LastMessage { get; set; }
    public int ExpectedIntervalMinutes { get; set; } = IntegrationHealthPolicy.DefaultIntervalMinutes;
    public DateTime CreatedAt { get; set; }
}

public enum IntegrationProblem
{
    None,
    NeverOk,
    Silent,
    LastReportFailed,
}

public static class IntegrationHealthPolicy
{
    public const int DefaultIntervalMinutes = 24 * 60;

    /// <summary>
    /// Broken when the last report was an error, or when no ok report came within the expected interval
    /// (measured from the last ok, or from registration when it never reported ok).
    /// </summary>
    public static IntegrationProblem Assess(IntegrationHealth integration, DateTime now)
    {
        if (integration.LastReportOk == false)
        {
            return IntegrationProblem.LastReportFailed;
        }

        var interval = TimeSpan.FromMinutes(Math.Max(1, integration.ExpectedIntervalMinutes));
        if (integration.LastOkAt is null)
        {
            return now - integration.CreatedAt > interval ? IntegrationProblem.NeverOk : IntegrationProblem.None;
        }

        return now - integration.LastOkAt.Value > interval ? IntegrationProblem.Silent : IntegrationProblem.None;
    }

    public static string Describe(IntegrationHealth integration, IntegrationProblem problem, DateTime now) => problem switch
    {
        IntegrationProblem.LastReportFailed => integration.LastError ?? "The last report was an error.",
        IntegrationProblem.NeverOk => $"No ok report since it was registered {Ago(now - integration.CreatedAt)} ago.",
        IntegrationProblem.Silent =>
            $"Silent: last ok {Ago(now - integration.LastOkAt!.Value)} ago, expected every {Ago(TimeSpan.FromMinutes(integration.ExpectedIntervalMinutes))}.",
        _ => "Healthy.",
    };

    public static string Ago(TimeSpan span) => span.TotalMinutes < 90
        ? $"{Math.Max(0, (int)span.TotalMinutes)} min"
        : span.TotalHours < 48 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalDays} d";
}
