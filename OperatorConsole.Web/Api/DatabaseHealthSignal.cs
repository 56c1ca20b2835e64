using OperatorConsole.Data.Failures;

namespace OperatorConsole.Web.Api;

/// <summary>
/// Whether the database is refusing writes right now, so the failure is not only a 503 to one caller but a
/// line in Failures &amp; Interventions ("database" integration) for the people watching. A 503 or a failed
/// write probe (<see cref="DatabaseMonitor"/>, which also feeds /health/ready) marks it failing; the next
/// probe that can write clears it — it is shown "until writes work again", not for a fixed time. It cannot be
/// written to the database it is about while failing, so it lives in memory then; the monitor writes the
/// outage into the "database" integration record when the database takes writes again, and re-detects a
/// still-failing database within one probe after a restart.
/// </summary>
public sealed class DatabaseHealthSignal(TimeProvider time) : IRuntimeHealthSignals
{
    public const string IntegrationName = "database";

    private readonly Lock _gate = new();

    public DateTime? LastFailureAt { get; private set; }
    public string? LastFailure { get; private set; }
    public int FailureCount { get; private set; }

    /// <summary>When the first failure of the current streak happened.</summary>
    public DateTime? StreakStartedAt { get; private set; }

    /// <summary>When a write last succeeded after a failure (null while failing or before any failure).</summary>
    public DateTime? RecoveredAt { get; private set; }

    public bool IsFailing
    {
        get
        {
            lock (_gate)
            {
                return LastFailureAt is { } failed && (RecoveredAt is not { } ok || failed > ok);
            }
        }
    }

    public event Action? Changed;

    public void ReportFailure(Exception exception) => ReportFailure(exception.GetBaseException().Message);

    public void ReportFailure(string message)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (LastFailureAt is null || (RecoveredAt is { } ok && ok >= LastFailureAt))
            {
                StreakStartedAt = now;
                FailureCount = 0;
            }

            LastFailureAt = now;
            LastFailure = message;
            FailureCount++;
        }

        Changed?.Invoke();
    }

    /// <summary>A write worked. Returns the streak that just ended (to be recorded), or null when nothing was failing.</summary>
    public (DateTime From, DateTime To, int Failures, string Message)? ReportWritable()
    {
        (DateTime, DateTime, int, string)? ended;
        lock (_gate)
        {
            if (LastFailureAt is not { } failed || (RecoveredAt is { } ok && ok >= failed))
            {
                return null;
            }

            RecoveredAt = time.GetUtcNow().UtcDateTime;
            ended = (StreakStartedAt ?? failed, failed, FailureCount, LastFailure ?? "");
        }

        Changed?.Invoke();
        return ended;
    }

    public IReadOnlyList<RuntimeHealthProblem> Current(DateTime now)
    {
        lock (_gate)
        {
            if (LastFailureAt is not { } at || (RecoveredAt is { } ok && ok >= at))
            {
                return [];
            }

            return [new RuntimeHealthProblem(IntegrationName, RecoveredAt, StreakStartedAt ?? at,
                $"The database refuses writes (last at {at:HH:mm:ss} UTC, {FailureCount} time(s)): {LastFailure}")];
        }
    }
}
