namespace OperatorConsole.Domain.Failures;

/// <summary>
/// What a person filtered Failures &amp; Interventions by: a bucket or a group (or everything) and a search text.
/// The page, the paging API and the bulk acknowledge all select items with this one rule, so "acknowledge what I
/// see" covers exactly what the filter shows.
/// </summary>
public sealed record FailureFilter(FailureBucket? Bucket = null, FailureGroup? Group = null, string? Query = null)
{
    public const int QueryMax = 200;

    public bool Includes(FailureBucket bucket) => (Bucket is null || Bucket == bucket) && (Group is null || bucket.Group() == Group);

    /// <summary>Search matches what a person reads and the item's key, case-insensitively.</summary>
    public bool Matches(IFailureItem item) =>
        Includes(item.GetBucket()) && (string.IsNullOrWhiteSpace(Query) || Contains(item.Describe()) || Contains(item.Key));

    public bool MatchesText(string? text) => string.IsNullOrWhiteSpace(Query) || Contains(text);

    /// <summary>The buckets the filter covers, in the Command Center's rank order.</summary>
    public IEnumerable<FailureBucket> Buckets => FailureOrdering.BucketRank.Where(Includes);

    /// <summary>The open (not acknowledged) items the filter selects, bucket by bucket.</summary>
    public IEnumerable<IFailureItem> OpenItems(FailuresReport report) =>
        Buckets.SelectMany(b => report.Items(b)).Where(i => i.Acknowledgement is null && Matches(i));

    /// <summary>What a person reads for the filter (in the audit entry of a bulk decision).</summary>
    public string Describe()
    {
        var scope = Bucket is { } b ? $"bucket {b.Code()}" : Group is { } g ? $"group {g.Code()}" : "every bucket";
        return string.IsNullOrWhiteSpace(Query) ? scope : $"{scope} matching \"{Query.Trim()}\"";
    }

    private bool Contains(string? text) => text?.Contains(Query!.Trim(), StringComparison.OrdinalIgnoreCase) ?? false;
}

/// <summary>One page of one bucket (the report lists a first page per bucket; "show more" asks for the next).</summary>
public sealed record FailureBucketPage(
    string Bucket, string Group, int Total, int Offset, int Limit, [property: System.Text.Json.Serialization.JsonIgnore] IReadOnlyList<IFailureItem> Items, int? NextOffset)
{
    /// <summary>The items as JSON sees them: each with its own type's fields (an interface would show only the shared ones).</summary>
    [System.Text.Json.Serialization.JsonPropertyName("items")]
    public IEnumerable<object> ItemsJson => Items;
}

/// <summary>Paging of the report: first rows at once, the rest on request, so a 10,000-item report is never one document.</summary>
public static class FailurePaging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>The items of one bucket the filter selects, from <paramref name="offset"/>, at most <paramref name="limit"/>.</summary>
    public static FailureBucketPage Page(FailuresReport report, FailureBucket bucket, FailureFilter filter, int offset, int limit)
    {
        var all = report.Items(bucket).Where(i => (report.IncludesAcknowledged || i.Acknowledgement is null) && filter.Matches(i)).ToList();
        var items = all.Skip(offset).Take(limit).ToList();
        var next = offset + items.Count < all.Count ? offset + items.Count : (int?)null;
        return new FailureBucketPage(bucket.Code(), bucket.Group().Code(), all.Count, offset, limit, items, next);
    }

    /// <summary>
    /// The report with every bucket list (and the last-run list) cut to its first <paramref name="limit"/> rows;
    /// counts stay the full counts, so the cut is visible.
    /// </summary>
    public static FailuresReport FirstPage(FailuresReport report, int limit) => report with
    {
        PageLimit = limit,
        LastRunStatusTotal = report.LastRunStatusByLead.Count,
        FailedRuns = Cut(report.FailedRuns, limit),
        LastRunStatusByLead = Cut(report.LastRunStatusByLead, limit),
        StaleByTouch = Cut(report.StaleByTouch, limit),
        StaleProposals = Cut(report.StaleProposals, limit),
        StuckProposals = Cut(report.StuckProposals, limit),
        BrokenIntegrations = Cut(report.BrokenIntegrations, limit),
        LowConfidence = Cut(report.LowConfidence, limit),
        NeedsApproval = Cut(report.NeedsApproval, limit),
        Interventions = Cut(report.Interventions, limit),
    };

    private static IReadOnlyList<T> Cut<T>(IReadOnlyList<T> items, int limit) => items.Count <= limit ? items : items.Take(limit).ToList();
}
