namespace OperatorConsole.Domain.Leads;

/// <summary>
/// What the Leads list's <c>status</c> filter selects: one stage, or a deal's state whatever its stage — "open"
/// (New, Qualified, Proposal: still being sold) or "won" (Approved, Building, Shipped: a client). "lost" is both a
/// stage and a state, so it needs no group of its own. Pipedrive's "open / won / lost" is what operators know; a
/// figure that counts open or won deals links to a list of exactly those deals.
/// </summary>
/// <remarks>Every filter is one of <see cref="All"/>: equal filters are the same instance.</remarks>
public sealed class StageFilter
{
    private StageFilter(string name, string label, IReadOnlyList<LeadStatus> stages, string? shortLabel = null)
    {
        Name = name;
        Label = label;
        ShortLabel = shortLabel ?? label;
        Stages = stages;
    }

    /// <summary>The query-string spelling ("open", "won", "qualified").</summary>
    public string Name { get; }

    /// <summary>What the filter's choice says, with a group's stages named.</summary>
    public string Label { get; }

    /// <summary>The label where room is short (the chosen value in a filter field).</summary>
    public string ShortLabel { get; }

    /// <summary>The stages the filter keeps, in pipeline order.</summary>
    public IReadOnlyList<LeadStatus> Stages { get; }

    /// <summary>Whether this is a group of stages rather than one stage.</summary>
    public bool IsGroup => Stages.Count > 1;

    public static StageFilter Open { get; } = new("open", "Open deals (New, Qualified, Proposal)", LeadStatusExtensions.OpenDealStages, "Open deals");

    public static StageFilter Won { get; } = new("won", "Won deals (Approved, Building, Shipped)", [LeadStatus.Approved, LeadStatus.Building, LeadStatus.Shipped], "Won deals");

    private static readonly StageFilter[] Single =
        [.. Enum.GetValues<LeadStatus>().Select(s => new StageFilter(s.ToString().ToLowerInvariant(), s.Label(), [s]))];

    /// <summary>The groups first, then every stage in pipeline order: the list's Stage filter offers these.</summary>
    public static IReadOnlyList<StageFilter> All { get; } = [Open, Won, .. Single];

    /// <summary>The filter that keeps one stage.</summary>
    public static StageFilter For(LeadStatus stage) => Single[(int)stage];

    /// <summary>A name as the query string spells it, in any case; null when it names neither a stage nor a group.</summary>
    public static StageFilter? Parse(string? text) =>
        All.FirstOrDefault(f => string.Equals(f.Name, text?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The names a client may send, for an error message.</summary>
    public static string Allowed => string.Join(", ", All.Select(f => f.Name));

    public bool Keeps(LeadStatus stage) => Stages.Contains(stage);

    public override string ToString() => Name;
}
