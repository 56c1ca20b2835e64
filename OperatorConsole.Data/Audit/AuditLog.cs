using System.Text.Json;
using System.Text.Json.Serialization;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Audit;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Data.Audit;

/// <summary>
/// Adds an audit entry to the same unit of work as the change it describes, so the record and its
/// audit entry are saved together or not at all.
/// </summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static AuditEntry Audit(
        this ConsoleDbContext db,
        Actor actor,
        DateTime at,
        string action,
        string recordType,
        object recordId,
        string? summary = null,
        string? reason = null,
        object? before = null,
        object? after = null)
    {
        var entry = new AuditEntry
        {
            At = at,
            ActorKind = actor.Kind,
            ActorId = actor.Id,
            ActorName = actor.DisplayName,
            Action = action,
            RecordType = recordType,
            RecordId = recordId.ToString() ?? "",
            Summary = summary,
            Reason = reason,
            Before = before is null ? null : JsonSerializer.Serialize(before, SnapshotJson),
            After = after is null ? null : JsonSerializer.Serialize(after, SnapshotJson),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    public static string Snapshot(object value) => JsonSerializer.Serialize(value, SnapshotJson);
}
