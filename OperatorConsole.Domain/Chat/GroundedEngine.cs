namespace OperatorConsole.Domain.Chat;

/// <summary>
/// The built-in engine used when no Azure OpenAI deployment is configured. It recognises the questions an
/// operator asks most and answers them only from the fact sheet, so every Known fact has a real source.
/// A question it cannot ground gets an honest "Missing data" answer, never an invention.
/// </summary>
public static class GroundedEngine
{
    public const string EngineName = "grounded";

    private sealed record Intent(string Name, string[] Keywords, string[] Areas, string Lead);

    private static readonly Intent[] Intents =
    [
        new("broken", ["broken", "failing", "failed", "fail", "wrong", "error", "problem", "issue", "down"], ["failures", "runs", "integrations"], "Here is what is broken or needs a person right now."),
        new("stale", ["stale", "who", "follow up", "follow-up", "touch", "contact", "ghost", "quiet"], ["failures.stale"], "These leads have gone quiet."),
        new("bottleneck", ["bottleneck", "constraint", "slow", "stuck", "why", "pipeline"], ["constraint"], "This is where the pipeline is constrained, with the evidence."),
        new("money", ["win", "won", "revenue", "money", "how much", "value", "scorecard", "deal", "earn"], ["scorecard"], "This is what the scorecard says about money."),
        new("results", ["off target", "off-target", "target", "result", "client", "outcome", "delta"], ["results"], "This is how active clients are doing against their targets."),
        new("waiting", ["waiting", "approve", "approval", "pending", "for me", "decide", "queue"], ["approvals", "failures.approvals"], "These are waiting for a decision."),
        new("brief", ["today", "changed", "yesterday", "brief", "new", "since"], ["brief"], "This is what changed in the last 24 hours."),
        new("learning", ["learning", "playbook", "lesson", "promote"], ["learning"], "This is where learning and the playbook stand."),
    ];

    public static ChatAnswer Answer(string question, IReadOnlyList<ContextFact> sheet)
    {
        var q = question.ToLowerInvariant();
        var intents = Intents.Where(i => i.Keywords.Any(k => q.Contains(k, StringComparison.Ordinal))).ToList();
        if (intents.Count == 0)
        {
            return new ChatAnswer(
                "I can only answer from the console's data, and I could not match this question to it. " +
                "Ask what is broken, who is stale, what the bottleneck is and why, how much we won, which clients are off target, or what is waiting for a decision.",
                new Receipts([], [], [$"No data in the console answers: \"{question.Trim()}\""]),
                EngineName);
        }

        var known = new List<KnownFact>();
        var lines = new List<string>();
        var missing = new List<string>();
        foreach (var intent in intents.Take(2))
        {
            var facts = sheet.Where(f => intent.Areas.Any(a => f.Area.StartsWith(a, StringComparison.Ordinal))).Take(12).ToList();
            if (facts.Count == 0)
            {
                missing.Add($"No {intent.Name} data is recorded yet ({string.Join(", ", intent.Areas)}).");
                continue;
            }

            lines.Add(intent.Lead);
            foreach (var fact in facts)
            {
                lines.Add("• " + fact.Text);
                known.Add(new KnownFact(fact.Text, fact.Source));
            }
        }

        var inferred = Infer(intents.Select(i => i.Name).ToList(), sheet);
        var answer = lines.Count == 0
            ? "The console has no data that answers this yet."
            : string.Join('\n', lines);
        return new ChatAnswer(answer, new Receipts(known, inferred, missing), EngineName);
    }

    /// <summary>Conclusions drawn from the facts rather than stated by them: labelled Inferred, never Known.</summary>
    private static List<string> Infer(IReadOnlyList<string> intents, IReadOnlyList<ContextFact> sheet)
    {
        var inferred = new List<string>();
        var bottleneck = sheet.FirstOrDefault(f => f.Source == "constraint.bottleneck");
        if (intents.Contains("bottleneck") && bottleneck is not null && !bottleneck.Text.StartsWith("No bottleneck", StringComparison.Ordinal))
        {
            inferred.Add("Clearing the stuck leads in the bottleneck stage is likely the fastest way to move revenue this period.");
        }

        if (intents.Contains("broken") && sheet.Any(f => f.Source == "failures.total" && !f.Text.StartsWith("0 ", StringComparison.Ordinal)))
        {
            inferred.Add("Work the approval queue first: decisions unblock more than fixes do.");
        }

        return inferred;
    }
}
