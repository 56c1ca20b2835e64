using System.Diagnostics;
using System.Globalization;

namespace OperatorConsole.Bench;

/// <summary>
/// What this process spent from <see cref="Now"/> until <see cref="PerItem"/>, divided over the items measured: CPU
/// (every thread, the GC's included), wall time, bytes allocated and GC pause, and the collections by generation.
/// </summary>
public sealed record ProcessCost(TimeSpan Cpu, long Wall, long Allocated, TimeSpan Paused, int Gen0, int Gen1, int Gen2)
{
    public static ProcessCost Now() => new(
        Process.GetCurrentProcess().TotalProcessorTime, Stopwatch.GetTimestamp(), GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(),
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    public string PerItem(int items, string item)
    {
        var now = Now();
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU {(now.Cpu - Cpu).TotalMilliseconds / items:0.0} ms per {item}, wall {Stopwatch.GetElapsedTime(Wall, now.Wall).TotalMilliseconds / items:0.0} ms; " +
            $"allocated {(now.Allocated - Allocated) / 1048576.0 / items:0.0} MB per {item}, GC pauses {(now.Paused - Paused).TotalMilliseconds / items:0.0} ms per {item}; " +
            $"GCs {now.Gen0 - Gen0}/{now.Gen1 - Gen1}/{now.Gen2 - Gen2}");
    }
}
