namespace OperatorConsole.Tests.Infrastructure;

/// <summary>
/// For tests that prove something is no longer held (weak references to a replaced answer): full, blocking,
/// compacting collections with finalizers run in between, so an object still alive afterwards is reachable.
/// </summary>
public static class FullCollection
{
    public static void Run()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
    }
}
