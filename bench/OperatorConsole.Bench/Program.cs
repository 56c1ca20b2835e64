using OperatorConsole.Bench.Failures;

namespace OperatorConsole.Bench;

/// <summary>
/// One executable, one subcommand per benchmark: <c>dotnet run -c Release --project bench/OperatorConsole.Bench -- &lt;name&gt; [--option value …]</c>.
/// A new benchmark (import, ingest…) adds a class implementing <see cref="IBenchCommand"/> and one line in <see cref="Commands"/>.
/// (Not top-level statements: the console's own <c>Program</c> is what the host boots.)
/// </summary>
public static class BenchProgram
{
    private static readonly IBenchCommand[] Commands =
    [
        new FailuresBenchmark(),
        new Ingest.IngestBenchmark(),
        new Ingest.NoopServer(),
        new Live.LiveDashboardsBenchmark(),
        new Live.CircuitsBenchmark(),
        new Live.SocketFloorBenchmark(),
        new Risk.RiskCorpusBenchmark(),
        new Alerts.AlertLatencyBenchmark(),
    ];

    public static async Task<int> Main(string[] args)
    {
        var command = args.Length > 0 ? Commands.FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.OrdinalIgnoreCase)) : null;
        if (command is null)
        {
            Console.WriteLine("Operator Console benchmarks. Usage: dotnet run -c Release --project bench/OperatorConsole.Bench -- <benchmark> [--option value …]");
            foreach (var c in Commands)
            {
                Console.WriteLine($"  {c.Name,-12} {c.Description}");
            }

            return args.Length == 0 ? 0 : 2;
        }

        return await command.RunAsync(BenchOptions.Parse(args.Skip(1)));
    }
}
