using System.Diagnostics;

namespace OperatorConsole.Web.Live;

/// <summary>
/// Coalesces change notifications for one component: at most one reload runs at a time, and any number of
/// changes that arrive during it cause exactly one more. Errors go to the component's error boundary.
/// Each completed round is recorded in <see cref="LiveMetrics.RefreshLag"/>, measured from the oldest change
/// it answered.
/// </summary>
public sealed class CoalescedReload(Func<Task> reloadOnDispatcher, Func<Exception, Task> dispatchException, Func<bool> isDisposed, string component = "")
{
    private int _pending;
    private long _oldestChange;

    /// <param name="changedAt">When the change was heard (<see cref="Stopwatch.GetTimestamp"/>); now if omitted.</param>
    public async Task RequestAsync(long? changedAt = null)
    {
        var at = changedAt ?? Stopwatch.GetTimestamp();
        if (isDisposed())
        {
            return;
        }

        // The oldest unanswered change is what the next completed reload is late for.
        Interlocked.CompareExchange(ref _oldestChange, at, 0);
        if (Interlocked.Increment(ref _pending) > 1)
        {
            return;
        }

        // Never reload on the caller's thread: that is the delivery loop of the thread that saved the change
        // (often an API request). An idle circuit dispatcher would otherwise run this reload inline, and the
        // request and every later screen would wait for it.
        await Task.Yield();

        while (!isDisposed())
        {
            var seen = Volatile.Read(ref _pending);
            var oldest = Interlocked.Exchange(ref _oldestChange, 0);
            try
            {
                await reloadOnDispatcher();
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (Exception ex)
            {
                await dispatchException(ex);
                Interlocked.Exchange(ref _pending, 0);
                return;
            }

            if (oldest != 0)
            {
                LiveMetrics.RecordRefresh(oldest, component);
            }

            if (Interlocked.CompareExchange(ref _pending, 0, seen) == seen)
            {
                return;
            }
        }
    }
}
