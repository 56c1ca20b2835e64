using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Domain.Accounts;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Accounts;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> account)
    {
        account.Property(a => a.Name).HasMaxLength(AccountRules.NameMax);
        account.Property(a => a.NameKey).HasMaxLength(AccountRules.NameMax);
        account.Property(a => a.Sector).HasMaxLength(AccountRules.SectorMax);
        account.Property(a => a.Website).HasMaxLength(AccountRules.WebsiteMax);
        account.Property(a => a.Notes).HasMaxLength(AccountRules.NotesMax);
        account.Property(a => a.Revenue).HasPrecision(18, 2);
        account.Property(a => a.Country).HasMaxLength(AccountRules.CountryMax);
        // A parent is never deleted from under its subsidiaries (accounts are not deleted; SQL Server refuses a
        // cascading self-reference anyway).
        account.HasOne(a => a.Parent).WithMany().HasForeignKey(a => a.ParentAccountId).OnDelete(DeleteBehavior.Restrict);
        // One account per company however it is spelled: the key is the name with case and spacing ignored.
        account.HasIndex(a => a.NameKey).IsUnique();
        account.HasMany<Lead>().WithOne(l => l.Account).HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.SetNull);
    }
}
