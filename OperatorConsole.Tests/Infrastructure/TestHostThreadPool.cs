using System.Runtime.CompilerServices;

namespace OperatorConsole.Tests.Infrastructure;

/// <summary>
/// One test process hosts several consoles (each collection's server), Chromium's Playwright client and bUnit's
/// blocking waits, two collections at a time. bUnit's WaitForAssertion holds a pool thread while it waits, and the
/// pool adds threads slowly (hill climbing, about two a second), so a burst of those waits queued every server's work
/// behind them: a probe measured work items waiting up to 3.6 s (hundreds pending on 10 threads) in a local run, and a
/// CI run once had a Blazor circuit not start within 15 s. Starting with enough threads for the blocked waiters keeps
/// the servers answering; the CPU is still the machine's two cores.
/// </summary>
internal static class TestHostThreadPool
{
    private const int MinimumThreads = 64;

    [ModuleInitializer]
    internal static void Widen()
    {
        ThreadPool.GetMinThreads(out var worker, out var io);
        ThreadPool.SetMinThreads(Math.Max(worker, MinimumThreads), Math.Max(io, MinimumThreads));
    }
}
