using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Integrations;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Runs;

namespace OperatorConsole.Data.Runs;

/// <summary>Records pipeline runs with their steps; keeps each lead's last run and the matching integration current.</summary>
public sealed class PipelineRunService(IDbContextFactory<ConsoleDbContext> dbFactory, IngestWriter writer, TimeProvider time)
{
    public const int MaxSteps = 200;

    public async Task<OperationResult<RunView>> RecordAsync(RecordRunRequest request, Actor actor, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var errors = Validate(request, now);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<RunView>();
        }

        // The run, its lead's last run and the matching integration are stored together or not at all (one item
        // of an ingest batch), and the lead is read inside the batch's transaction so two runs arriving at once
        // cannot overwrite each other's order.
        var steps = request.Steps ?? [];
        var reads = new IngestReads(request.LeadId, request.Kind!.Trim().ToLowerInvariant());
        return await writer.WriteAsync((db, token) => StoreAsync(db, request, steps, actor, now, token), reads, ct);
    }

    private static ValidationErrors Validate(RecordRunRequest request, DateTime now)
    {
        var errors = new ValidationErrors().Required("kind", request.Kind, 60);
        if (request.Kind is { } kind && !IntegrationService.IsValidName(kind.Trim().ToLowerInvariant()))
        {
            errors.Add("kind", "'kind' may use letters, digits, '-', '_' and '.' only.");
        }

        if (request.StartedAt is null)
        {
            errors.Add("startedAt", "'startedAt' is required.");
        }
        else if (request.StartedAt.Value.ToUniversalTime() > now.AddMinutes(5))
        {
            errors.Add("startedAt", "'startedAt' cannot be in the future.");
        }

        if (request.FinishedAt is { } finished && request.StartedAt is { } started && finished.ToUniversalTime() < started.ToUniversalTime())
        {
            errors.Add("finishedAt", "'finishedAt' cannot be before 'startedAt'.");
        }

        if (request.Steps is null)
        {
            errors.Add("steps", "'steps' is required (send an empty list only if the run really did nothing).");
        }

        return ValidateSteps(errors, request.Steps ?? []);
    }

    private static ValidationErrors ValidateSteps(ValidationErrors errors, IReadOnlyList<RecordRunStep?> steps)
    {
        if (steps.Count > MaxSteps)
        {
            errors.Add("steps", $"At most {MaxSteps} steps per run.");
        }

        for (var i = 0; i < Math.Min(steps.Count, MaxSteps); i++)
        {
            if (steps[i] is not { } step)
            {
                errors.Add($"steps[{i}]", "A step cannot be null.");
                continue;
            }

            errors.Required($"steps[{i}].name", step.Name, 200).MaxLength($"steps[{i}].error", step.Error, 2000);
            if (step.Success is null)
            {
                errors.Add($"steps[{i}].success", "'success' is required.");
            }

            if (step.DurationMs is < 0)
            {
                errors.Add($"steps[{i}].durationMs", "'durationMs' cannot be negative.");
            }
        }

        return errors;
    }

    private static async Task<IngestStep<RunView>> StoreAsync(
        ConsoleDbContext db, RecordRunRequest request, IReadOnlyList<RecordRunStep> steps, Actor actor, DateTime now, CancellationToken ct)
    {
        Lead? lead = null;
        if (request.LeadId is { } leadId)
        {
            // Find: a lead an earlier run or touch of the same batch changed is the tracked (not yet saved) one.
            lead = await db.Set<Lead>().FindAsync([leadId], ct);
            if (lead is null)
            {
                return IngestStep.Answer(new ValidationErrors().Add("leadId", $"Lead {leadId} does not exist.").ToResult<RunView>());
            }
        }

        var run = NewRun(request, steps, actor, now);
        db.Add(run);

        // "Latest" is the latest start (API.md); an older run arriving late does not overwrite a newer one. The
        // run's id is stored once it has one; runs of one batch are finished in arrival order, so the last one
        // found latest here is the one whose id stays.
        var latest = lead is not null && (lead.LastRunStartedAt is null || run.StartedAt >= lead.LastRunStartedAt);
        if (latest)
        {
            lead!.LastRunStatus = run.Status;
            lead.LastRunStartedAt = run.StartedAt;
            lead.LastRunFinishedAt = run.FinishedAt;
        }

        var reported = await IntegrationService.ApplyRunAsync(db, run, ct);
        return IngestStep.AfterSave(() =>
        {
            if (latest)
            {
                lead!.LastRunId = run.Id;
            }

            reported?.Invoke();
            return OperationResult<RunView>.Created(ToView(run, lead?.Title));
        });
    }

    private static PipelineRun NewRun(RecordRunRequest request, IReadOnlyList<RecordRunStep> steps, Actor actor, DateTime now)
    {
        var stepTuples = steps.Select(s => (s.Name!.Trim(), s.Success!.Value, s.Error)).ToList();
        return new PipelineRun
        {
            LeadId = request.LeadId,
            Kind = request.Kind!.Trim().ToLowerInvariant(),
            StartedAt = request.StartedAt!.Value.ToUniversalTime(),
            FinishedAt = request.FinishedAt?.ToUniversalTime(),
            Status = RunStatusPolicy.Compute(stepTuples.Select(s => (s.Item2, s.Error)).ToList()),
            Error = RunStatusPolicy.FirstError(stepTuples),
            RecordedAt = now,
            ActorKind = actor.Kind,
            ActorId = actor.Id,
            ActorName = actor.DisplayName,
            Steps = steps.Select((s, i) => new PipelineRunStep
            {
                Position = i,
                Name = s.Name!.Trim(),
                Success = s.Success!.Value,
                Error = s.Error,
                DurationMs = s.DurationMs,
            }).ToList(),
        };
    }

    public async Task<RunView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.Set<PipelineRun>().AsNoTracking().Include(r => r.Steps).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null)
        {
            return null;
        }

        var title = run.LeadId is null ? null
            : await db.Set<Lead>().Where(l => l.Id == run.LeadId).Select(l => l.Title).FirstOrDefaultAsync(ct);
        return ToView(run, title);
    }

    public async Task<PagedList<RunView>> ListAsync(RunListQuery query, CancellationToken ct = default)
    {
        var paging = PageRequest.From(query.Page, query.PageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = db.Set<PipelineRun>().AsNoTracking();
        if (query.LeadId is { } leadId)
        {
            runs = runs.Where(r => r.LeadId == leadId);
        }

        if (query.Status is { } status)
        {
            runs = runs.Where(r => r.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            var kind = query.Kind.Trim().ToLowerInvariant();
            runs = runs.Where(r => r.Kind == kind);
        }

        var total = await runs.CountAsync(ct);
        var page = await runs.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Include(r => r.Steps)
            .AsSplitQuery()
            .ToListAsync(ct);
        var leadIds = page.Where(r => r.LeadId != null).Select(r => r.LeadId!.Value).Distinct().ToList();
        var titles = await db.Set<Lead>().Where(l => leadIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Title, ct);
        var items = page.Select(r => ToView(r, r.LeadId is { } id && titles.TryGetValue(id, out var t) ? t : null)).ToList();
        return new PagedList<RunView>(items, total, paging.Page, paging.PageSize);
    }

    private static RunView ToView(PipelineRun run, string? leadTitle) => new(
        run.Id, run.LeadId, leadTitle, run.Kind, run.Status, run.Error, run.StartedAt, run.FinishedAt, run.RecordedAt, run.ActorName,
        run.Steps.OrderBy(s => s.Position).Select(s => new RunStepView(s.Position, s.Name, s.Success, s.Error, s.DurationMs)).ToList());
}
