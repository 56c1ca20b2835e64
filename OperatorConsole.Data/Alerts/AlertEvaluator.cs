using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Alerts;
using OperatorConsole.Domain.Failures;

namespace OperatorConsole.Data.Alerts;

/// <summary>
/// Turns the current failures report into queued alerts, channel by channel: one "opened" alert per new item
/// once it passes the channel's minimum age and count and outside quiet hours; a reminder every N hours while
/// it stays open; a "resolved" message when it clears. Acknowledged and snoozed items never alert. What each
/// channel was told is kept in <see cref="AlertNotice"/> rows, so nothing repeats across changes or restarts.
/// </summary>
public sealed class AlertEvaluator(IDbContextFactory<ConsoleDbContext> dbFactory)
{
    /// <summary>More new items than this for one channel at once become one combined alert (no storm of messages).</summary>
    public const int MaxSingleAlerts = 5;

    /// <summary>Returns how many deliveries were queued.</summary>
    public async Task<int> EvaluateAsync(Func<CancellationToken, Task<FailuresReport>> readReport, DateTime now, string consoleUrl, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channels = await db.Set<AlertChannel>().Where(c => c.Enabled).ToListAsync(ct);
        if (channels.Count == 0)
        {
            return 0;
        }

        var report = await readReport(ct);
        var notices = (await db.Set<AlertNotice>().Where(n => n.ResolvedAt == null).ToListAsync(ct)).ToLookup(n => n.ChannelId);
        var queued = 0;
        foreach (var channel in channels)
        {
            queued += EvaluateChannel(db, channel, report, notices[channel.Id].ToList(), now, consoleUrl);
            if (AlertRouting.DigestDue(channel, now))
            {
                AlertQueue.Enqueue(db, channel, await AlertDigestBuilder.BuildAsync(db, channel, report, now, consoleUrl, ct), now);
                channel.LastDigestOn = DateOnly.FromDateTime(AlertRouting.Local(channel, now));
                queued++;
            }
        }

        await db.SaveChangesAsync(ct);
        return queued;
    }

    private static int EvaluateChannel(ConsoleDbContext db, AlertChannel channel, FailuresReport report, List<AlertNotice> open, DateTime now, string consoleUrl)
    {
        var quiet = AlertRouting.IsQuiet(channel, now);
        var byKey = open.ToDictionary(n => (n.Bucket, n.ItemKey));
        var present = new HashSet<(FailureBucket, string)>();
        var due = new DueNotices([], []);
        foreach (var bucket in AlertRouting.ParseBuckets(channel.Buckets))
        {
            var items = report.Items(bucket);
            var openCount = items.Count(i => i.Acknowledgement is null);
            foreach (var item in items)
            {
                present.Add((bucket, item.Key));
                // An item about this very channel is not sent to it: it is failing, and would only fail again.
                if (item.Acknowledgement is not null || item.Key == FailureKeys.Integration(channel.IntegrationName))
                {
                    continue;
                }

                var notice = NoticeFor(db, channel, byKey, bucket, item, now);
                if (!quiet)
                {
                    due.Add(channel, notice, item, openCount, now);
                }
            }
        }

        return QueueOpened(db, channel, due.Opened, now, consoleUrl)
            + QueueReminders(db, channel, due.Reminders, now, consoleUrl)
            + Resolve(db, channel, open.Where(n => !present.Contains((n.Bucket, n.ItemKey))), quiet, now, consoleUrl);
    }

    /// <summary>The channel's notice of an item: the open one, or a new one first seen now.</summary>
    private static AlertNotice NoticeFor(
        ConsoleDbContext db, AlertChannel channel, Dictionary<(FailureBucket, string), AlertNotice> byKey, FailureBucket bucket, IFailureItem item, DateTime now)
    {
        if (byKey.TryGetValue((bucket, item.Key), out var notice))
        {
            return notice;
        }

        notice = new AlertNotice
        {
            ChannelId = channel.Id, Bucket = bucket, ItemKey = item.Key, Title = Cut(item.Describe()), Link = item.Link, FirstSeenAt = now,
        };
        db.Add(notice);
        byKey[(bucket, item.Key)] = notice;
        return notice;
    }

