using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Failures;

namespace OperatorConsole.Data.Failures;

internal sealed class FailureAcknowledgementConfiguration : IEntityTypeConfiguration<FailureAcknowledgement>
{
    public void Configure(EntityTypeBuilder<FailureAcknowledgement> ack)
    {
        ack.Property(a => a.RecordKey).HasMaxLength(200);
        ack.Property(a => a.Reason).HasMaxLength(AcknowledgementPolicy.ReasonMax);
        ack.Property(a => a.ReopenReason).HasMaxLength(AcknowledgementPolicy.ReasonMax);
        ack.Property(a => a.Title).HasMaxLength(500);
        ack.Property(a => a.Episode).HasMaxLength(2200);
        ack.Property(a => a.CreatedById).HasMaxLength(100);
        ack.Property(a => a.CreatedByName).HasMaxLength(200);
        ack.Property(a => a.ReopenedById).HasMaxLength(100);
        ack.Property(a => a.ReopenedByName).HasMaxLength(200);
        ack.Property(a => a.DecisionId).HasMaxLength(40);
        ack.HasIndex(a => a.DecisionId);
        // The report reads the open ones on every computation.
        ack.HasIndex(a => new { a.ReopenedAt, a.Until });
        ack.HasIndex(a => new { a.Bucket, a.RecordKey });
        ack.HasIndex(a => a.CreatedAt);
    }
}
