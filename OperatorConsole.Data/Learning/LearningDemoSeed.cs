using System.Globalization;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Seed;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Learning;

namespace OperatorConsole.Data.Learning;

/// <summary>
/// A seeded playbook (one entry already at version 2 through a recorded promotion) and two learnings run
/// through the real built-in extractor (nearest labelled examples, calibrated confidence) and contradiction rules: one
/// contradicts the playbook's discount rule; a reviewed proposal waits for a promotion decision.
/// </summary>
public sealed class LearningDemoSeed(LessonLabeller labeller) : IDemoSeedContributor
{
    public int Order => 50;

    public const string DiscoveryNote =
        "Discovery call notes: Summit Roofing, quote automation\n" +
        "Dave said their estimators spend two evenings a week retyping measurements into the quoting spreadsheet.\n" +
        "Dave: We tried a discount on the first call and it backfired; they assumed the price was padded.\n" +
        "We should stop offering a discount on the first call and anchor on the hours saved instead.\n" +
        "The client asked whether the quotes could be sent from their own Gmail account.\n" +
        "He pushed back on the retainer: they already have an IT contractor on a monthly fee.\n" +
        "Next time bring the before/after numbers from the Oak Street Dental case study to the call.";

    public const string PostMortem =
        "Post-mortem: Helio SaaS support ticket summariser\n" +
        "- What went well: the prompt was stable after week one and the client's team adopted it in days.\n" +
        "- The client kept adding extra features in the last sprint; scope creep cost us four unpaid days.\n" +
        "- Lesson: the model hallucinated ticket numbers until we added the ticket id to the prompt explicitly.\n" +
        "- Going forward we should add a regression test set of 50 real tickets before every prompt change.\n" +
        "- The proposal took a week to go out because we rewrote the scope twice; next time send it within 24 hours with a Loom walkthrough.";

    public async Task SeedAsync(ConsoleDbContext db, DemoSeedContext context, CancellationToken ct)
    {
        var proposalSpeed = await SeedPlaybookAsync(db, context, ct);
        var playbook = db.Set<PlaybookEntry>().Local
            .Select(e => new PlaybookStatement(e.Id, e.CurrentVersion, e.Class, e.Title, e.Versions.First(v => v.Number == e.CurrentVersion).Text))
            .ToList();

        Ingest(db, context, "Discovery call — Summit Roofing", LearningSourceKind.Note, DiscoveryNote, await labeller.ExtractAsync(DiscoveryNote, ct), playbook, 2);
        var postMortem = Ingest(db, context, "Post-mortem — Helio SaaS", LearningSourceKind.PostMortem, PostMortem, await labeller.ExtractAsync(PostMortem, ct), playbook, 24);
        await db.SaveChangesAsync(ct);

        if (postMortem.Proposals.FirstOrDefault(p => p.Text.Contains("24 hours", StringComparison.Ordinal)) is { } speed)
        {
            await PromoteAsync(db, context, speed, proposalSpeed, ct);
        }

        if (postMortem.Proposals.FirstOrDefault(p => p.Text.Contains("regression test", StringComparison.Ordinal)) is { } regression)
        {
            await RequestPromotionAsync(db, context, regression, ct);
        }
    }

    /// <summary>Six playbook entries, one of them (the first-call discount) already at version 2; returns "Proposal turnaround".</summary>
    private static async Task<PlaybookEntry> SeedPlaybookAsync(ConsoleDbContext db, DemoSeedContext context, CancellationToken ct)
    {
        PlaybookEntry Entry(LearningClass cls, string title, double daysAgo, params string[] texts) => NewEntry(db, context, cls, title, daysAgo, texts);

        Entry(LearningClass.Sales, "Discount on the first call", 90,
            "Offer a 10% discount on the first call to close quickly.",
            "Offer a 10% discount on the first call when the client raises budget.");
        var proposalSpeed = Entry(LearningClass.Sales, "Proposal turnaround", 85, "Send the proposal within 72 hours of the discovery call.");
        Entry(LearningClass.Delivery, "Scope in writing", 80, "Agree the scope in writing before the build starts; changes go through a change request with a price.");
        Entry(LearningClass.Ai, "Human review of AI output", 75, "A person reviews every AI-generated message before it reaches a client.");
        Entry(LearningClass.Ops, "Friday client update", 70, "Send every active client a short written update every Friday.");
        Entry(LearningClass.Positioning, "Lead with a case study", 65, "Open every sales call with one case study from the same industry, with numbers.");
        await db.SaveChangesAsync(ct);
        return proposalSpeed;
    }

    private static PlaybookEntry NewEntry(ConsoleDbContext db, DemoSeedContext context, LearningClass cls, string title, double daysAgo, string[] texts)
    {
        var op = context.Operator;
        var entry = new PlaybookEntry { Class = cls, Title = title, CreatedAt = context.DaysAgo(daysAgo), UpdatedAt = context.DaysAgo(daysAgo), CurrentVersion = texts.Length };
        for (var i = 0; i < texts.Length; i++)
        {
            entry.Versions.Add(new PlaybookEntryVersion
            {
                Number = i + 1,
                Text = texts[i],
                CreatedAt = context.DaysAgo(daysAgo - i * 10),
                CreatedById = op.Id,
                CreatedByName = op.DisplayName,
                Reason = i == 0 ? "Initial playbook" : "Tightened after two deals where the discount did not change the outcome.",
            });
        }

        db.Add(entry);
        return entry;
    }

