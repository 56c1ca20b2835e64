using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Settings;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Learning;

namespace OperatorConsole.Data.Learning;

/// <summary>
/// Learning → Action (sprint 2.2): ingests learnings into proposals (AI engine when configured, built-in
/// rules otherwise — and says which), lets a person correct them, and turns "Promote to playbook?" into an
/// approval request. Nothing here promotes: only <see cref="PlaybookService.DecidePromotionAsync"/> does,
/// on an operator's recorded decision.
/// </summary>
public sealed class LearningService(
    IDbContextFactory<ConsoleDbContext> dbFactory,
    TimeProvider time,
    SettingsService settings,
    IEnumerable<ILearningAiEngine> aiEngines,
    SemanticContradictionFinder contradictions,
    LessonLabeller labeller,
    ILogger<LearningService> logger)
{
    public const string SubjectType = "learning_proposal";

    /// <summary>Says what produced built-in proposals and what their confidence means (shown with the learning).</summary>
    public const string BuiltInNote =
        "Azure OpenAI is not configured: the built-in extractor produced these (lesson sentences by rule; class and Produced tag from the nearest labelled examples; confidence calibrated on labelled suggestions).";
    private const string OperatorOnly = "Only a signed-in operator can do this; an API key never can.";

    /// <summary>Which engine an ingest would use right now (shown on the page before anything is sent).</summary>
    public string CurrentEngine => aiEngines.Any(e => e.IsConfigured) ? LearningEngines.AzureOpenAi : LearningEngines.BuiltIn;

    public async Task<OperationResult<IngestResult>> IngestAsync(IngestLearningRequest request, Actor actor, string? fileName = null, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<IngestResult>(actor, OperatorOnly) is { } refused)
        {
            return refused;
        }

        var errors = LearningRules.ValidateIngest(request.Title, request.Text, request.SourceKind, fileName);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (request.LeadId is { } leadId && !await db.Set<Lead>().AnyAsync(l => l.Id == leadId, ct))
        {
            errors.Add("leadId", $"Lead {leadId} does not exist.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<IngestResult>();
        }

        var text = request.Text!;
        var playbook = await LearningViews.CurrentPlaybookAsync(db, ct);
        var (engine, note, extracted) = await ExtractAsync(text, playbook, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var learning = new IngestedLearning
        {
            Title = string.IsNullOrWhiteSpace(request.Title) ? DefaultTitle(fileName, text, now) : request.Title.Trim(),
            SourceKind = request.SourceKind ?? GuessKind(fileName, text),
            FileName = fileName is null ? null : Path.GetFileName(fileName),
            LeadId = request.LeadId,
            Text = text,
            Engine = engine,
            EngineNote = note,
            CreatedAt = now,
            CreatedByKind = actor.Kind,
            CreatedById = actor.Id,
            CreatedByName = actor.DisplayName,
        };
        foreach (var item in extracted)
        {
            learning.Proposals.Add(NewProposal(item, engine, now, await contradictions.DetectAsync(item.Text, playbook, ct)));
        }

        db.Add(learning);
        await db.SaveWithAuditAsync(() => db.Audit(actor, now, "learning.ingested", "learning", learning.Id,
            $"Ingested \"{learning.Title}\": {learning.Proposals.Count} proposal(s) by {engine}", note,
            after: new { learning.Title, learning.SourceKind, learning.FileName, learning.Engine, learning.EngineNote, Proposals = learning.Proposals.Count }), ct);

        var floor = (await settings.GetThresholdsAsync(ct)).LowConfidenceFloor;
        var views = await LearningViews.ProposalsAsync(db, learning.Proposals, floor, now, ct);
        return OperationResult<IngestResult>.Created(new IngestResult(ToView(learning, learning.Proposals.Count), views));
    }

    /// <summary>
    /// The AI engine when configured; on any failure (call error, invalid JSON) the built-in extractor runs and
    /// the note says what happened — never a silent switch.
    /// </summary>
    private async Task<(string Engine, string? Note, IReadOnlyList<ExtractedProposal> Proposals)> ExtractAsync(
        string text, IReadOnlyList<PlaybookStatement> playbook, CancellationToken ct)
    {
        var ai = aiEngines.FirstOrDefault(e => e.IsConfigured);
        if (ai is null)
        {
            return (LearningEngines.BuiltIn, BuiltInNote, await labeller.ExtractAsync(text, ct));
        }

        string failure;
        try
        {
            var answer = await ai.ExtractAsync(text, playbook, ct);
            if (answer.Ok)
            {
                return (LearningEngines.AzureOpenAi, null, answer.Proposals);
            }

            failure = $"Azure OpenAI's answer was refused: {answer.Error}";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            failure = $"Azure OpenAI call failed ({ex.GetType().Name}: {ex.Message})";
        }

        logger.LogWarning("Learning extraction fell back to the built-in extractor: {Failure}", failure);
        return (LearningEngines.BuiltIn, failure + " — the built-in extractor produced these instead.", await labeller.ExtractAsync(text, ct));
    }

    public async Task<PagedList<LearningView>> ListLearningsAsync(int? page = null, int? pageSize = null, CancellationToken ct = default)
    {
        var paging = PageRequest.From(page, pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await db.Set<IngestedLearning>().CountAsync(ct);
        var items = await db.Set<IngestedLearning>().AsNoTracking()
            .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Select(l => new LearningView(l.Id, l.Title, l.SourceKind, l.FileName, l.LeadId, l.Engine, l.EngineNote, l.CreatedAt, l.CreatedByName, l.Proposals.Count))
            .ToListAsync(ct);
        return new PagedList<LearningView>(items, total, paging.Page, paging.PageSize);
    }

    public async Task<PagedList<LearningProposalView>> ListProposalsAsync(LearningProposalQuery query, CancellationToken ct = default)
    {
        var paging = PageRequest.From(query.Page, query.PageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var proposals = db.Set<LearningProposal>().AsNoTracking();
        if (query.Class is { } cls)
        {
            proposals = proposals.Where(p => p.Class == cls);
        }

        if (!string.IsNullOrWhiteSpace(query.Engine))
        {
            proposals = proposals.Where(p => p.Engine == query.Engine);
        }

        if (query.Produced is { } produced)
        {
            proposals = proposals.Where(p => p.Produced == produced);
        }

        if (query.Promoted is { } promoted)
        {
            proposals = promoted
                ? proposals.Where(p => p.State == LearningProposalState.Promoted)
                : proposals.Where(p => p.State != LearningProposalState.Promoted);
        }

        if (query.State is { } state)
        {
            proposals = proposals.Where(p => p.State == state);
        }

        if (query.LearningId is { } learningId)
        {
            proposals = proposals.Where(p => p.LearningId == learningId);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = LikePattern.Contains(query.Q);
            proposals = proposals.Where(p => EF.Functions.Like(p.Text, pattern, LikePattern.Escape) || EF.Functions.Like(p.Evidence!, pattern, LikePattern.Escape));
        }

        var total = await proposals.CountAsync(ct);
        var page = await proposals.Include(p => p.Contradictions)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var floor = (await settings.GetThresholdsAsync(ct)).LowConfidenceFloor;
        var views = await LearningViews.ProposalsAsync(db, page, floor, time.GetUtcNow().UtcDateTime, ct);
        return new PagedList<LearningProposalView>(views, total, paging.Page, paging.PageSize);
    }

    public async Task<LearningProposalView?> GetProposalAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var proposal = await db.Set<LearningProposal>().AsNoTracking().Include(p => p.Contradictions).FirstOrDefaultAsync(p => p.Id == id, ct);
        return proposal is null ? null : await ViewAsync(db, proposal, ct);
    }

    /// <summary>A person corrects what the engine suggested: class, confidence, produced tag, contradictions, wording.</summary>
    public async Task<OperationResult<LearningProposalView>> UpdateProposalAsync(int id, UpdateLearningProposalRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<LearningProposalView>(actor, OperatorOnly) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var proposal = await db.Set<LearningProposal>().Include(p => p.Contradictions).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null)
        {
            return OperationResult<LearningProposalView>.NotFound($"Learning proposal {id} does not exist.");
        }

        var errors = LearningRules.ValidateEdit(request.Text, request.Class, request.Confidence, request.Produced);
        if (request.Text is not null && proposal.State is LearningProposalState.PromotionRequested or LearningProposalState.Promoted
            && request.Text.Trim() != proposal.Text)
        {
            errors.Add("text", "The wording is fixed once promotion is requested: the decider approves exactly this text.");
        }

        var entries = await db.Set<PlaybookEntry>().AsNoTracking().ToDictionaryAsync(e => e.Id, ct);
        CheckContradictions(errors, request.Contradictions, entries);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<LearningProposalView>();
        }

        var before = Snapshot(proposal);
        var classChanged = request.Class is { } newClass && newClass != proposal.Class;
        proposal.Class = request.Class ?? proposal.Class;
        proposal.Confidence = request.Confidence is { } confidence ? Math.Round(confidence, 2) : proposal.Confidence;
        proposal.Produced = request.Produced ?? proposal.Produced;
        proposal.Text = request.Text?.Trim() ?? proposal.Text;
        if (request.Contradictions is not null)
        {
            ReplaceContradictions(proposal, request.Contradictions, entries, actor);
        }
        else if (classChanged || request.Text is not null)
        {
            await RedetectContradictionsAsync(db, proposal, ct);
        }

        var now = time.GetUtcNow().UtcDateTime;
        proposal.HumanReviewed = true;
        proposal.UpdatedAt = now;
        db.Audit(actor, now, "learning_proposal.updated", SubjectType, proposal.Id, $"Edited proposal \"{LearningRules.Headline(proposal.Text)}\"",
            before: before, after: Snapshot(proposal));
        await db.SaveChangesAsync(ct);
        return OperationResult<LearningProposalView>.Ok(await ViewAsync(db, proposal, ct));
    }

    /// <summary>Each contradiction a person names must point at an existing playbook entry, with a reason of at most 1,000 characters.</summary>
    private static void CheckContradictions(ValidationErrors errors, IReadOnlyList<ContradictionInput>? inputs, Dictionary<int, PlaybookEntry> entries)
    {
        for (var i = 0; i < (inputs?.Count ?? 0); i++)
        {
            var c = inputs![i];
            if (c.PlaybookEntryId is not { } entryId)
            {
                errors.Add($"contradictions[{i}].playbookEntryId", "'playbookEntryId' is required.");
            }
            else if (!entries.ContainsKey(entryId))
            {
                errors.Add($"contradictions[{i}].playbookEntryId", $"Playbook entry {entryId} does not exist.");
            }

            errors.MaxLength($"contradictions[{i}].reason", c.Reason, 1000);
        }
    }

    /// <summary>The sent list becomes the proposal's contradictions; one kept without a new reason keeps its reason, version and source.</summary>
    private static void ReplaceContradictions(LearningProposal proposal, IReadOnlyList<ContradictionInput> inputs, Dictionary<int, PlaybookEntry> entries, Actor actor)
    {
        var kept = proposal.Contradictions.ToDictionary(c => c.PlaybookEntryId);
        proposal.Contradictions.Clear();
        foreach (var input in inputs.DistinctBy(c => c.PlaybookEntryId))
        {
            var entry = entries[input.PlaybookEntryId!.Value];
            var previous = kept.GetValueOrDefault(entry.Id);
            proposal.Contradictions.Add(new LearningContradiction
            {
                PlaybookEntryId = entry.Id,
                PlaybookVersionNumber = previous?.PlaybookVersionNumber ?? entry.CurrentVersion,
                Reason = string.IsNullOrWhiteSpace(input.Reason) ? previous?.Reason ?? $"Marked as contradicting by {actor.DisplayName}." : input.Reason.Trim(),
                Source = previous is not null && string.IsNullOrWhiteSpace(input.Reason) ? previous.Source : "manual",
            });
        }
    }

    /// <summary>The class or the wording changed: detected contradictions are re-checked; ones a person added stay.</summary>
    private async Task RedetectContradictionsAsync(ConsoleDbContext db, LearningProposal proposal, CancellationToken ct)
    {
        var manual = proposal.Contradictions.Where(c => c.Source == "manual").ToList();
        proposal.Contradictions.Clear();
        proposal.Contradictions.AddRange(manual);
        var playbook = await LearningViews.CurrentPlaybookAsync(db, ct);
        proposal.Contradictions.AddRange((await contradictions.DetectAsync(proposal.Text, playbook, ct))
            .Where(d => manual.All(m => m.PlaybookEntryId != d.EntryId))
            .Select(Detected));
    }

    /// <summary>
    /// "Promote to playbook?": records the request as an approval request for an operator's decision. The proposal
    /// is not promoted here; the playbook does not change until <see cref="PlaybookService.DecidePromotionAsync"/>.
    /// </summary>
    public async Task<OperationResult<PromotionRequestResult>> RequestPromotionAsync(int id, RequestPromotionRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<PromotionRequestResult>(actor, OperatorOnly) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var proposal = await db.Set<LearningProposal>().Include(p => p.Contradictions).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null)
        {
            return OperationResult<PromotionRequestResult>.NotFound($"Learning proposal {id} does not exist.");
        }

        if (proposal.State is LearningProposalState.PromotionRequested or LearningProposalState.Promoted)
        {
            return OperationResult<PromotionRequestResult>.Conflict(proposal.State == LearningProposalState.Promoted
                ? "This proposal is already in the playbook."
                : $"Promotion is already requested (approval {proposal.ApprovalRequestId}); it waits for an operator's decision.");
        }

        var errors = new ValidationErrors().Defined("metric", request.Metric).MaxLength("title", request.Title, LearningRules.TitleMax).MaxLength("note", request.Note, LearningRules.ReasonMax);
        if (request.Metric is null)
        {
            errors.Add("metric", "Name the metric this entry should move: win_rate, proposal_cycle_days, avg_deal_size or time_to_ship_days.");
        }

        var target = await PromotionTargetAsync(db, request, proposal, errors, ct);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<PromotionRequestResult>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var before = Snapshot(proposal);
        var approval = PromotionApproval(proposal, target, request, actor, now);
        db.Add(approval);
        await db.SaveChangesAsync(ct);

        proposal.State = LearningProposalState.PromotionRequested;
        proposal.Metric = request.Metric;
        proposal.PromotionTargetEntryId = target?.Id;
        proposal.PromotionTitle = target is null ? Limit(request.Title?.Trim() ?? LearningRules.Headline(proposal.Text), LearningRules.TitleMax) : null;
        proposal.ApprovalRequestId = approval.Id;
        proposal.UpdatedAt = now;
        db.Audit(actor, now, "learning_proposal.promotion_requested", SubjectType, proposal.Id,
            $"Asked to promote \"{LearningRules.Headline(proposal.Text)}\" (approval {approval.Id})", request.Note, before, Snapshot(proposal));
        await db.SaveChangesAsync(ct);
        return OperationResult<PromotionRequestResult>.Created(new PromotionRequestResult(approval.Id, await ViewAsync(db, proposal, ct)));
    }

    /// <summary>
    /// The entry the promotion would give a new version: the one asked for, else the first one the proposal contradicts;
    /// null for a new entry. A named entry that does not exist is an error on targetEntryId.
    /// </summary>
    private static async Task<PlaybookEntry?> PromotionTargetAsync(
        ConsoleDbContext db, RequestPromotionRequest request, LearningProposal proposal, ValidationErrors errors, CancellationToken ct)
    {
        var targetId = request.TargetEntryId ?? proposal.Contradictions.OrderBy(c => c.Id).Select(c => (int?)c.PlaybookEntryId).FirstOrDefault();
        if (targetId is not { } tid)
        {
            return null;
        }

        var target = await db.Set<PlaybookEntry>().Include(e => e.Versions).FirstOrDefaultAsync(e => e.Id == tid, ct);
        if (target is null)
        {
            errors.Add("targetEntryId", $"Playbook entry {tid} does not exist.");
        }

        return target;
    }

    /// <summary>The approval request the decider reads: what changes (new entry or next version), from what to what, and why.</summary>
    private static ApprovalRequest PromotionApproval(LearningProposal proposal, PlaybookEntry? target, RequestPromotionRequest request, Actor actor, DateTime now)
    {
        var currentText = target?.Versions.FirstOrDefault(v => v.Number == target.CurrentVersion)?.Text;
        return new ApprovalRequest
        {
            Subject = ApprovalSubject.PlaybookPromotion,
            SubjectType = SubjectType,
            SubjectId = proposal.Id.ToString(CultureInfo.InvariantCulture),
            Title = Limit($"Promote to playbook ({Spell(proposal.Class)}): {LearningRules.Headline(proposal.Text, 120)}", 300),
            Context = string.Join('\n', new[]
            {
                target is null
                    ? $"New playbook entry \"{request.Title?.Trim() ?? LearningRules.Headline(proposal.Text)}\" (version 1)."
                    : $"New version {target.CurrentVersion + 1} of \"{target.Title}\" (version {target.CurrentVersion} stays in the history).",
                currentText is null ? null : $"Current text (v{target!.CurrentVersion}): {currentText}",
                $"Proposed text: {proposal.Text}",
                $"Metric it should move: {Spell(request.Metric!.Value)}",
                $"Engine: {proposal.Engine}, confidence {proposal.Confidence:0.00}{(proposal.HumanReviewed ? " (reviewed by a person)" : "")}",
                proposal.Evidence is null ? null : $"Evidence: {proposal.Evidence}",
                string.IsNullOrWhiteSpace(request.Note) ? null : $"Requester's note: {request.Note.Trim()}",
            }.Where(l => l is not null)),
            RequestedAt = now,
            RequestedByKind = actor.Kind,
            RequestedById = actor.Id,
            RequestedByName = actor.DisplayName,
        };
    }

    private async Task<LearningProposalView> ViewAsync(ConsoleDbContext db, LearningProposal proposal, CancellationToken ct)
    {
        var floor = (await settings.GetThresholdsAsync(ct)).LowConfidenceFloor;
        return (await LearningViews.ProposalsAsync(db, [proposal], floor, time.GetUtcNow().UtcDateTime, ct))[0];
    }

    /// <summary>A proposal as extracted, with the contradictions it has with the current playbook.</summary>
    internal static LearningProposal NewProposal(ExtractedProposal item, string engine, DateTime at, IEnumerable<PlaybookStatement> playbook) =>
        NewProposal(item, engine, at, ContradictionDetector.Detect(item.Class, item.Text, playbook));

    /// <summary>A proposal as extracted, with the contradictions already found (by meaning, see <see cref="SemanticContradictionFinder"/>).</summary>
    internal static LearningProposal NewProposal(ExtractedProposal item, string engine, DateTime at, IReadOnlyList<DetectedContradiction> detected)
    {
        var proposal = new LearningProposal
        {
            Text = item.Text,
            Evidence = item.Evidence,
            Class = item.Class,
            SuggestedClass = item.Class,
            Confidence = item.Confidence,
            Produced = item.Produced,
            Engine = engine,
            Rule = item.Rule,
            CreatedAt = at,
            UpdatedAt = at,
        };
        proposal.Contradictions.AddRange(detected.Select(Detected));
        return proposal;
    }

    internal static LearningContradiction Detected(DetectedContradiction d) => new()
    {
        PlaybookEntryId = d.EntryId,
        PlaybookVersionNumber = d.Version,
        Reason = Limit(d.Reason, 1000),
        Source = "detected",
    };

    internal static object Snapshot(LearningProposal p) => new
    {
        p.Text,
        p.Class,
        p.Confidence,
        p.Produced,
        p.State,
        p.Metric,
        p.PromotionTargetEntryId,
        p.ApprovalRequestId,
        Contradictions = p.Contradictions.Select(c => new { c.PlaybookEntryId, c.PlaybookVersionNumber, c.Source }).ToList(),
    };

    private static LearningView ToView(IngestedLearning l, int count) =>
        new(l.Id, l.Title, l.SourceKind, l.FileName, l.LeadId, l.Engine, l.EngineNote, l.CreatedAt, l.CreatedByName, count);

    private static string DefaultTitle(string? fileName, string text, DateTime now)
    {
        if (fileName is not null)
        {
            return Limit(Path.GetFileNameWithoutExtension(fileName), LearningRules.TitleMax);
        }

        var firstLine = TranscriptText.ToPlainText(text).Split('\n').Select(l => l.Trim().TrimStart('#', ' ')).FirstOrDefault(l => l.Length > 0);
        return firstLine is null ? $"Learning of {now:yyyy-MM-dd}" : LearningRules.Headline(firstLine, 80);
    }

    private static LearningSourceKind GuessKind(string? fileName, string text)
    {
        if (fileName?.EndsWith(".vtt", StringComparison.OrdinalIgnoreCase) == true || text.TrimStart().StartsWith("WEBVTT", StringComparison.Ordinal))
        {
            return LearningSourceKind.Transcript;
        }

        return text.Contains("post-mortem", StringComparison.OrdinalIgnoreCase) || text.Contains("postmortem", StringComparison.OrdinalIgnoreCase)
            || text.Contains("retro", StringComparison.OrdinalIgnoreCase)
            ? LearningSourceKind.PostMortem
            : LearningSourceKind.Note;
    }

    internal static string Spell<TEnum>(TEnum value)
        where TEnum : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static string Limit(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
