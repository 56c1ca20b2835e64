using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Artifacts;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Artifacts;

internal sealed class ArtifactConfiguration : IEntityTypeConfiguration<Artifact>
{
    public void Configure(EntityTypeBuilder<Artifact> artifact)
    {
        artifact.Property(a => a.Title).HasMaxLength(300);
        artifact.Property(a => a.Url).HasMaxLength(2000);
        artifact.Property(a => a.StoragePath).HasMaxLength(500);
        artifact.Property(a => a.FileName).HasMaxLength(260);
        artifact.Property(a => a.ContentType).HasMaxLength(100);
        artifact.Property(a => a.Sha256).HasMaxLength(64);
        artifact.Property(a => a.CreatedById).HasMaxLength(100);
        artifact.Property(a => a.CreatedByName).HasMaxLength(200);
        artifact.HasOne<Lead>().WithMany().HasForeignKey(a => a.LeadId).OnDelete(DeleteBehavior.SetNull);
        artifact.HasIndex(a => new { a.LeadId, a.Kind });
    }
}
