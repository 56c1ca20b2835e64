using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Data.Access;

public sealed record ApiKeyView(
    int Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime CreatedAt, string CreatedBy,
    DateTime? LastUsedAt, DateTime? RevokedAt, string? RevokedBy);

/// <summary>The one moment the secret exists in the clear: shown once, then only its hash is kept.</summary>
public sealed record CreatedApiKey(ApiKeyView Key, string Secret);

public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes);

/// <summary>The identity a valid key authenticates as.</summary>
public sealed record ApiKeyPrincipal(int Id, string Name, string Prefix, IReadOnlyList<string> Scopes);

public sealed class ApiKeyService(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time)
{
    public const string SecretPrefix = "oc_";

    // Writing LastUsedAt on every request would turn every read into a write; a minute's precision is enough.
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public async Task<OperationResult<CreatedApiKey>> CreateAsync(CreateApiKeyRequest request, Actor actor, CancellationToken ct = default)
    {
        var errors = new ValidationErrors().Required("name", request.Name, 100);
        var scopes = request.Scopes?.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList() ?? [];
        if (scopes.Count == 0)
        {
            errors.Add("scopes", "Choose at least one scope.");
        }

        foreach (var unknown in scopes.Where(s => !ApiScopes.All.Contains(s)))
        {
            errors.Add("scopes", $"Unknown scope '{unknown}'.");
        }

        if (HumanGate.OperatorOnly<CreatedApiKey>(actor, "Only a signed-in operator can create API keys.") is { } refused)
        {
            return refused;
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<CreatedApiKey>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var created = Register(db, request.Name!.Trim(), scopes, NewSecret(), actor);
        await db.SaveChangesAsync(ct);
        return OperationResult<CreatedApiKey>.Created(created);
    }

    /// <summary>Registers a given secret (first-run bootstrap) or a generated one, in the caller's unit of work.</summary>
    public CreatedApiKey Register(ConsoleDbContext db, string name, IReadOnlyList<string> scopes, string secret, Actor actor)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var key = new ApiKey
        {
            Name = name,
            Prefix = secret.Length > 10 ? secret[..10] : secret,
            SecretHash = Hash(secret),
            Scopes = string.Join(' ', scopes),
            CreatedAt = now,
            CreatedBy = actor.DisplayName,
        };
        db.Add(key);
        db.SaveChanges();
        db.Audit(actor, now, "api_key.created", "api_key", key.Id, $"Created API key \"{name}\" ({key.Prefix}…)", after: new { name, scopes });
        return new CreatedApiKey(ToView(key), secret);
    }

    public async Task<OperationResult<ApiKeyView>> RevokeAsync(int id, string? reason, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<ApiKeyView>(actor, "Only a signed-in operator can revoke API keys.") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.Set<ApiKey>().FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return OperationResult<ApiKeyView>.NotFound($"API key {id} does not exist.");
        }

        if (key.RevokedAt is not null)
        {
            return OperationResult<ApiKeyView>.Ok(ToView(key));
        }

        var now = time.GetUtcNow().UtcDateTime;
        key.RevokedAt = now;
        key.RevokedBy = actor.DisplayName;
        db.Audit(actor, now, "api_key.revoked", "api_key", key.Id, $"Revoked API key \"{key.Name}\"", reason);
        await db.SaveChangesAsync(ct);
        ForgetCachedKeys();
        return OperationResult<ApiKeyView>.Ok(ToView(key));
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = await db.Set<ApiKey>().AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        return keys.Select(ToView).ToList();
    }

    /// <summary>
    /// How long a verified key is trusted without reading its row again. Machines call many times a second, and
    /// reading the key on every call was a measurable share of ingest time. Revocation on this instance forgets
    /// the cache at once; <see cref="ForgetCachedKeys"/> is also called when any instance changes a key (the
    /// live backplane carries that), so this window only matters if that signal is lost.
    /// </summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private sealed record CachedKey(ApiKeyPrincipal Principal, DateTime VerifiedAt, DateTime? LastUsedAt);

    // Only valid keys are cached (a handful), so random secrets sent by an attacker cannot grow it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CachedKey> _verified = new(StringComparer.Ordinal);

    /// <summary>Drops every cached verification: the next call of each key reads its row again.</summary>
    public void ForgetCachedKeys() => _verified.Clear();

    /// <summary>How many verified keys are cached now (tests read it).</summary>
    public int CachedKeyCount => _verified.Count;

    /// <summary>Null unless the secret belongs to an active key. Compares hashes, never secrets.</summary>
    public async Task<ApiKeyPrincipal?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 200)
        {
            return null;
        }

        var hash = Hash(secret);
        var now = time.GetUtcNow().UtcDateTime;
        if (_verified.TryGetValue(hash, out var cached) && now - cached.VerifiedAt < CacheFor && now >= cached.VerifiedAt)
        {
            if (cached.LastUsedAt is { } used && now - used <= LastUsedPrecision)
            {
                return cached.Principal;
            }

            // Only the caller that wins this swap records the use; the others go on with the cached key.
            if (_verified.TryUpdate(hash, cached with { LastUsedAt = now }, cached))
            {
                await using var touch = await dbFactory.CreateDbContextAsync(ct);
                await RecordUseAsync(touch, cached.Principal.Id, now, ct);
            }

            return cached.Principal;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.Set<ApiKey>().AsNoTracking().FirstOrDefaultAsync(k => k.SecretHash == hash, ct);
        if (key is null || key.RevokedAt is not null)
        {
            _verified.TryRemove(hash, out _);
            return null;
        }

        var lastUsed = key.LastUsedAt;
        if (lastUsed is null || now - lastUsed > LastUsedPrecision)
        {
            await RecordUseAsync(db, key.Id, now, ct);
            lastUsed = now;
        }

        var principal = new ApiKeyPrincipal(key.Id, key.Name, key.Prefix, key.ScopeList);
        _verified[hash] = new CachedKey(principal, now, lastUsed);
        return principal;
    }

    private static Task<int> RecordUseAsync(ConsoleDbContext db, int keyId, DateTime now, CancellationToken ct) =>
        db.Set<ApiKey>().Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);

    public static string NewSecret() => SecretPrefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToLowerInvariant();

    private static ApiKeyView ToView(ApiKey k) =>
        new(k.Id, k.Name, k.Prefix, k.ScopeList, k.CreatedAt, k.CreatedBy, k.LastUsedAt, k.RevokedAt, k.RevokedBy);
}
