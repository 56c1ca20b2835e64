using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using OperatorConsole.Domain.Audit;

namespace OperatorConsole.Data.Infrastructure;

/// <summary>
/// The console's database. Feature entities are mapped by their own <c>IEntityTypeConfiguration</c> in
/// the feature's folder, so adding a feature does not touch this file; reach them with <c>Set&lt;T&gt;()</c>.
/// Each provider has a subclass that owns its migrations (see SqliteConsoleDbContext, SqlServerConsoleDbContext).
/// </summary>
public abstract class ConsoleDbContext : IdentityDbContext<ConsoleUser>
{
    protected ConsoleDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ConsoleDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every time is stored as UTC and read back as UTC, so JSON always ends in "Z".
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        // Enums as readable strings: a database someone opens by hand should explain itself.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 2);
        configurationBuilder.Properties<decimal?>().HavePrecision(18, 2);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditRewrites(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditRewrites(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The audit log is append-only (axiom 3): no code path may change or remove an entry.</summary>
    private static void RefuseAuditRewrites(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new AuditLogIsAppendOnlyException(entry.Entity.Id);
            }
        }
    }
}

public sealed class AuditLogIsAppendOnlyException(long id)
    : InvalidOperationException($"Audit entry {id} cannot be changed or deleted: the audit log is append-only.");
