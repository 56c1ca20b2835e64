using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Approvals;

namespace OperatorConsole.Data.Approvals;

internal sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> approval)
    {
        approval.Property(a => a.SubjectType).HasMaxLength(40);
        approval.Property(a => a.SubjectId).HasMaxLength(40);
        approval.Property(a => a.Title).HasMaxLength(300);
        approval.Property(a => a.RequestedById).HasMaxLength(100);
        approval.Property(a => a.RequestedByName).HasMaxLength(200);
        approval.Property(a => a.DecidedById).HasMaxLength(100);
        approval.Property(a => a.DecidedByName).HasMaxLength(200);
        approval.Property(a => a.DecisionNote).HasMaxLength(2000);
        // Two operators deciding at once: the second save finds the state changed and is refused.
        approval.Property(a => a.State).IsConcurrencyToken();
        approval.HasIndex(a => new { a.State, a.RequestedAt });
        approval.HasIndex(a => new { a.SubjectType, a.SubjectId });
        approval.HasIndex(a => a.LeadId);
    }
}
