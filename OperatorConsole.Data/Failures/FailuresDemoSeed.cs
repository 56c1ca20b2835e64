using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Seed;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Failures;

/// <summary>
/// One snoozed item in the demo, so "show acknowledged" has something to show: a lead the operator knows is
/// on holiday, snoozed for three days with a reason (audited like a real snooze).
/// </summary>
internal sealed class FailuresDemoSeed : IDemoSeedContributor
{
    public int Order => 900;

    public Task SeedAsync(ConsoleDbContext db, DemoSeedContext context, CancellationToken ct)
    {
        var thresholds = new Domain.Settings.Thresholds();
        var lead = context.Leads.FirstOrDefault(l => StaleByTouchPolicy.IsStale(Activity(l), context.Now, thresholds)
            && l.Status == LeadStatus.Qualified);
        if (lead is null)
        {
            return Task.CompletedTask;
        }

        var item = StaleByTouchPolicy.Item(Activity(lead), context.Now, thresholds);
        var badness = item.GetBadness();
        var ack = new FailureAcknowledgement
        {
            Bucket = FailureBucket.StaleByTouch,
            RecordKey = item.Key,
            Kind = AcknowledgementKind.Snooze,
            Until = context.Now.AddDays(3),
            Reason = $"{lead.ContactName ?? "The contact"} is on holiday until Monday; I will call then.",
            Title = item.Describe(),
            Episode = badness.Episode,
            Level = badness.Level,
            Step = badness.Step,
            CreatedAt = context.DaysAgo(0.3),
            CreatedByKind = context.Operator.Kind,
            CreatedById = context.Operator.Id,
            CreatedByName = context.Operator.DisplayName,
        };
        db.Add(ack);
        db.Audit(context.Operator, ack.CreatedAt, "failure.snoozed", "failure", $"{ack.Bucket.Code()}/{ack.RecordKey}",
            $"Snoozed until {ack.Until:yyyy-MM-dd HH:mm} UTC: {ack.Title}", ack.Reason);
        return Task.CompletedTask;
    }

    private static DealActivity Activity(Lead l) =>
        new(l.Id, l.Title, l.Status, l.IsArchived, l.CreatedAt, l.LastContactAt, l.NextStep, l.NextStepDueAt, l.NextStepDoneAt);
}
