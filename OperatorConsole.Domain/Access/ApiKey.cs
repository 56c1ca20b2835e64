namespace OperatorConsole.Domain.Access;

/// <summary>
/// A machine credential. Only a SHA-256 hash of the secret is stored (the secret is 256 random bits, so a
/// slow hash buys nothing); the prefix identifies the key in lists and logs.
/// </summary>
public class ApiKey
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string SecretHash { get; set; }

    /// <summary>Space-separated scopes, see <see cref="ApiScopes"/>.</summary>
    public required string Scopes { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    public bool IsActive => RevokedAt is null;

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>What a machine may do. No scope lets a machine approve, send, start a build or deploy.</summary>
public static class ApiScopes
{
    public const string Read = "read";
    public const string LeadsWrite = "leads:write";
    public const string TouchesWrite = "touches:write";
    public const string RunsWrite = "runs:write";
    public const string Heartbeats = "integrations:write";
    public const string JobsWrite = "jobs:write";
    public const string OutcomesWrite = "outcomes:write";
    public const string ProposalsDraft = "proposals:draft";

    public static readonly IReadOnlyList<string> All =
        [Read, LeadsWrite, TouchesWrite, RunsWrite, Heartbeats, JobsWrite, OutcomesWrite, ProposalsDraft];

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [Read] = "Read leads and pipeline runs",
        [LeadsWrite] = "Create leads",
        [TouchesWrite] = "Record touches",
        [RunsWrite] = "Record pipeline runs",
        [Heartbeats] = "Send integration heartbeats",
        [JobsWrite] = "Record coding-agent jobs and build facts",
        [OutcomesWrite] = "Record outcome measurements",
        [ProposalsDraft] = "Create proposal drafts (never send)",
    };
}
