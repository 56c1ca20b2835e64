using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Import;
using OperatorConsole.Domain.Teams;

namespace OperatorConsole.Data.Teams;

/// <summary>One row of a teams file (Maven's sales_teams.csv): a deal owner, their manager and regional office.</summary>
public sealed record TeamSourceRow(int Row, string? Name, string? Manager, string? Office);

public sealed record TeamImportResult(int Created, int Updated, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// Writes a teams file: a new name is a new member; a known one (case and spacing ignored) gets the file's manager and
/// office — in update mode always, in skip mode only where it has none, as accounts are filled.
/// </summary>
public sealed class TeamMembersWriter(IDbContextFactory<ConsoleDbContext> dbFactory)
{
    public async Task<TeamImportResult> WriteAsync(IReadOnlyList<TeamSourceRow> rows, DuplicateMode mode, DateTime now, CancellationToken ct = default)
    {
        if (rows.Count == 0)
        {
            return new TeamImportResult(0, 0, []);
        }

        var errors = new List<ImportRowError>();
        int created = 0, updated = 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Set<TeamMember>().ToDictionaryAsync(m => m.NameKey, StringComparer.Ordinal, ct);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (TeamRules.Validate(row.Name, row.Manager, row.Office) is { Count: > 0 } invalid)
            {
                errors.Add(new ImportRowError(row.Row, row.Name, "Teams file: " + string.Join(" ", invalid)));
                continue;
            }

            var key = TeamRules.Key(row.Name)!;
            if (!seen.TryAdd(key, row.Row))
            {
                errors.Add(new ImportRowError(row.Row, row.Name, $"Teams file: same person as row {seen[key]}; the first one was kept."));
                continue;
            }

            if (!existing.TryGetValue(key, out var member))
            {
                db.Add(new TeamMember { Name = row.Name!.Trim(), NameKey = key, Manager = row.Manager, Office = row.Office, CreatedAt = now, UpdatedAt = now });
                created++;
                continue;
            }

            var overwrite = mode == DuplicateMode.Update;
            var manager = row.Manager is not null && (overwrite || member.Manager is null) ? row.Manager : member.Manager;
            var office = row.Office is not null && (overwrite || member.Office is null) ? row.Office : member.Office;
            if (manager != member.Manager || office != member.Office)
            {
                (member.Manager, member.Office, member.UpdatedAt) = (manager, office, now);
                updated++;
            }
        }

        await db.SaveChangesAsync(ct);
        return new TeamImportResult(created, updated, errors);
    }
}
