using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Audit;

namespace OperatorConsole.Data.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.ActorId).HasMaxLength(100);
        entry.Property(e => e.ActorName).HasMaxLength(200);
        entry.Property(e => e.Action).HasMaxLength(80);
        entry.Property(e => e.RecordType).HasMaxLength(40);
        entry.Property(e => e.RecordId).HasMaxLength(60);
        entry.Property(e => e.Summary).HasMaxLength(1000);
        entry.Property(e => e.Reason).HasMaxLength(2000);
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.RecordType, e.RecordId });
        entry.HasIndex(e => new { e.ActorId, e.At });
        entry.HasIndex(e => new { e.Action, e.At });
        entry.Property(e => e.PreviousHash).HasMaxLength(64);
        entry.Property(e => e.Hash).HasMaxLength(64);
        // One successor per entry: two entries linking to the same one would fork the chain.
        entry.HasIndex(e => e.PreviousHash).IsUnique();
    }
}
