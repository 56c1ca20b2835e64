using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.BuildOps;

internal sealed class BuildTaskConfiguration : IEntityTypeConfiguration<BuildTask>
{
    public void Configure(EntityTypeBuilder<BuildTask> task)
    {
        task.Property(t => t.Title).HasMaxLength(200);
        task.Property(t => t.Description).HasMaxLength(8000);
        task.Property(t => t.PrSummary).HasMaxLength(8000);
        task.Property(t => t.StatusReason).HasMaxLength(1000);
        task.Property(t => t.CreatedByName).HasMaxLength(200);
        task.Property(t => t.ApprovedById).HasMaxLength(100);
        task.Property(t => t.ApprovedByName).HasMaxLength(200);
        task.Property(t => t.ApprovalReason).HasMaxLength(1000);
        task.HasOne<Lead>().WithMany().HasForeignKey(t => t.LeadId).OnDelete(DeleteBehavior.SetNull);
        task.HasIndex(t => new { t.Status, t.UpdatedAt });
    }
}
