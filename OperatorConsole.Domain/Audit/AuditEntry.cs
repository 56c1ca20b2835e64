using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Audit;

/// <summary>
/// Who did what to which record, when and why. Append-only: the data layer refuses updates and deletes,
/// and the database carries triggers that refuse them too.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public ActorKind ActorKind { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }

    /// <summary>Dotted verb such as lead.created, approval.decided, api_key.revoked.</summary>
    public required string Action { get; set; }
    public required string RecordType { get; set; }
    public required string RecordId { get; set; }
    public string? Summary { get; set; }
    public string? Reason { get; set; }

    /// <summary>JSON snapshots for decisions and edits.</summary>
    public string? Before { get; set; }
    public string? After { get; set; }

    /// <summary>Hash chain: the previous entry's <see cref="Hash"/> (64 zeros for the first entry).</summary>
    public string? PreviousHash { get; set; }

    /// <summary>SHA-256 (hex) over <see cref="PreviousHash"/> and this entry's canonical content; see AuditChain.</summary>
    public string? Hash { get; set; }
}
