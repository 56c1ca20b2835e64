using System.Globalization;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Risk;

namespace OperatorConsole.Bench.Risk;

/// <summary>
/// <c>-- risk [--corpus path] [--verbose x] [--half tuning]</c>: the default rules against the labelled corpus of real
/// commits — level agreement overall and on the tuning, held-out and unseen parts, false lows on high labels, a confusion
/// matrix and agreement per stack (docs/features/risk-classifier.md). <c>--half tuning</c> lists only the tuning half's
/// disagreements, the only ones a rule change may be written from.
/// </summary>
public sealed class RiskCorpusBenchmark : IBenchCommand
{
    public string Name => "risk";

    public string Description => "Change-risk classifier vs a reviewer's labels on real commits (risk-corpus.csv)";

    public Task<int> RunAsync(BenchOptions options)
    {
        var path = options.String("corpus") ?? Path.Combine(AppContext.BaseDirectory, "risk-corpus.csv");
        var corpus = RiskCorpus.Parse(File.ReadAllText(path));
        var score = RiskCorpus.Score(RiskRules.Defaults, corpus);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"Corpus: {corpus.Count} commits from {corpus.Select(c => c.Repo).Distinct().Count()} repositories ({path})");
        Console.WriteLine(string.Create(inv, $"Level agreement: {score.Agreed}/{score.Total} = {score.Percent:F1} %"));
        Console.WriteLine($"False lows on high labels: {score.FalseLowsOnHigh.Count} (auth/money/infra/gate: {score.FalseLowsOnCriticalAreas})");

        // The halves are fixed by the commit id (RiskCorpus.HalfOf); rules are only ever written from tuning disagreements.
        Console.WriteLine();
        Console.WriteLine("By half (tuning: rules may be changed from its disagreements; held-out and unseen: only scored)");
        foreach (var half in Enum.GetValues<CorpusHalf>())
        {
            var part = corpus.Where(c => c.Half == half).ToList();
            if (part.Count == 0)
            {
                continue;
            }

            var partScore = RiskCorpus.Score(RiskRules.Defaults, part);
            Console.WriteLine(string.Create(inv,
                $"  {Spell(half),-9} {partScore.Agreed,3}/{partScore.Total,-3} {partScore.Percent,5:F1} %   false lows on high: {partScore.FalseLowsOnHigh.Count}   " +
                $"repositories: {string.Join(", ", part.Select(c => c.Repo).Distinct())}"));
        }

        Console.WriteLine();
        Console.WriteLine("Confusion (rows: label, columns: classifier)");
        Console.WriteLine($"{"",-8}{"low",8}{"medium",8}{"high",8}");
        foreach (var label in Enum.GetValues<RiskLevel>())
        {
            Console.WriteLine($"{label.ToString().ToLowerInvariant(),-8}{score.Confusion[(int)label, 0],8}{score.Confusion[(int)label, 1],8}{score.Confusion[(int)label, 2],8}");
        }

        Console.WriteLine();
        foreach (var (stack, (agreed, total)) in score.ByStack.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(inv, $"  {stack,-8} {agreed,3}/{total,-3} {100.0 * agreed / total,5:F1} %"));
        }

        foreach (var (commit, verdict) in score.FalseLowsOnHigh)
        {
            Console.WriteLine($"FALSE LOW [{commit.Area}] {commit.Repo} {commit.Commit} \"{commit.Subject}\": {verdict.Explanation}");
        }

        if (options.String("verbose") is not null)
        {
            foreach (var (commit, verdict) in score.Disagreements)
            {
                if (options.String("half") is { } only && !string.Equals(only, Spell(commit.Half), StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                Console.WriteLine($"  {commit.Label.ToString().ToLowerInvariant(),-6} → {verdict.Level.ToString().ToLowerInvariant(),-6} {commit.Stack,-6} {Spell(commit.Half),-8} {commit.Commit} " +
                    $"\"{Cut(commit.Subject, 50)}\": {verdict.Explanation}");
            }
        }

        return Task.FromResult(0);
    }

    private static string Spell(CorpusHalf half) => half switch
    {
        CorpusHalf.HeldOut => "held-out",
        _ => half.ToString().ToLowerInvariant(),
    };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
