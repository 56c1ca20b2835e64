using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.BuildOps;

namespace OperatorConsole.Data.AgentJobs;

internal sealed class AgentJobConfiguration : IEntityTypeConfiguration<AgentJob>
{
    public void Configure(EntityTypeBuilder<AgentJob> job)
    {
        job.Property(j => j.TaskRequested).HasMaxLength(AgentJobRules.TaskMax);
        job.Property(j => j.Branch).HasMaxLength(AgentJobRules.BranchMax);
        // A JSON array column: the files are read with the job, never queried one by one.
        job.PrimitiveCollection(j => j.FilesTouched);
        job.Property(j => j.MatchedRule).HasMaxLength(300);
        job.Property(j => j.MatchedFile).HasMaxLength(AgentJobRules.PathMax);
        job.Property(j => j.ApprovedById).HasMaxLength(100);
        job.Property(j => j.ApprovedByName).HasMaxLength(200);
        job.Property(j => j.ApprovalNote).HasMaxLength(AgentJobRules.NoteMax);
        job.Property(j => j.DeployedByName).HasMaxLength(200);
        job.Property(j => j.DeployNote).HasMaxLength(AgentJobRules.NoteMax);
        job.Property(j => j.RefusedById).HasMaxLength(100);
        job.Property(j => j.RefusedByName).HasMaxLength(200);
        job.Property(j => j.RefusalReason).HasMaxLength(HumanGate.ReasonMax);
        job.Property(j => j.OverrideByName).HasMaxLength(200);
        job.Property(j => j.OverrideReason).HasMaxLength(HumanGate.ReasonMax);
        job.Property(j => j.RiskOverriddenByName).HasMaxLength(200);
        job.Property(j => j.RiskOverrideReason).HasMaxLength(HumanGate.ReasonMax);
        job.Property(j => j.RecordedById).HasMaxLength(100);
        job.Property(j => j.RecordedByName).HasMaxLength(200);
        job.HasOne<BuildTask>().WithMany().HasForeignKey(j => j.BuildTaskId).OnDelete(DeleteBehavior.SetNull);
        job.HasIndex(j => j.CreatedAt);
        job.HasIndex(j => new { j.RiskLevel, j.CreatedAt });
        job.HasIndex(j => j.BuildTaskId);
    }
}
