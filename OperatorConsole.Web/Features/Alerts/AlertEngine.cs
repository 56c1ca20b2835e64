using Microsoft.Extensions.Options;
using OperatorConsole.Data.Alerts;
using OperatorConsole.Web.Features.Failures;

namespace OperatorConsole.Web.Features.Alerts;

/// <summary>
/// Runs the alert rules when Failures &amp; Interventions may have changed: on the failures report's own change
/// notification (fed by the live events of every write, from the API, the UI or another instance) and on a
/// one-minute tick of <see cref="TimeProvider"/> for what time alone changes (minimum age, quiet hours ending,
/// reminders, the digest hour). Evaluations never overlap; changes during one cause exactly one more.
/// </summary>
public sealed class AlertEngine(
    FailuresReportCache reports,
    AlertEvaluator evaluator,
    TimeProvider time,
    IOptions<AlertsOptions> options,
    ILogger<AlertEngine> logger) : IHostedService, IDisposable
{
    private IDisposable? _subscription;
    private ITimer? _timer;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _pending;

    /// <summary>Completed evaluations (tests wait on it).</summary>
    public long Evaluations => Interlocked.Read(ref _evaluations);

    private long _evaluations;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Deliver)
        {
            return Task.CompletedTask;
        }

        _subscription = reports.Subscribe(RequestAsync);
        _timer = time.CreateTimer(_ => _ = RequestAsync(), null, TimeSpan.Zero, options.Value.TickInterval);
        return Task.CompletedTask;
    }

    /// <summary>Asks for an evaluation; coalesced with any that is running.</summary>
    public async Task RequestAsync()
    {
        if (Interlocked.Increment(ref _pending) > 1)
        {
            return;
        }

        await Task.Yield();
        do
        {
            var seen = Volatile.Read(ref _pending);
            await EvaluateOnceAsync();
            if (Interlocked.Add(ref _pending, -seen) == 0)
            {
                return;
            }
        }
        while (true);
    }

    /// <summary>One evaluation now (tests call it directly to step a fake clock).</summary>
    public async Task<int> EvaluateOnceAsync()
    {
        await _gate.WaitAsync();
        try
        {
            // The report is only computed when some channel is enabled: the evaluator asks for it.
            return await evaluator.EvaluateAsync(ct => reports.GetAsync(ct), time.GetUtcNow().UtcDateTime, options.Value.ConsoleUrl);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Evaluating the alert rules failed");
            return 0;
        }
        finally
        {
            Interlocked.Increment(ref _evaluations);
            _gate.Release();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _timer?.Dispose();
        _subscription = null;
        _timer = null;
    }
}
