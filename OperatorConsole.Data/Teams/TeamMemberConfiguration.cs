using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Teams;

namespace OperatorConsole.Data.Teams;

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> member)
    {
        member.Property(m => m.Name).HasMaxLength(TeamRules.NameMax);
        member.Property(m => m.NameKey).HasMaxLength(TeamRules.NameMax);
        member.Property(m => m.Manager).HasMaxLength(TeamRules.ManagerMax);
        member.Property(m => m.Office).HasMaxLength(TeamRules.OfficeMax);
        // One member per person however a file spells the name's case and spacing.
        member.HasIndex(m => m.NameKey).IsUnique();
    }
}
