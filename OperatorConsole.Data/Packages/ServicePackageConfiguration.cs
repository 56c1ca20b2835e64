using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Packages;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Data.Packages;

internal sealed class ServicePackageConfiguration : IEntityTypeConfiguration<ServicePackage>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<ServicePackage> package)
    {
        package.Property(p => p.Name).HasMaxLength(ServicePackageRules.NameMax);
        package.Property(p => p.TurnaroundTarget).HasMaxLength(ServicePackageRules.ShortMax);
        package.Property(p => p.Currency).HasMaxLength(3);
        package.Property(p => p.PriceMin).HasPrecision(18, 2);
        package.Property(p => p.PriceMax).HasPrecision(18, 2);
        // Steps and upgrades are read and written with their package, never queried on their own: a JSON column
        // keeps the order of the steps without a position column to maintain.
        package.PrimitiveCollection(p => p.DeliverySteps);
        package.Property(p => p.UpgradeOptions)
            .HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<List<UpgradeOption>>(v, Json) ?? new List<UpgradeOption>(),
                new ValueComparer<List<UpgradeOption>>(
                    (a, b) => a!.SequenceEqual(b!),
                    v => v.Aggregate(0, (h, o) => HashCode.Combine(h, o.GetHashCode())),
                    v => v.ToList()));
        package.HasIndex(p => new { p.IsArchived, p.Name });

        // A package in use cannot be deleted (it is archived instead), so the database refuses it too.
        package.HasMany<Lead>().WithOne().HasForeignKey(l => l.ServicePackageId).OnDelete(DeleteBehavior.Restrict);
        package.HasMany<Proposal>().WithOne().HasForeignKey(p => p.ServicePackageId).OnDelete(DeleteBehavior.Restrict);
    }
}
