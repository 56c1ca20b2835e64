using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Runs;

namespace OperatorConsole.Data.Runs;

internal sealed class PipelineRunConfiguration : IEntityTypeConfiguration<PipelineRun>
{
    public void Configure(EntityTypeBuilder<PipelineRun> run)
    {
        run.Property(r => r.Kind).HasMaxLength(60);
        run.Property(r => r.Error).HasMaxLength(2000);
        run.Property(r => r.ActorId).HasMaxLength(100);
        run.Property(r => r.ActorName).HasMaxLength(200);
        run.HasOne<Lead>().WithMany().HasForeignKey(r => r.LeadId).OnDelete(DeleteBehavior.SetNull);
        run.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.PipelineRunId).OnDelete(DeleteBehavior.Cascade);
        run.HasIndex(r => new { r.LeadId, r.StartedAt });
        run.HasIndex(r => new { r.Status, r.StartedAt });
        run.HasIndex(r => new { r.Kind, r.StartedAt });
        run.HasIndex(r => r.StartedAt);
    }
}

internal sealed class PipelineRunStepConfiguration : IEntityTypeConfiguration<PipelineRunStep>
{
    public void Configure(EntityTypeBuilder<PipelineRunStep> step)
    {
        step.Property(s => s.Name).HasMaxLength(200);
        step.Property(s => s.Error).HasMaxLength(2000);
    }
}
