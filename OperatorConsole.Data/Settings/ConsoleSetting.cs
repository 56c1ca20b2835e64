using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OperatorConsole.Data.Settings;

/// <summary>A named JSON document of settings (thresholds, risk rules…), edited by operators.</summary>
public class ConsoleSetting
{
    public required string Key { get; set; }
    public required string ValueJson { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

internal sealed class ConsoleSettingConfiguration : IEntityTypeConfiguration<ConsoleSetting>
{
    public void Configure(EntityTypeBuilder<ConsoleSetting> setting)
    {
        setting.HasKey(s => s.Key);
        setting.Property(s => s.Key).HasMaxLength(100);
        setting.Property(s => s.UpdatedBy).HasMaxLength(200);
    }
}
