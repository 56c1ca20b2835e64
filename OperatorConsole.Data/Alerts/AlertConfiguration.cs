using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Alerts;

namespace OperatorConsole.Data.Alerts;

internal sealed class AlertChannelConfiguration : IEntityTypeConfiguration<AlertChannel>
{
    public void Configure(EntityTypeBuilder<AlertChannel> channel)
    {
        channel.Property(c => c.Name).HasMaxLength(AlertChannelRules.NameMax);
        channel.Property(c => c.WebhookUrl).HasMaxLength(AlertChannelRules.UrlMax);
        channel.Property(c => c.SecretName).HasMaxLength(100);
        channel.Property(c => c.EmailTo).HasMaxLength(AlertChannelRules.EmailToMax);
        channel.Property(c => c.Buckets).HasMaxLength(400);
        channel.Property(c => c.TimeZone).HasMaxLength(100);
        channel.Property(c => c.LastError).HasMaxLength(AlertChannelRules.ErrorMax);
        channel.Ignore(c => c.IntegrationName);
        channel.HasIndex(c => c.Name).IsUnique();
    }
}

internal sealed class AlertDeliveryConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public void Configure(EntityTypeBuilder<AlertDelivery> delivery)
    {
        delivery.Property(d => d.Title).HasMaxLength(500);
        delivery.Property(d => d.LastError).HasMaxLength(AlertChannelRules.ErrorMax);
        // The worker's question: what is due now.
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        delivery.HasIndex(d => new { d.ChannelId, d.CreatedAt });
    }
}

internal sealed class AlertDeliveryAttemptConfiguration : IEntityTypeConfiguration<AlertDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<AlertDeliveryAttempt> attempt)
    {
        attempt.Property(a => a.Response).HasMaxLength(AlertChannelRules.ErrorMax);
        attempt.HasIndex(a => a.DeliveryId);
    }
}

internal sealed class AlertNoticeConfiguration : IEntityTypeConfiguration<AlertNotice>
{
    public void Configure(EntityTypeBuilder<AlertNotice> notice)
    {
        notice.Property(n => n.ItemKey).HasMaxLength(200);
        notice.Property(n => n.Title).HasMaxLength(500);
        notice.Property(n => n.Link).HasMaxLength(500);
        // The evaluator reads the open notices of every channel on each change.
        notice.HasIndex(n => new { n.ResolvedAt, n.ChannelId });
    }
}
