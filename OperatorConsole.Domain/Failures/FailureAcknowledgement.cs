using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Failures;

/// <summary>
/// An operator's "seen it" or "not now" on one failure, with a reason. Kept forever (reopening sets ReopenedAt,
/// never deletes), and it carries a snapshot of how bad the item was, so the item comes back by itself when it
/// gets worse (<see cref="AcknowledgementPolicy"/>).
/// </summary>
public class FailureAcknowledgement
{
    public int Id { get; set; }
    public FailureBucket Bucket { get; set; }

    /// <summary>The item's key in its bucket, e.g. "lead:42", "run:17", "integration:research".</summary>
    public required string RecordKey { get; set; }
    public AcknowledgementKind Kind { get; set; }

    /// <summary>End of a snooze; null for an acknowledgement.</summary>
    public DateTime? Until { get; set; }
    public required string Reason { get; set; }

    /// <summary>What the item said when it was acknowledged (for the history and the audit log).</summary>
    public required string Title { get; set; }

    /// <summary>Snapshot of the badness: which occurrence it was, how bad, and how much worse brings it back.</summary>
    public required string Episode { get; set; }
    public double Level { get; set; }
    public double? Step { get; set; }

    public DateTime CreatedAt { get; set; }
    public ActorKind CreatedByKind { get; set; }
    public required string CreatedById { get; set; }
    public required string CreatedByName { get; set; }

    /// <summary>
    /// The bulk decision this acknowledgement was part of (one reason and one audit entry for a whole bucket or
    /// filter); null for a single acknowledgement. Each covered item still has its own row, so each comes back on
    /// its own when it gets worse.
    /// </summary>
    public string? DecisionId { get; set; }

    public DateTime? ReopenedAt { get; set; }
    public string? ReopenedById { get; set; }
    public string? ReopenedByName { get; set; }
    public string? ReopenReason { get; set; }
}

/// <summary>How bad an item is right now, in a form that can be compared with a snapshot.</summary>
/// <param name="Episode">Identifies this occurrence: after the lead is touched and goes stale again, it is a new episode.</param>
/// <param name="Level">How bad (days stale, days waiting, severity…).</param>
/// <param name="Step">How much the level must grow for the item to count as worse; null: it cannot get worse.</param>
public sealed record Badness(string Episode, double Level, double? Step);

public static class AcknowledgementPolicy
{
    public const int ReasonMax = 1000;
    public const int MaxSnoozeDays = 90;

    /// <summary>
    /// Whether an acknowledgement still hides an item: it must not be reopened, a snooze must not have ended
    /// (it ends exactly at <c>Until</c>), it must be the same occurrence, and the item must not have become worse
    /// by a full step since (e.g. another full threshold of days without a touch).
    /// </summary>
    public static bool Covers(FailureAcknowledgement ack, Badness current, DateTime now)
    {
        if (ack.ReopenedAt is not null)
        {
            return false;
        }

        if (ack.Until is { } until && now >= until)
        {
            return false;
        }

        if (!string.Equals(ack.Episode, current.Episode, StringComparison.Ordinal))
        {
            return false;
        }

        return ack.Step is not { } step || current.Level < ack.Level + step;
    }

    /// <summary>Field rules of an acknowledge/snooze request.</summary>
    public static ValidationErrors Validate(FailureBucket? bucket, string? key, AcknowledgementKind? kind, DateTime? until, string? reason, DateTime now)
    {
        var errors = new ValidationErrors()
            .Required("key", key, 200)
            .Required("reason", reason, ReasonMax);
        if (bucket is null)
        {
            errors.Add("bucket", "'bucket' is required: " + string.Join(", ", Enum.GetValues<FailureBucket>().Select(b => b.Code())) + ".");
        }

        if (kind is null)
        {
            errors.Add("kind", "'kind' is required: ack or snooze.");
        }
        else if (kind == AcknowledgementKind.Snooze)
        {
            if (until is null)
            {
                errors.Add("until", "A snooze needs 'until' (when the item comes back).");
            }
            else if (until.Value.ToUniversalTime() <= now)
            {
                errors.Add("until", "'until' must be in the future.");
            }
            else if (until.Value.ToUniversalTime() > now.AddDays(MaxSnoozeDays))
            {
                errors.Add("until", $"A snooze lasts at most {MaxSnoozeDays} days; acknowledge instead if you own it.");
            }
        }
        else if (until is not null)
        {
            errors.Add("until", "An acknowledgement has no end; use kind 'snooze' to hide an item until a time.");
        }

        return errors;
    }
}
