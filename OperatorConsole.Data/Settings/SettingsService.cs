using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Settings;

namespace OperatorConsole.Data.Settings;

/// <summary>Named settings documents stored as JSON; every change is audited with before and after.</summary>
public sealed class SettingsService(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time)
{
    public const string ThresholdsKey = "thresholds";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<T> GetAsync<T>(string key, Func<T> defaults, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Set<ConsoleSetting>().AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
        if (row is null)
        {
            return defaults();
        }

        return JsonSerializer.Deserialize<T>(row.ValueJson, Json) ?? defaults();
    }

    public async Task SaveAsync<T>(string key, T value, Actor actor, string? reason = null, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Set<ConsoleSetting>().FirstOrDefaultAsync(s => s.Key == key, ct);
        var json = JsonSerializer.Serialize(value, Json);
        var before = row?.ValueJson;
        if (row is null)
        {
            row = new ConsoleSetting { Key = key, ValueJson = json, UpdatedAt = now, UpdatedBy = actor.DisplayName };
            db.Add(row);
        }
        else
        {
            row.ValueJson = json;
            row.UpdatedAt = now;
            row.UpdatedBy = actor.DisplayName;
        }

        var entry = db.Audit(actor, now, "settings.changed", "settings", key, $"Changed settings \"{key}\"", reason);
        entry.Before = before;
        entry.After = json;
        await db.SaveChangesAsync(ct);
    }

    public Task<Thresholds> GetThresholdsAsync(CancellationToken ct = default) => GetAsync(ThresholdsKey, () => new Thresholds(), ct);

    public async Task<OperationResult<Thresholds>> SaveThresholdsAsync(Thresholds thresholds, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<Thresholds>(actor, "Only a signed-in operator can change thresholds.") is { } refused)
        {
            return refused;
        }

        var errors = thresholds.Validate();
        if (errors.Count > 0)
        {
            return OperationResult<Thresholds>.Invalid(errors);
        }

        await SaveAsync(ThresholdsKey, thresholds, actor, ct: ct);
        return OperationResult<Thresholds>.Ok(thresholds);
    }
}