    /// <summary>The notices a channel is due to send this round: first alerts, and reminders of ones still open.</summary>
    private sealed record DueNotices(List<AlertNotice> Opened, List<AlertNotice> Reminders)
    {
        public void Add(AlertChannel channel, AlertNotice notice, IFailureItem item, int openCount, DateTime now)
        {
            if (notice.OpenedSentAt is null)
            {
                if (now - notice.FirstSeenAt >= TimeSpan.FromMinutes(channel.MinAgeMinutes) && openCount >= channel.MinCount)
                {
                    notice.Title = Cut(item.Describe());
                    Opened.Add(notice);
                }
            }
            else if (channel.ReminderHours is { } hours && notice.LastSentAt is { } last && now - last >= TimeSpan.FromHours(hours))
            {
                Reminders.Add(notice);
            }
        }
    }

    private static int QueueReminders(ConsoleDbContext db, AlertChannel channel, List<AlertNotice> reminders, DateTime now, string consoleUrl)
    {
        foreach (var notice in reminders)
        {
            notice.LastSentAt = now;
            AlertQueue.Enqueue(db, channel, AlertMessage.ForItem(AlertKind.Reminder, notice.Bucket, notice.ItemKey, notice.Title, notice.Link, notice.FirstSeenAt, now, consoleUrl), now);
        }

        return reminders.Count;
    }

    private static int QueueOpened(ConsoleDbContext db, AlertChannel channel, List<AlertNotice> opened, DateTime now, string consoleUrl)
    {
        foreach (var notice in opened)
        {
            notice.OpenedSentAt = now;
            notice.LastSentAt = now;
        }

        if (opened.Count > MaxSingleAlerts)
        {
            var items = opened.Select(n => new AlertItem(n.Bucket.Code(), n.Bucket.Group().Code(), n.ItemKey, n.Title, AlertRouting.Absolute(consoleUrl, n.Link), n.FirstSeenAt)).ToList();
            var message = new AlertMessage(AlertKind.Opened, $"{opened.Count} new items in Failures & Interventions", $"{opened.Count} new items need attention.",
                now, consoleUrl, null, [new DigestSection("New", items.Count, items)]);
            AlertQueue.Enqueue(db, channel, message, now);
            return 1;
        }

        foreach (var notice in opened)
        {
            AlertQueue.Enqueue(db, channel, AlertMessage.ForItem(AlertKind.Opened, notice.Bucket, notice.ItemKey, notice.Title, notice.Link, notice.FirstSeenAt, now, consoleUrl), now);
        }

        return opened.Count;
    }

    /// <summary>
    /// Notices whose item left the report. A failed run never un-fails (it leaves the list by age), so it closes
    /// without a message; anything else that was alerted gets a "resolved" message (after quiet hours).
    /// </summary>
    private static int Resolve(ConsoleDbContext db, AlertChannel channel, IEnumerable<AlertNotice> gone, bool quiet, DateTime now, string consoleUrl)
    {
        var queued = 0;
        foreach (var notice in gone)
        {
            var announce = notice.OpenedSentAt is not null && channel.SendResolved && notice.Bucket != FailureBucket.FailedRuns;
            if (announce && quiet)
            {
                continue;
            }

            notice.ResolvedAt = now;
            if (announce)
            {
                AlertQueue.Enqueue(db, channel, AlertMessage.ForItem(AlertKind.Resolved, notice.Bucket, notice.ItemKey, notice.Title, notice.Link, notice.FirstSeenAt, now, consoleUrl), now);
                queued++;
            }
        }

        return queued;
    }

    private static string Cut(string text) => text.Length > 500 ? text[..500] : text;
}
