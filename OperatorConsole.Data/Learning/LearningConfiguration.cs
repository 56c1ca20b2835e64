using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Learning;

namespace OperatorConsole.Data.Learning;

internal sealed class IngestedLearningConfiguration : IEntityTypeConfiguration<IngestedLearning>
{
    public void Configure(EntityTypeBuilder<IngestedLearning> learning)
    {
        learning.Property(l => l.Title).HasMaxLength(LearningRules.TitleMax);
        learning.Property(l => l.FileName).HasMaxLength(260);
        learning.Property(l => l.Engine).HasMaxLength(40);
        learning.Property(l => l.EngineNote).HasMaxLength(1000);
        learning.Property(l => l.CreatedById).HasMaxLength(100);
        learning.Property(l => l.CreatedByName).HasMaxLength(200);
        learning.HasOne<Lead>().WithMany().HasForeignKey(l => l.LeadId).OnDelete(DeleteBehavior.SetNull);
        learning.HasMany(l => l.Proposals).WithOne().HasForeignKey(p => p.LearningId).OnDelete(DeleteBehavior.Cascade);
        learning.HasIndex(l => l.CreatedAt);
    }
}

internal sealed class LearningProposalConfiguration : IEntityTypeConfiguration<LearningProposal>
{
    public void Configure(EntityTypeBuilder<LearningProposal> proposal)
    {
        proposal.Property(p => p.Text).HasMaxLength(LearningRules.ProposalTextMax);
        proposal.Property(p => p.Evidence).HasMaxLength(LearningRules.ProposalTextMax);
        proposal.Property(p => p.Engine).HasMaxLength(40);
        proposal.Property(p => p.Rule).HasMaxLength(200);
        proposal.Property(p => p.PromotionTitle).HasMaxLength(LearningRules.TitleMax);
        proposal.HasMany(p => p.Contradictions).WithOne().HasForeignKey(c => c.ProposalId).OnDelete(DeleteBehavior.Cascade);
        proposal.HasIndex(p => new { p.State, p.Confidence });
        proposal.HasIndex(p => new { p.Class, p.CreatedAt });
        proposal.HasIndex(p => p.CreatedAt);
    }
}

internal sealed class LearningContradictionConfiguration : IEntityTypeConfiguration<LearningContradiction>
{
    public void Configure(EntityTypeBuilder<LearningContradiction> contradiction)
    {
        contradiction.Property(c => c.Reason).HasMaxLength(1000);
        contradiction.Property(c => c.Source).HasMaxLength(20);
        contradiction.HasOne<PlaybookEntry>().WithMany().HasForeignKey(c => c.PlaybookEntryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlaybookEntryConfiguration : IEntityTypeConfiguration<PlaybookEntry>
{
    public void Configure(EntityTypeBuilder<PlaybookEntry> entry)
    {
        entry.Property(e => e.Title).HasMaxLength(LearningRules.TitleMax);
        entry.HasMany(e => e.Versions).WithOne().HasForeignKey(v => v.EntryId).OnDelete(DeleteBehavior.Cascade);
        entry.HasIndex(e => e.Class);
    }
}

internal sealed class PlaybookEntryVersionConfiguration : IEntityTypeConfiguration<PlaybookEntryVersion>
{
    public void Configure(EntityTypeBuilder<PlaybookEntryVersion> version)
    {
        version.Property(v => v.Text).HasMaxLength(LearningRules.ProposalTextMax);
        version.Property(v => v.CreatedById).HasMaxLength(100);
        version.Property(v => v.CreatedByName).HasMaxLength(200);
        version.Property(v => v.Reason).HasMaxLength(LearningRules.ReasonMax);
        // A version number is never reused: promotion adds, it does not overwrite.
        version.HasIndex(v => new { v.EntryId, v.Number }).IsUnique();
    }
}
