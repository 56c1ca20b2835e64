using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Results;

namespace OperatorConsole.Data.Results;

internal sealed class ClientSuccessConfiguration : IEntityTypeConfiguration<ClientSuccess>
{
    public void Configure(EntityTypeBuilder<ClientSuccess> success)
    {
        success.Property(s => s.MetricName).HasMaxLength(ClientSuccessRules.MetricMax);
        success.Property(s => s.Unit).HasMaxLength(ClientSuccessRules.UnitMax);
        success.Property(s => s.BaselineSource).HasMaxLength(ClientSuccessRules.SourceMax);
        success.Property(s => s.Risks).HasMaxLength(ClientSuccessRules.TextMax);
        success.Property(s => s.ClientFeedback).HasMaxLength(ClientSuccessRules.TextMax);
        success.Property(s => s.WhatWorked).HasMaxLength(ClientSuccessRules.TextMax);
        success.Property(s => s.WhatFailed).HasMaxLength(ClientSuccessRules.TextMax);
        success.Property(s => s.UpdatedByName).HasMaxLength(200);
        // Values are measurements (hours, percentages, currency): four decimals keep small units exact.
        success.Property(s => s.TargetValue).HasPrecision(18, 4);
        success.Property(s => s.BaselineValue).HasPrecision(18, 4);
        success.Ignore(s => s.HasTarget);
        success.HasOne<Lead>().WithOne().HasForeignKey<ClientSuccess>(s => s.LeadId).OnDelete(DeleteBehavior.Cascade);
        success.HasIndex(s => s.LeadId).IsUnique();
    }
}

internal sealed class OutcomeEntryConfiguration : IEntityTypeConfiguration<OutcomeEntry>
{
    public void Configure(EntityTypeBuilder<OutcomeEntry> outcome)
    {
        outcome.Property(o => o.Value).HasPrecision(18, 4);
        outcome.Property(o => o.Source).HasMaxLength(ClientSuccessRules.SourceMax);
        outcome.Property(o => o.Note).HasMaxLength(ClientSuccessRules.NoteMax);
        outcome.Property(o => o.RecordedById).HasMaxLength(100);
        outcome.Property(o => o.RecordedByName).HasMaxLength(200);
        outcome.HasOne<Lead>().WithMany().HasForeignKey(o => o.LeadId).OnDelete(DeleteBehavior.Cascade);
        // "Current" is the newest by measuredAt per lead: this index answers it.
        outcome.HasIndex(o => new { o.LeadId, o.MeasuredAt });
    }
}

internal sealed class ClientInterventionConfiguration : IEntityTypeConfiguration<ClientIntervention>
{
    public void Configure(EntityTypeBuilder<ClientIntervention> intervention)
    {
        intervention.Property(i => i.WhatWasDone).HasMaxLength(ClientSuccessRules.InterventionMax);
        intervention.Property(i => i.RecordedByName).HasMaxLength(200);
        intervention.HasOne<Lead>().WithMany().HasForeignKey(i => i.LeadId).OnDelete(DeleteBehavior.Cascade);
        intervention.HasIndex(i => new { i.LeadId, i.DoneAt });
    }
}
