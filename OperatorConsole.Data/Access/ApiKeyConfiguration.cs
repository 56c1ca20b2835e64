using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Access;

namespace OperatorConsole.Data.Access;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.Ignore(k => k.ScopeList);
        key.Ignore(k => k.IsActive);
        key.Property(k => k.Name).HasMaxLength(100);
        key.Property(k => k.Prefix).HasMaxLength(20);
        key.Property(k => k.SecretHash).HasMaxLength(64);
        key.Property(k => k.Scopes).HasMaxLength(500);
        key.Property(k => k.CreatedBy).HasMaxLength(200);
        key.Property(k => k.RevokedBy).HasMaxLength(200);
        key.HasIndex(k => k.SecretHash).IsUnique();
    }
}
