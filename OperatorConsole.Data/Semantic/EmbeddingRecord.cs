using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OperatorConsole.Data.Semantic;

/// <summary>
/// The stored sentence embedding of one record (a playbook entry, a learning proposal, a transcript, a lead or
/// account name…). <see cref="ContentHash"/> and <see cref="Model"/> tell whether it is still current: a record
/// whose text changed, or a switch of embedding model, re-embeds it. The vector is float32 bytes so both
/// providers store it the same way.
/// </summary>
public class EmbeddingRecord
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string RefId { get; set; }
    public required string ContentHash { get; set; }
    public required string Model { get; set; }
    public int Dimensions { get; set; }
    public required byte[] Vector { get; set; }

    /// <summary>The embedded text, shortened: lets a reader see what a similarity was computed on.</summary>
    public required string Preview { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class EmbeddingRecordConfiguration : IEntityTypeConfiguration<EmbeddingRecord>
{
    public void Configure(EntityTypeBuilder<EmbeddingRecord> record)
    {
        record.Property(e => e.Kind).HasMaxLength(40);
        record.Property(e => e.RefId).HasMaxLength(200);
        record.Property(e => e.ContentHash).HasMaxLength(64);
        record.Property(e => e.Model).HasMaxLength(100);
        record.Property(e => e.Preview).HasMaxLength(200);
        record.HasIndex(e => new { e.Kind, e.RefId }).IsUnique();
    }
}
