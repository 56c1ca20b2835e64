using System.Runtime;
using System.Runtime.InteropServices;

namespace OperatorConsole.Bench;

/// <summary>The first line of a benchmark's output: the machine, runtime and garbage collector its figures come from.</summary>
public static class BenchMachine
{
    /// <summary>
    /// Cores, OS, .NET and the GC mode. A console hosted in this process runs under this process's GC, which is
    /// workstation unless <c>DOTNET_gcServer=1</c>; the published console runs Server GC (the web SDK's default),
    /// so a figure taken in process says which of the two it was taken under.
    /// </summary>
    public static string Describe() =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, " +
        (GCSettings.IsServerGC ? "Server GC, as the published console" : "workstation GC (the published console runs Server GC; DOTNET_gcServer=1 runs this bench with it)");
}