    /// <summary>The Helio post-mortem's proposal-speed lesson, reviewed and promoted three weeks ago (v2 of "Proposal turnaround").</summary>
    private static async Task PromoteAsync(ConsoleDbContext db, DemoSeedContext context, LearningProposal speed, PlaybookEntry proposalSpeed, CancellationToken ct)
    {
        var op = context.Operator;
        var promotedAt = context.DaysAgo(21);
        var approval = new ApprovalRequest
        {
            Subject = ApprovalSubject.PlaybookPromotion,
            SubjectType = LearningService.SubjectType,
            SubjectId = speed.Id.ToString(CultureInfo.InvariantCulture),
            Title = "Promote to playbook (sales): send the proposal within 24 hours with a Loom walkthrough",
            Context = $"New version 2 of \"{proposalSpeed.Title}\".\nProposed text: Send the proposal within 24 hours of the discovery call, with a Loom walkthrough.",
            State = ApprovalState.Approved,
            RequestedAt = promotedAt.AddHours(-20),
            RequestedByKind = ActorKind.User,
            RequestedById = "demo-partner",
            RequestedByName = "Demo Partner",
            DecidedAt = promotedAt,
            DecidedById = op.Id,
            DecidedByName = op.DisplayName,
            DecisionNote = "Two proposals went cold while we polished them; speed beats polish here.",
        };
        db.Add(approval);
        await db.SaveChangesAsync(ct);
        speed.Text = "Send the proposal within 24 hours of the discovery call, with a Loom walkthrough.";
        speed.Class = LearningClass.Sales;
        speed.Confidence = 0.8;
        speed.HumanReviewed = true;
        speed.Produced = ProducedTag.ProposalImprovement;
        speed.State = LearningProposalState.Promoted;
        speed.Metric = ImprovementMetric.ProposalCycleDays;
        speed.PromotionTargetEntryId = proposalSpeed.Id;
        speed.ApprovalRequestId = approval.Id;
        speed.PromotedAt = promotedAt;
        speed.PromotedEntryId = proposalSpeed.Id;
        speed.PromotedVersionNumber = 2;
        speed.Contradictions.Clear();
        proposalSpeed.Versions.Add(new PlaybookEntryVersion
        {
            Number = 2,
            Text = speed.Text,
            CreatedAt = promotedAt,
            CreatedById = op.Id,
            CreatedByName = op.DisplayName,
            SourceProposalId = speed.Id,
            ApprovalRequestId = approval.Id,
            Reason = approval.DecisionNote,
            Metric = ImprovementMetric.ProposalCycleDays,
        });
        proposalSpeed.CurrentVersion = 2;
        proposalSpeed.UpdatedAt = promotedAt;
    }

    /// <summary>A reviewed, confident proposal waiting for an operator's decision (it shows in the approvals queue).</summary>
    private static async Task RequestPromotionAsync(ConsoleDbContext db, DemoSeedContext context, LearningProposal regression, CancellationToken ct)
    {
        regression.Confidence = 0.75;
        regression.HumanReviewed = true;
        regression.Class = LearningClass.Ai;
        regression.Produced = ProducedTag.QaChecklist;
        await db.SaveChangesAsync(ct);
        var pending = new ApprovalRequest
        {
            Subject = ApprovalSubject.PlaybookPromotion,
            SubjectType = LearningService.SubjectType,
            SubjectId = regression.Id.ToString(CultureInfo.InvariantCulture),
            Title = "Promote to playbook (ai): regression test set of 50 real tickets before every prompt change",
            Context = $"New playbook entry (version 1).\nProposed text: {regression.Text}\nMetric it should move: time_to_ship_days",
            RequestedAt = context.DaysAgo(0.8),
            RequestedByKind = ActorKind.User,
            RequestedById = "demo-partner",
            RequestedByName = "Demo Partner",
        };
        db.Add(pending);
        await db.SaveChangesAsync(ct);
        regression.State = LearningProposalState.PromotionRequested;
        regression.Metric = ImprovementMetric.TimeToShipDays;
        regression.PromotionTitle = "Regression set before prompt changes";
        regression.ApprovalRequestId = pending.Id;
    }

    private static IngestedLearning Ingest(
        ConsoleDbContext db, DemoSeedContext context, string title, LearningSourceKind kind, string text, IReadOnlyList<ExtractedProposal> extracted, List<PlaybookStatement> playbook, double daysAgo)
    {
        var at = context.DaysAgo(daysAgo);
        var learning = new IngestedLearning
        {
            Title = title,
            SourceKind = kind,
            Text = text,
            Engine = LearningEngines.BuiltIn,
            EngineNote = LearningService.BuiltInNote,
            CreatedAt = at,
            CreatedByKind = ActorKind.User,
            CreatedById = context.Operator.Id,
            CreatedByName = context.Operator.DisplayName,
        };
        learning.Proposals.AddRange(extracted.Select(item => LearningService.NewProposal(item, LearningEngines.BuiltIn, at, playbook)));

        db.Add(learning);
        return learning;
    }
}
