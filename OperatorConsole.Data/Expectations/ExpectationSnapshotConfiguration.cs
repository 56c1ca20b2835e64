using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Expectations;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Expectations;

internal sealed class ExpectationSnapshotConfiguration : IEntityTypeConfiguration<ExpectationSnapshot>
{
    public void Configure(EntityTypeBuilder<ExpectationSnapshot> snapshot)
    {
        snapshot.PrimitiveCollection(s => s.RiskFlags);
        snapshot.Property(s => s.CreatedById).HasMaxLength(100);
        snapshot.Property(s => s.CreatedByName).HasMaxLength(200);
        snapshot.HasOne<Lead>().WithMany().HasForeignKey(s => s.LeadId).OnDelete(DeleteBehavior.Cascade);
        // ProposalId has no foreign key on purpose: a proposal already cascades from its lead, and a second
        // cascade path to the snapshots is refused by SQL Server. The service checks the proposal belongs to the lead.
        snapshot.HasIndex(s => new { s.LeadId, s.Number }).IsUnique();
        snapshot.HasIndex(s => s.ProposalId);
    }
}
