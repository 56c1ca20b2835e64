using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Data.Chat;

/// <summary>One question and its answer, kept per user so the chat page shows their history.</summary>
public class ChatExchange
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Question { get; set; }
    public required string Answer { get; set; }
    public required string ReceiptsJson { get; set; }
    public required string Engine { get; set; }
    public bool AllVerified { get; set; }
    public DateTime AskedAt { get; set; }
}

internal sealed class ChatExchangeConfiguration : IEntityTypeConfiguration<ChatExchange>
{
    public void Configure(EntityTypeBuilder<ChatExchange> exchange)
    {
        exchange.Property(e => e.UserId).HasMaxLength(100);
        exchange.Property(e => e.Question).HasMaxLength(2000);
        exchange.Property(e => e.Engine).HasMaxLength(40);
        exchange.HasIndex(e => new { e.UserId, e.AskedAt });
    }
}

public sealed class ChatHistoryService(IDbContextFactory<ConsoleDbContext> dbFactory)
{
    public async Task<ChatExchange> SaveAsync(ChatExchange exchange, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Add(exchange);
        await db.SaveChangesAsync(ct);
        return exchange;
    }

    public async Task<IReadOnlyList<ChatExchange>> ForUserAsync(string userId, int take = 50, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.Set<ChatExchange>().AsNoTracking().Where(e => e.UserId == userId)
            .OrderByDescending(e => e.AskedAt).ThenByDescending(e => e.Id).Take(take).ToListAsync(ct);
        items.Reverse();
        return items;
    }
}
