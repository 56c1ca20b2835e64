using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Assets;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Assets;

internal sealed class ReusableAssetConfiguration : IEntityTypeConfiguration<ReusableAssetEntry>
{
    public void Configure(EntityTypeBuilder<ReusableAssetEntry> asset)
    {
        asset.Property(a => a.NotExtractedReason).HasMaxLength(ReusableAssetRules.ReasonMax);
        asset.Property(a => a.Label).HasMaxLength(ReusableAssetRules.LabelMax);
        asset.Property(a => a.StoredAt).HasMaxLength(ReusableAssetRules.StoredAtMax);
        asset.Property(a => a.Notes).HasMaxLength(ReusableAssetRules.NotesMax);
        asset.Property(a => a.CreatedById).HasMaxLength(100);
        asset.Property(a => a.CreatedByName).HasMaxLength(200);
        asset.Property(a => a.UpdatedByName).HasMaxLength(200);
        asset.HasOne<Lead>().WithMany().HasForeignKey(a => a.LeadId).OnDelete(DeleteBehavior.Cascade);
        asset.HasIndex(a => new { a.LeadId, a.CreatedAt });
        // The library filters on these.
        asset.HasIndex(a => new { a.Type, a.ReuseConfidence });
        asset.HasIndex(a => a.CreatedAt);
    }
}
