using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Leads;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> lead)
    {
        lead.Property(l => l.Title).HasMaxLength(LeadRules.TitleMax);
        lead.Property(l => l.Company).HasMaxLength(LeadRules.TextMax);
        lead.Property(l => l.ContactName).HasMaxLength(LeadRules.TextMax);
        lead.Property(l => l.ContactEmail).HasMaxLength(320);
        lead.Property(l => l.Source).HasMaxLength(LeadRules.TextMax);
        lead.Property(l => l.Owner).HasMaxLength(LeadRules.TextMax);
        lead.Property(l => l.ExternalId).HasMaxLength(100);
        lead.Property(l => l.NextStep).HasMaxLength(NextStepRules.WhatMax);
        lead.HasIndex(l => l.ExternalId).IsUnique().HasFilter("[ExternalId] IS NOT NULL");
        // The failures report and the lists filter on these.
        lead.HasIndex(l => new { l.Status, l.IsArchived, l.LastContactAt });
        lead.HasIndex(l => new { l.Status, l.StatusChangedAt });
        lead.HasIndex(l => new { l.LastRunStatus, l.LastRunStartedAt });
        lead.HasIndex(l => l.OfferType);
        lead.HasIndex(l => l.CreatedAt);
        lead.HasMany(l => l.StatusHistory).WithOne().HasForeignKey(h => h.LeadId).OnDelete(DeleteBehavior.Cascade);
        lead.HasMany(l => l.Touches).WithOne().HasForeignKey(t => t.LeadId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LeadStatusChangeConfiguration : IEntityTypeConfiguration<LeadStatusChange>
{
    public void Configure(EntityTypeBuilder<LeadStatusChange> change)
    {
        change.Property(c => c.ActorId).HasMaxLength(100);
        change.Property(c => c.ActorName).HasMaxLength(200);
        change.Property(c => c.Reason).HasMaxLength(LeadRules.ReasonMax);
        change.HasIndex(c => new { c.LeadId, c.ChangedAt });
        change.HasIndex(c => new { c.ToStatus, c.ChangedAt });
    }
}

internal sealed class TouchConfiguration : IEntityTypeConfiguration<Touch>
{
    public void Configure(EntityTypeBuilder<Touch> touch)
    {
        touch.Property(t => t.Summary).HasMaxLength(LeadRules.SummaryMax);
        touch.Property(t => t.ActorId).HasMaxLength(100);
        touch.Property(t => t.ActorName).HasMaxLength(200);
        touch.HasIndex(t => new { t.LeadId, t.OccurredAt });
        touch.HasIndex(t => t.RecordedAt);

        // "Touches in the last 24 hours" (the brief) and "the newest touch" (the data's clock) are read after every
        // touch while screens watch; without it both scan every touch (26 ms on 200,000).
        touch.HasIndex(t => t.OccurredAt);
    }
}
