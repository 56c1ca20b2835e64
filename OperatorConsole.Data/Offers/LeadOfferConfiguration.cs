using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Offers;

namespace OperatorConsole.Data.Offers;

internal sealed class LeadOfferConfiguration : IEntityTypeConfiguration<LeadOffer>
{
    public void Configure(EntityTypeBuilder<LeadOffer> offer)
    {
        offer.HasKey(o => o.LeadId);
        offer.Property(o => o.LeadId).ValueGeneratedNever();
        offer.Property(o => o.WhyChosen).HasMaxLength(OfferRules.TextMax);
        offer.Property(o => o.UpgradePath).HasMaxLength(OfferRules.TextMax);
        offer.Property(o => o.UpdatedById).HasMaxLength(100);
        offer.Property(o => o.UpdatedByName).HasMaxLength(200);
        offer.HasOne<Lead>().WithOne().HasForeignKey<LeadOffer>(o => o.LeadId).OnDelete(DeleteBehavior.Cascade);
    }
}
