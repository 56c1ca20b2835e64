using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Import;

namespace OperatorConsole.Data.Import;

/// <summary>Where uploads are kept until their job has run, and where the Maven sample is by default.</summary>
public sealed record ImportOptions(string UploadFolder, string? MavenFolder);

/// <summary>
/// Creates import jobs (preview first, then queue), runs them, and reads them back. Jobs run on the background
/// worker (<see cref="ImportWorker"/>); the CLI runs one inline. Either way the same <see cref="RunAsync"/> does the work.
/// </summary>
public sealed class ImportJobService(
    IDbContextFactory<ConsoleDbContext> dbFactory,
    LeadImportWriter writer,
    ImportQueue queue,
    ImportOptions options,
    TimeProvider time,
    ILogger<ImportJobService> logger)
{
    public const int PreviewRows = 50;
    public const long MaxUploadBytes = 50L * 1024 * 1024;

    public string? DefaultMavenFolder => ImportSources.FindMavenFolder(options.MavenFolder);

    /// <summary>The mapping step: header, guessed mapping (unless one is given), the first rows as they would import.</summary>
    public ImportPreview Preview(Stream csv, IReadOnlyDictionary<string, string>? mapping = null)
    {
        using var buffer = Buffer(csv);
        var headers = ImportSources.ReadHeader(buffer);
        buffer.Position = 0;
        var effective = mapping is null ? LeadCsvMapping.Guess(headers) : new Dictionary<string, string>(mapping);
        var mappingErrors = LeadCsvMapping.ValidateMapping(effective, headers);
        var rows = ImportSources.ReadLeadsCsv(buffer, effective, time.GetUtcNow().UtcDateTime);
        var preview = rows.Take(PreviewRows).Select(r => new PreviewRow(
            r.Row, r.Result.Lead?.ExternalId, r.Result.Lead?.Title, r.Result.Lead?.Company, r.Result.Lead?.Status,
            r.Result.Lead?.EstimatedValue, r.Result.Errors)).ToList();
        return new ImportPreview(headers, effective, mappingErrors, preview, rows.Count, rows.Count(r => !r.Result.IsValid));
    }

    /// <summary>Stores the upload and queues its import. Only an operator (or a machine with leads:write, checked by the API) may.</summary>
    public async Task<OperationResult<ImportJobView>> QueueCsvAsync(
        Stream csv, string fileName, IReadOnlyDictionary<string, string>? mapping, DuplicateMode mode, Actor actor, CancellationToken ct = default)
    {
        if (actor.IsHuman && !actor.IsOperator)
        {
            return OperationResult<ImportJobView>.Forbidden("Only an operator can import leads.");
        }

        if (!Enum.IsDefined(mode))
        {
            return OperationResult<ImportJobView>.Invalid("duplicateMode", "'duplicateMode' must be skip or update.");
        }

        using var buffer = Buffer(csv);
        if (buffer.Length == 0)
        {
            return OperationResult<ImportJobView>.Invalid("file", "The file is empty.");
        }

        var headers = ImportSources.ReadHeader(buffer);
        var effective = mapping is null ? LeadCsvMapping.Guess(headers) : new Dictionary<string, string>(mapping);
        var mappingErrors = LeadCsvMapping.ValidateMapping(effective, headers);
        if (mappingErrors.Count > 0)
        {
            return OperationResult<ImportJobView>.Invalid(new Dictionary<string, string[]> { ["mapping"] = mappingErrors.ToArray() });
        }

        Directory.CreateDirectory(options.UploadFolder);
        var path = Path.Combine(options.UploadFolder, $"{Guid.NewGuid():N}.csv");
        buffer.Position = 0;
        await using (var file = File.Create(path))
        {
            await buffer.CopyToAsync(file, ct);
        }

        var name = Path.GetFileName(string.IsNullOrWhiteSpace(fileName) ? "upload.csv" : fileName);
        return await CreateAndQueueAsync(ImportKind.LeadsCsv, name.Length > 400 ? name[..400] : name, path, JsonSerializer.Serialize(effective), mode, actor, ct);
    }

    /// <summary>Queues the Maven CRM sample from a folder on the server (operator only).</summary>
    public async Task<OperationResult<ImportJobView>> QueueMavenAsync(string? folder, DuplicateMode mode, Actor actor, CancellationToken ct = default)
    {
        var check = CheckMaven(folder, actor, out var resolved);
        if (check is not null)
        {
            return check;
        }

        return await CreateAndQueueAsync(ImportKind.MavenCrm, "Maven CRM pipeline", resolved, null, mode, actor, ct);
    }

    /// <summary>The CLI path: the same job record and the same run, inline instead of on the worker.</summary>
    public async Task<OperationResult<ImportJobView>> RunMavenNowAsync(string? folder, DuplicateMode mode, Actor actor, CancellationToken ct = default)
    {
        var check = CheckMaven(folder, actor, out var resolved);
        if (check is not null)
        {
            return check;
        }

        var job = await CreateJobAsync(ImportKind.MavenCrm, "Maven CRM pipeline", resolved, null, mode, actor, ct);
        await RunAsync(job.Id, ct);
        return OperationResult<ImportJobView>.Ok((await GetAsync(job.Id, ct))!);
    }

    private OperationResult<ImportJobView>? CheckMaven(string? folder, Actor actor, out string resolved)
    {
        resolved = "";
        if (!actor.CanDecide && actor.Kind != ActorKind.System)
        {
            return OperationResult<ImportJobView>.Forbidden("Only a signed-in operator can import the Maven CRM pipeline from a server folder.");
        }

        var candidate = string.IsNullOrWhiteSpace(folder) ? DefaultMavenFolder : folder.Trim();
        if (candidate is null || !File.Exists(Path.Combine(candidate, MavenCrmMapping.PipelineFile)))
        {
            return OperationResult<ImportJobView>.Invalid("folder", $"No {MavenCrmMapping.PipelineFile} in '{candidate ?? "(not found)"}'. Give the folder of the Maven CRM dataset.");
        }

        resolved = Path.GetFullPath(candidate);
        return null;
    }

    private async Task<OperationResult<ImportJobView>> CreateAndQueueAsync(
        ImportKind kind, string name, string path, string? mapping, DuplicateMode mode, Actor actor, CancellationToken ct)
    {
        var job = await CreateJobAsync(kind, name, path, mapping, mode, actor, ct);
        queue.Enqueue(job.Id);
        return OperationResult<ImportJobView>.Created(ToView(job));
    }

    private async Task<ImportJob> CreateJobAsync(ImportKind kind, string name, string path, string? mapping, DuplicateMode mode, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = new ImportJob
        {
            Kind = kind,
            SourceName = name,
            SourcePath = path,
            MappingJson = mapping,
            DuplicateMode = mode,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            ActorKind = actor.Kind,
            ActorId = actor.Id,
            ActorName = actor.DisplayName,
        };
        db.Add(job);
        await db.SaveChangesAsync(ct);
        return job;
    }

    /// <summary>
    /// Runs one queued job. The job is claimed first (Queued → Running in one statement), so the worker and an
    /// inline caller can never run it twice. Progress is saved after every batch, which is what live pages show.
    /// </summary>
    public async Task RunAsync(int jobId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await db.Set<ImportJob>().Where(j => j.Id == jobId && j.Status == ImportJobStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportJobStatus.Running).SetProperty(j => j.StartedAt, now), ct);
        if (claimed == 0)
        {
            return;
        }

        var job = await db.Set<ImportJob>().FirstAsync(j => j.Id == jobId, ct);
        var actor = new Actor(job.ActorKind, job.ActorId, job.ActorName, IsOperator: job.ActorKind == ActorKind.User);
        try
        {
            var rows = job.Kind == ImportKind.MavenCrm ? ImportSources.ReadMavenCrm(job.SourcePath) : ReadCsv(job, now);
            job.TotalRows = rows.Count;
            await db.SaveChangesAsync(ct);

            var result = await writer.WriteAsync(rows, job.DuplicateMode, actor, now, async progress =>
            {
                Record(job, progress);
                await db.SaveChangesAsync(ct);
            }, ct);

            Record(job, result);
            job.Status = ImportJobStatus.Completed;
            job.FinishedAt = time.GetUtcNow().UtcDateTime;
            db.Audit(actor, job.FinishedAt.Value, "import.completed", "import_job", job.Id,
                $"Imported {job.SourceName}: {job.CreatedCount} created, {job.UpdatedCount} updated, {job.SkippedCount} skipped, {job.ErrorCount} rows with errors",
                after: new { job.TotalRows, job.CreatedCount, job.UpdatedCount, job.SkippedCount, job.ErrorCount, job.DuplicateMode });
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The whole job failed (file gone, unreadable…); rows already written stay written and are counted.
            logger.LogWarning(ex, "Import job {JobId} failed", jobId);
            job.Status = ImportJobStatus.Failed;
            job.Message = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            job.FinishedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(CancellationToken.None);
        }
        finally
        {
            if (job.Kind == ImportKind.LeadsCsv && job.Status is ImportJobStatus.Completed && File.Exists(job.SourcePath))
            {
                File.Delete(job.SourcePath);
            }
        }
    }

    private static List<SourceRow> ReadCsv(ImportJob job, DateTime now)
    {
        var mapping = JsonSerializer.Deserialize<Dictionary<string, string>>(job.MappingJson ?? "{}") ?? [];
        using var file = File.OpenRead(job.SourcePath);
        return ImportSources.ReadLeadsCsv(file, mapping, now);
    }

    private static void Record(ImportJob job, ImportProgress progress)
    {
        job.ProcessedRows = progress.Processed;
        job.CreatedCount = progress.Created;
        job.UpdatedCount = progress.Updated;
        job.SkippedCount = progress.Skipped;
        job.ErrorCount = progress.Errors.Count;
        job.ErrorsJson = JsonSerializer.Serialize(progress.Errors.Take(ImportRules.MaxReportedErrors));
    }

    /// <summary>Jobs a restart interrupted or never started: put back in the queue (re-running is safe, duplicates are detected).</summary>
    public async Task<IReadOnlyList<int>> RequeueUnfinishedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Set<ImportJob>().Where(j => j.Status == ImportJobStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportJobStatus.Queued), ct);
        return await db.Set<ImportJob>().Where(j => j.Status == ImportJobStatus.Queued).OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(ct);
    }

    public async Task<ImportJobView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Set<ImportJob>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        return job is null ? null : ToView(job);
    }

    public async Task<PagedList<ImportJobView>> ListAsync(int? page, int? pageSize, CancellationToken ct = default)
    {
        var paging = PageRequest.From(page, pageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await db.Set<ImportJob>().CountAsync(ct);
        var jobs = await db.Set<ImportJob>().AsNoTracking().OrderByDescending(j => j.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedList<ImportJobView>(jobs.Select(j => ToView(j) with { Errors = [] }).ToList(), total, paging.Page, paging.PageSize);
    }

    private static ImportJobView ToView(ImportJob j) => new(
        j.Id, j.Kind, j.Status, j.DuplicateMode, j.SourceName, j.TotalRows, j.ProcessedRows, j.CreatedCount, j.UpdatedCount,
        j.SkippedCount, j.ErrorCount, j.Message, j.CreatedAt, j.StartedAt, j.FinishedAt, j.ActorName,
        string.IsNullOrEmpty(j.ErrorsJson) ? [] : JsonSerializer.Deserialize<List<ImportRowError>>(j.ErrorsJson) ?? []);

    private static MemoryStream Buffer(Stream csv)
    {
        var buffer = new MemoryStream();
        csv.CopyTo(buffer);
        buffer.Position = 0;
        return buffer;
    }
}
