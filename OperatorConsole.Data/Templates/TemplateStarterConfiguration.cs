using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Templates;

namespace OperatorConsole.Data.Templates;

internal sealed class TemplateStarterConfiguration : IEntityTypeConfiguration<TemplateStarter>
{
    public void Configure(EntityTypeBuilder<TemplateStarter> template)
    {
        template.Property(t => t.Name).HasMaxLength(TemplateRules.NameMax);
        template.Property(t => t.Niche).HasMaxLength(TemplateRules.NameMax);
        template.Property(t => t.ResultsProduced).HasMaxLength(TemplateRules.TextMax);
        template.Property(t => t.Location).HasMaxLength(500);
        template.PrimitiveCollection(t => t.Stack);
        template.PrimitiveCollection(t => t.Modules);
        template.HasMany(t => t.Clients).WithOne().HasForeignKey(c => c.TemplateStarterId).OnDelete(DeleteBehavior.Cascade);
        template.HasIndex(t => t.Niche);
        template.HasIndex(t => t.Status);
    }
}

internal sealed class TemplateStarterClientConfiguration : IEntityTypeConfiguration<TemplateStarterClient>
{
    public void Configure(EntityTypeBuilder<TemplateStarterClient> client)
    {
        client.HasKey(c => new { c.TemplateStarterId, c.LeadId });
        client.HasOne<Lead>().WithMany().HasForeignKey(c => c.LeadId).OnDelete(DeleteBehavior.Cascade);
        client.HasIndex(c => c.LeadId);
    }
}
