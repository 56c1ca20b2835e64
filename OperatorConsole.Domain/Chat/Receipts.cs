namespace OperatorConsole.Domain.Chat;

/// <summary>
/// A fact the console can vouch for: its source key (e.g. <c>failures.staleByTouch</c>, <c>lead:42</c>,
/// <c>constraint.evidence.avgDaysInProposal</c>), what it says, and the numbers and names it contains.
/// The chat context is a sheet of these; answers may only claim Known what a source supports.
/// </summary>
public sealed record ContextFact(string Source, string Text, string? Link = null, string Area = "general");

/// <summary>A Known claim in an answer, with its source and whether the checker found it supported.</summary>
public sealed record KnownFact(string Fact, string Source, bool Verified = true, string? Problem = null);

/// <summary>Every answer ends with these: Known (fact + source), Inferred, Missing data.</summary>
public sealed record Receipts(IReadOnlyList<KnownFact> Known, IReadOnlyList<string> Inferred, IReadOnlyList<string> Missing)
{
    public static readonly Receipts Empty = new([], [], []);

    public bool AllVerified => Known.All(k => k.Verified);
}

public sealed record ChatAnswer(string Answer, Receipts Receipts, string Engine);
