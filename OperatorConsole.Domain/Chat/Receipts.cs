namespace OperatorConsole.Domain.Chat;

/// <summary>
/// A fact the console can vouch for: its source key (e.g. <c>failures.staleByTouch</c>, <c>lead:42</c>,
/// <c>constraint.evidence.avgDaysInProposal</c>), what it says, and the numbers and names it contains.
/// The chat context is a sheet of these; answers may only claim Known what a source supports.
/// </summary>
public sealed record ContextFact(string Source, string Text, string? Link = null, string Area = "general")
{
    /// <summary>What a person reads for the source ("Failures · failed runs"); the key stays in the API for machines.</summary>
    public string? Label { get; init; }
}

/// <summary>A claim made from one source: the short sentence an answer states, checked against the source's full text.</summary>
public sealed record UsedFact(ContextFact Source, string Claim);

/// <summary>One topic's part of an answer: the sentence (figure first), the facts it used, what follows from them, what is missing.</summary>
public sealed record TopicAnswer(string Sentence, IReadOnlyList<UsedFact> Facts, IReadOnlyList<string> Inferred, IReadOnlyList<string> Missing)
{
    public static TopicAnswer MissingOnly(string missing) => new("", [], [], [missing]);
}

/// <summary>A Known claim in an answer, with its source and whether the checker found it supported.</summary>
public sealed record KnownFact(string Fact, string Source, bool Verified = true, string? Problem = null);

/// <summary>Every answer ends with these: Known (fact + source), Inferred, Missing data.</summary>
public sealed record Receipts(IReadOnlyList<KnownFact> Known, IReadOnlyList<string> Inferred, IReadOnlyList<string> Missing)
{
    public static readonly Receipts Empty = new([], [], []);

    public bool AllVerified => Known.All(k => k.Verified);
}

public sealed record ChatAnswer(string Answer, Receipts Receipts, string Engine);
