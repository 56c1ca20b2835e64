using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Artifacts;

public enum ArtifactKind
{
    ProofArtifact,
    RunReport,
    ExpectationSnapshot,
    Document,
    Link,
}

/// <summary>A stored document or link, optionally tied to a lead (proof of a result, a run report…).</summary>
public class Artifact
{
    public int Id { get; set; }
    public int? LeadId { get; set; }
    public ArtifactKind Kind { get; set; }
    public required string Title { get; set; }
    public string? Url { get; set; }

    /// <summary>Path relative to the configured storage folder; never a path the client chose.</summary>
    public string? StoragePath { get; set; }
    public string? FileName { get; set; }
    public string? ContentType { get; set; }
    public long? SizeBytes { get; set; }
    public string? Sha256 { get; set; }
    public DateTime CreatedAt { get; set; }
    public ActorKind CreatedByKind { get; set; }
    public required string CreatedById { get; set; }
    public required string CreatedByName { get; set; }
}
