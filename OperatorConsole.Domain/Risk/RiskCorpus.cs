using System.Globalization;
using System.Text;
using OperatorConsole.Domain.BuildOps;

namespace OperatorConsole.Domain.Risk;

/// <summary>
/// One labelled real commit: where it came from, what it touched, and the reviewer's level and area. <see cref="Batch"/>
/// is empty for the commits the rules were tuned against and <c>unseen</c> for commits added afterwards from repositories
/// the rules had never been run on (labelled before the classifier saw them).
/// </summary>
public sealed record RiskCorpusCommit(
    string Repo, string Stack, string Commit, string Subject, IReadOnlyList<string> Files, int LinesAdded, int LinesRemoved, RiskLevel Label, string Area,
    string Batch = "")
{
    public CorpusHalf Half => RiskCorpus.HalfOf(this);
}

/// <summary>Which part of the corpus a commit is in (docs/features/risk-classifier.md, "Tuning and held-out halves").</summary>
public enum CorpusHalf
{
    /// <summary>Rules may be changed by looking at these commits' disagreements.</summary>
    Tuning,

    /// <summary>Only scored: a rule is never written for one of these commits.</summary>
    HeldOut,

    /// <summary>Added after the rules were tuned, from repositories the classifier had never been run on.</summary>
    Unseen,
}

/// <summary>How the classifier's levels compare with the reviewer's labels.</summary>
public sealed record RiskAgreement(
    int Total,
    int Agreed,
    int[,] Confusion,
    IReadOnlyList<(RiskCorpusCommit Commit, RiskAssessment Verdict)> FalseLowsOnHigh,
    IReadOnlyList<(RiskCorpusCommit Commit, RiskAssessment Verdict)> Disagreements,
    IReadOnlyDictionary<string, (int Agreed, int Total)> ByStack)
{
    public double Percent => Total == 0 ? 0 : 100.0 * Agreed / Total;

    /// <summary>High labels of the auth, money, infra (and gate) areas the classifier rated low: the goal is none.</summary>
    public int FalseLowsOnCriticalAreas => FalseLowsOnHigh.Count(f => f.Commit.Area is "auth" or "money" or "infra" or "gate");
}

/// <summary>
/// The labelled corpus (bench/OperatorConsole.Bench/risk-corpus.csv, guide in docs/features/risk-classifier.md) and
/// the score of a rule list against it. Pure, so the benchmark and a regression test share it.
/// </summary>
public static class RiskCorpus
{
    public static IReadOnlyList<RiskCorpusCommit> Parse(string csv)
    {
        var rows = ReadCsv(csv);
        return rows.Skip(1).Where(r => r.Count >= 9).Select(r => new RiskCorpusCommit(
            r[0], r[1], r[2], r[3], r[4].Split(';', StringSplitOptions.RemoveEmptyEntries),
            int.Parse(r[5], CultureInfo.InvariantCulture), int.Parse(r[6], CultureInfo.InvariantCulture),
            Enum.Parse<RiskLevel>(r[7], ignoreCase: true), r[8], r.Count > 9 ? r[9].Trim() : "")).ToList();
    }

    /// <summary>
    /// The split is fixed by the commit id alone, not by anything the classifier or the labels say: an even last hex digit
    /// is tuning, an odd one held out. Ids are random, so both halves mix every repository and stack.
    /// </summary>
    public static CorpusHalf HalfOf(RiskCorpusCommit commit)
    {
        if (string.Equals(commit.Batch, "unseen", StringComparison.OrdinalIgnoreCase))
        {
            return CorpusHalf.Unseen;
        }

        var last = commit.Commit.Trim().LastOrDefault();
        var value = char.IsAsciiHexDigit(last) ? Convert.ToInt32(last.ToString(), 16) : last;
        return value % 2 == 0 ? CorpusHalf.Tuning : CorpusHalf.HeldOut;
    }

    public static RiskAgreement Score(IReadOnlyList<RiskRule> rules, IReadOnlyList<RiskCorpusCommit> corpus)
    {
        var confusion = new int[3, 3];
        var falseLows = new List<(RiskCorpusCommit, RiskAssessment)>();
        var disagreements = new List<(RiskCorpusCommit, RiskAssessment)>();
        var byStack = new Dictionary<string, (int Agreed, int Total)>();
        var agreed = 0;
        foreach (var commit in corpus)
        {
            var verdict = ChangeRiskClassifier.Classify(rules, commit.Files, commit.LinesAdded + commit.LinesRemoved);
            confusion[(int)commit.Label, (int)verdict.Level]++;
            var same = verdict.Level == commit.Label;
            agreed += same ? 1 : 0;
            var stack = byStack.GetValueOrDefault(commit.Stack);
            byStack[commit.Stack] = (stack.Agreed + (same ? 1 : 0), stack.Total + 1);
            if (!same)
            {
                disagreements.Add((commit, verdict));
            }

            if (commit.Label == RiskLevel.High && verdict.Level == RiskLevel.Low)
            {
                falseLows.Add((commit, verdict));
            }
        }

        return new RiskAgreement(corpus.Count, agreed, confusion, falseLows, disagreements, byStack);
    }

    /// <summary>RFC 4180: commas, double quotes around fields that need them, "" for a quote inside.</summary>
    private static List<List<string>> ReadCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { i++; }
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else { field.Append(c); }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
