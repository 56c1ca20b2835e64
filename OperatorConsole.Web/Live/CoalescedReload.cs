namespace OperatorConsole.Web.Live;

/// <summary>
/// Coalesces change notifications for one component: at most one reload runs at a time, and any number of
/// changes that arrive during it cause exactly one more. Errors go to the component's error boundary.
/// </summary>
public sealed class CoalescedReload(Func<Task> reloadOnDispatcher, Func<Exception, Task> dispatchException, Func<bool> isDisposed)
{
    private int _pending;

    public async Task RequestAsync()
    {
        if (isDisposed() || Interlocked.Increment(ref _pending) > 1)
        {
            return;
        }

        while (!isDisposed())
        {
            var seen = Volatile.Read(ref _pending);
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

            if (Interlocked.CompareExchange(ref _pending, 0, seen) == seen)
            {
                return;
            }
        }
    }
}
