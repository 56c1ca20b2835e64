using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Data.Proposals;

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> proposal)
    {
        proposal.Property(p => p.Title).HasMaxLength(200);
        proposal.Property(p => p.OutcomeReason).HasMaxLength(2000);
        proposal.Property(p => p.CreatedById).HasMaxLength(100);
        proposal.Property(p => p.CreatedByName).HasMaxLength(200);
        proposal.Property(p => p.SentById).HasMaxLength(100);
        proposal.Property(p => p.SentByName).HasMaxLength(200);
        proposal.HasOne<Lead>().WithMany().HasForeignKey(p => p.LeadId).OnDelete(DeleteBehavior.Cascade);
        proposal.HasMany(p => p.Versions).WithOne().HasForeignKey(v => v.ProposalId).OnDelete(DeleteBehavior.Cascade);
        // Status moves are checked against the status read: a concurrent move makes the second save fail.
        proposal.Property(p => p.Status).IsConcurrencyToken();
        proposal.HasIndex(p => new { p.LeadId, p.CreatedAt });
        proposal.HasIndex(p => new { p.Status, p.SentAt });
        proposal.HasIndex(p => new { p.Outcome, p.OutcomeAt });
    }
}

internal sealed class ProposalVersionConfiguration : IEntityTypeConfiguration<ProposalVersion>
{
    public void Configure(EntityTypeBuilder<ProposalVersion> version)
    {
        version.Property(v => v.Origin).HasMaxLength(40);
        version.Property(v => v.Title).HasMaxLength(200);
        version.Property(v => v.CreatedById).HasMaxLength(100);
        version.Property(v => v.CreatedByName).HasMaxLength(200);
        version.HasIndex(v => new { v.ProposalId, v.Number }).IsUnique();
    }
}

internal sealed class ProposalStatusChangeConfiguration : IEntityTypeConfiguration<ProposalStatusChange>
{
    public void Configure(EntityTypeBuilder<ProposalStatusChange> change)
    {
        change.Property(c => c.Step).HasMaxLength(40);
        change.Property(c => c.ActorId).HasMaxLength(100);
        change.Property(c => c.ActorName).HasMaxLength(200);
        change.Property(c => c.Reason).HasMaxLength(2000);
        change.HasOne<Proposal>().WithMany().HasForeignKey(c => c.ProposalId).OnDelete(DeleteBehavior.Cascade);
        change.HasIndex(c => new { c.ProposalId, c.ChangedAt });
        change.HasIndex(c => new { c.LeadId, c.ChangedAt });
    }
}
