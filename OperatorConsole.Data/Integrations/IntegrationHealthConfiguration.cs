using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Integrations;

namespace OperatorConsole.Data.Integrations;

internal sealed class IntegrationHealthConfiguration : IEntityTypeConfiguration<IntegrationHealth>
{
    public void Configure(EntityTypeBuilder<IntegrationHealth> integration)
    {
        integration.Property(i => i.Name).HasMaxLength(60);
        integration.Property(i => i.LastError).HasMaxLength(2000);
        integration.Property(i => i.LastMessage).HasMaxLength(2000);
        integration.HasIndex(i => i.Name).IsUnique();
    }
}
