using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Audit;

namespace OperatorConsole.Data.Audit;

/// <summary>What <see cref="AuditChain.VerifyAsync"/> found.</summary>
public sealed record AuditChainReport(bool Intact, int Entries, string? HeadHash, long? BrokenAtId, string? Problem, DateTime CheckedAt);

/// <summary>
/// The audit log as a hash chain: every entry stores the hash of the entry before it and its own hash over
/// that and its canonical content, so rewriting, removing or inserting an entry anywhere but at the end breaks
/// the chain where it happened. The chain is followed by its links, not by id, so a save that inserts several
/// entries in any row order stays valid. Entries written before the chain existed are sealed once at start-up.
/// Removing the newest entries is not detectable from the chain alone; <c>audit verify</c> prints the head hash
/// so it can be noted elsewhere (see docs/security.md).
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    public static string Hash(string previousHash, AuditEntry entry)
    {
        // Canonical content: a JSON array of the fields in a fixed order; time as UTC ticks (exact round trip).
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            entry.At.Ticks, entry.ActorKind.ToString(), entry.ActorId, entry.ActorName, entry.Action, entry.RecordType,
            entry.RecordId, entry.Summary, entry.Reason, entry.Before, entry.After,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + "|" + canonical)));
    }

    /// <summary>The newest link: a sealed entry no other entry points back to (genesis on an empty log).</summary>
    public static async Task<string> HeadAsync(ConsoleDbContext db, CancellationToken ct = default) =>
        await db.AuditEntries.AsNoTracking()
            .Where(a => a.Hash != null && !db.AuditEntries.Any(b => b.PreviousHash == a.Hash))
            .OrderByDescending(a => a.Id).Select(a => a.Hash).FirstOrDefaultAsync(ct) ?? Genesis;

    /// <summary>
    /// The one-time backfill: links the entries written before the chain existed, oldest first. Only while no
    /// entry is sealed yet — afterwards an entry without a hash was written around the app and must stay visible
    /// as a break, not be sealed into the chain at the next start.
    /// </summary>
    public static async Task<int> SealUnsealedAsync(ConsoleDbContext db, CancellationToken ct = default)
    {
        if (await db.AuditEntries.AnyAsync(e => e.Hash != null, ct))
        {
            return 0;
        }

        var unsealed = await db.AuditEntries.AsNoTracking().Where(e => e.Hash == null).OrderBy(e => e.Id).ToListAsync(ct);
        if (unsealed.Count == 0)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var previous = await HeadAsync(db, ct);
        foreach (var entry in unsealed)
        {
            var hash = Hash(previous, entry);
            // The append-only triggers allow exactly this: filling the hash columns of an entry that has none.
            await db.Database.ExecuteSqlAsync($"UPDATE AuditEntries SET PreviousHash = {previous}, Hash = {hash} WHERE Id = {entry.Id} AND Hash IS NULL", ct);
            previous = hash;
        }

        await transaction.CommitAsync(ct);
        return unsealed.Count;
    }

    public static async Task<AuditChainReport> VerifyAsync(ConsoleDbContext db, DateTime now, CancellationToken ct = default)
    {
        var hashes = new Dictionary<string, long>(StringComparer.Ordinal);
        var pointedTo = new Dictionary<string, long>(StringComparer.Ordinal);
        var count = 0;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (entry.Hash is null || entry.PreviousHash is null)
            {
                return Broken(entry.Id, "the entry has no hash (written around the chain)");
            }

            if (!string.Equals(Hash(entry.PreviousHash, entry), entry.Hash, StringComparison.Ordinal))
            {
                return Broken(entry.Id, "the entry's content does not match its hash (it was changed)");
            }

            if (!hashes.TryAdd(entry.Hash, entry.Id) || !pointedTo.TryAdd(entry.PreviousHash, entry.Id))
            {
                return Broken(entry.Id, "two entries claim the same place in the chain");
            }
        }

        foreach (var (previous, id) in pointedTo)
        {
            if (previous != Genesis && !hashes.ContainsKey(previous))
            {
                return Broken(id, "the entry before it is missing (removed or replaced)");
            }
        }

        if (count > 0 && !pointedTo.ContainsKey(Genesis))
        {
            return Broken(null, "the first entry of the log is missing");
        }

        var head = hashes.Keys.FirstOrDefault(h => !pointedTo.ContainsKey(h)) ?? Genesis;
        return new AuditChainReport(true, count, head, null, null, now);

        AuditChainReport Broken(long? id, string problem) => new(false, count, null, id, problem, now);
    }
}
