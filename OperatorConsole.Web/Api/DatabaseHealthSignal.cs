using OperatorConsole.Data.Failures;

namespace OperatorConsole.Web.Api;

/// <summary>
/// Remembers the last time the database refused work, so the failure is not only a 503 to one caller but a
/// line in Failures &amp; Interventions ("database" integration) for the people watching. It cannot be written to
/// the database it is about, so it is reported from memory for <see cref="WindowMinutes"/> after the last failure.
/// </summary>
public sealed class DatabaseHealthSignal(TimeProvider time) : IRuntimeHealthSignals
{
    public const string IntegrationName = "database";
    public const int WindowMinutes = 15;

    private readonly Lock _gate = new();

    public DateTime? LastFailureAt { get; private set; }
    public string? LastFailure { get; private set; }
    public int FailureCount { get; private set; }

    /// <summary>When the first failure of the current streak happened (reset when the window passes quietly).</summary>
    public DateTime? StreakStartedAt { get; private set; }

    public event Action? Changed;

    public void ReportFailure(Exception exception)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (LastFailureAt is null || now - LastFailureAt.Value > TimeSpan.FromMinutes(WindowMinutes))
            {
                StreakStartedAt = now;
            }

            LastFailureAt = now;
            LastFailure = exception.GetBaseException().Message;
            FailureCount++;
        }

        Changed?.Invoke();
    }

    public IReadOnlyList<RuntimeHealthProblem> Current(DateTime now)
    {
        lock (_gate)
        {
            if (LastFailureAt is not { } at || now - at > TimeSpan.FromMinutes(WindowMinutes))
            {
                return [];
            }

            return [new RuntimeHealthProblem(IntegrationName, null, StreakStartedAt ?? at,
                $"The database refused work (answered 503) at {at:HH:mm:ss} UTC: {LastFailure}")];
        }
    }
}
