using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OperatorConsole.Data.Idempotency;

/// <summary>The first response to a request that carried an Idempotency-Key, replayed for repeats.</summary>
public class IdempotencyRecord
{
    public long Id { get; set; }

    /// <summary>Who sent it (api key id or user id): one caller's keys never collide with another's.</summary>
    public required string CallerId { get; set; }
    public required string Key { get; set; }
    public required string Method { get; set; }
    public required string Path { get; set; }
    public required string RequestHash { get; set; }
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public byte[] ResponseBody { get; set; } = [];
    public DateTime CreatedAt { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.Property(r => r.CallerId).HasMaxLength(100);
        record.Property(r => r.Key).HasMaxLength(200);
        record.Property(r => r.Method).HasMaxLength(10);
        record.Property(r => r.Path).HasMaxLength(400);
        record.Property(r => r.RequestHash).HasMaxLength(64);
        record.Property(r => r.ContentType).HasMaxLength(100);
        record.Property(r => r.Location).HasMaxLength(400);
        record.HasIndex(r => new { r.CallerId, r.Key }).IsUnique();
        record.HasIndex(r => r.CreatedAt);
    }
}
