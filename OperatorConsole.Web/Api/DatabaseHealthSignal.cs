namespace OperatorConsole.Web.Api;

/// <summary>
/// Remembers the last time the database refused work, so the failure is not only a 503 to one caller but a
/// line in Failures &amp; Interventions ("database" integration) for the people watching.
/// </summary>
public sealed class DatabaseHealthSignal(TimeProvider time)
{
    private readonly Lock _gate = new();

    public DateTime? LastFailureAt { get; private set; }
    public string? LastFailure { get; private set; }
    public int FailureCount { get; private set; }

    public event Action? Changed;

    public void ReportFailure(Exception exception)
    {
        lock (_gate)
        {
            LastFailureAt = time.GetUtcNow().UtcDateTime;
            LastFailure = exception.GetBaseException().Message;
            FailureCount++;
        }

        Changed?.Invoke();
    }
}
