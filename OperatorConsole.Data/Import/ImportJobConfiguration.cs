using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Import;

namespace OperatorConsole.Data.Import;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> job)
    {
        job.Property(j => j.SourceName).HasMaxLength(400);
        job.Property(j => j.SourcePath).HasMaxLength(1000);
        job.Property(j => j.MappingJson).HasMaxLength(4000);
        job.Property(j => j.AccountsPath).HasMaxLength(1000);
        job.Property(j => j.Message).HasMaxLength(2000);
        job.Property(j => j.ActorId).HasMaxLength(100);
        job.Property(j => j.ActorName).HasMaxLength(200);
        job.HasIndex(j => j.CreatedAt);
        job.HasIndex(j => j.Status);
    }
}

internal sealed class ImportMappingMemoryConfiguration : IEntityTypeConfiguration<ImportMappingMemory>
{
    public void Configure(EntityTypeBuilder<ImportMappingMemory> memory)
    {
        memory.Property(m => m.HeaderKey).HasMaxLength(900);
        memory.Property(m => m.Header).HasMaxLength(4000);
        memory.Property(m => m.SpecJson).HasMaxLength(4000);
        memory.Property(m => m.UpdatedByName).HasMaxLength(200);
        // One remembered mapping per header.
        memory.HasIndex(m => m.HeaderKey).IsUnique();
    }
}
