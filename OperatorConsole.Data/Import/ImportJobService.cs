using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Import;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Import;

/// <summary>An uploaded file: its content and the name the operator picked.</summary>
public sealed record CsvUpload(Stream Content, string FileName);

/// <summary>Where uploads are kept until their job has run, and where the Maven sample is by default.</summary>
public sealed record ImportOptions(string UploadFolder, string? MavenFolder);

/// <summary>
/// Creates import jobs (preview first, then queue), runs them, and reads them back. Jobs run on the background
/// worker (<see cref="ImportWorker"/>); the CLI runs one inline. Either way the same <see cref="RunAsync"/> does the work.
/// </summary>
public sealed class ImportJobService(
    IDbContextFactory<ConsoleDbContext> dbFactory,
    LeadImportWriter writer,
    OperatorConsole.Data.Teams.TeamMembersWriter teamWriter,
    ImportQueue queue,
    ImportOptions options,
    TimeProvider time,
    ILogger<ImportJobService> logger)
{
    public const int PreviewRows = 50;
    public const long MaxUploadBytes = 50L * 1024 * 1024;

    public string? DefaultMavenFolder => ImportSources.FindMavenFolder(options.MavenFolder);

    /// <summary>Spec JSON: camelCase, stages as their names (a database someone opens by hand should explain itself).</summary>
    internal static readonly JsonSerializerOptions SpecJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The mapping step with the old signature: columns only.</summary>
    public ImportPreview Preview(Stream csv, IReadOnlyDictionary<string, string>? mapping = null) =>
        PreviewAsync(csv, mapping is null ? null : new LeadCsvImportSpec(mapping)).GetAwaiter().GetResult();

    /// <summary>
    /// The mapping step: header; the mapping (given, else the one remembered for this header, else guessed); every
    /// stage value with its count and mapping; the first rows as they would import (refused ones with their values);
    /// counts over the whole file; and the accounts file's own mapping and refused rows when one is sent.
    /// </summary>
    public async Task<ImportPreview> PreviewAsync(Stream csv, LeadCsvImportSpec? spec, CsvUpload? accounts = null, CancellationToken ct = default)
    {
        using var buffer = Buffer(csv);
        var headers = ImportSources.ReadHeader(buffer);
        var (effective, source) = await EffectiveSpecAsync(buffer, headers, spec, ct);
        buffer.Position = 0;
        var rows = ImportSources.ReadLeadsCsv(buffer, effective, time.GetUtcNow().UtcDateTime, keepCells: true);
        var accountsPreview = accounts is null ? null : PreviewAccounts(accounts, effective.AccountColumns, time.GetUtcNow().Year);
        var mappingErrors = ValidateSpec(effective, headers).Concat(accountsPreview?.MappingErrors ?? []).ToList();

        List<StageValueView>? stageValues = null;
        if (effective.Columns.ContainsKey("status"))
        {
            stageValues = rows.Select(r => LeadCsvMapping.Clean(r.Cells?.GetValueOrDefault("status"))).OfType<string>()
                .GroupBy(v => v, StringComparer.OrdinalIgnoreCase)
                .Select(g => new StageValueView(g.First(), g.Count(), LeadCsvMapping.TryStage(g.First(), effective.Stages, out var st) ? st : null))
                .OrderByDescending(v => v.Rows).ThenBy(v => v.Value, StringComparer.OrdinalIgnoreCase)
                .Take(MaxStageValues)
                .ToList();
        }

        // Refused rows first among the shown ones: they are what the operator has to act on.
        var shown = rows.Where(r => !r.Result.IsValid).Take(PreviewRows / 2)
            .Concat(rows.Where(r => r.Result.IsValid).Take(PreviewRows))
            .Take(PreviewRows).OrderBy(r => r.Row);
        var preview = shown.Select(r => new PreviewRow(
            r.Row, r.Result.Lead?.ExternalId ?? r.Cells?.GetValueOrDefault("externalId"), r.Result.Lead?.Title ?? r.Cells?.GetValueOrDefault("title"),
            r.Result.Lead?.Company ?? r.Cells?.GetValueOrDefault("company"), r.Result.Lead?.Status,
            r.Result.Lead?.EstimatedValue, r.Result.Errors, r.Result.IsValid ? null : r.Cells)).ToList();
        return new ImportPreview(headers, effective.Columns, mappingErrors, preview, rows.Count, rows.Count(r => !r.Result.IsValid),
            source, stageValues, effective.Stages, accountsPreview);
    }

    /// <summary>A stage column with more distinct values than this is not a stage column.</summary>
    public const int MaxStageValues = 100;

    private static AccountsPreview PreviewAccounts(CsvUpload accounts, IReadOnlyDictionary<string, string>? columns, int thisYear)
    {
        using var buffer = Buffer(accounts.Content);
        var headers = ImportSources.ReadHeader(buffer);
        var mapping = columns is { Count: > 0 } ? new Dictionary<string, string>(columns) : AccountCsvMapping.Guess(headers);
        var errors = AccountCsvMapping.ValidateMapping(mapping, headers);
        buffer.Position = 0;
        var rows = errors.Count > 0 ? [] : ImportSources.ReadAccountsCsv(buffer, mapping, thisYear);
        var refused = rows.Where(r => !r.Result.IsValid)
            .Select(r => new ImportRowError(r.Row, null, string.Join(" ", r.Result.Errors))).ToList();
        return new AccountsPreview(accounts.FileName, headers, mapping, errors, rows.Count, refused.Count, refused.Take(PreviewRows).ToList());
    }

    /// <summary>
    /// Columns: given, else remembered for this header, else guessed. Stages: guessed from the file's values, then
    /// the remembered choices, then the given ones on top (so a partial stage mapping still covers the rest).
    /// </summary>
    private async Task<(LeadCsvImportSpec Spec, string Source)> EffectiveSpecAsync(
        MemoryStream buffer, IReadOnlyList<string> headers, LeadCsvImportSpec? given, CancellationToken ct)
    {
        var remembered = await RememberedAsync(headers, ct);
        var (columns, source) = given is { Columns.Count: > 0 }
            ? (new Dictionary<string, string>(given.Columns), "given")
            : remembered is not null ? (OnThisHeader(remembered.Columns, headers), "remembered") : (LeadCsvMapping.Guess(headers), "guessed");
        var stages = new Dictionary<string, LeadStatus>(StringComparer.OrdinalIgnoreCase);
        if (columns.TryGetValue("status", out var stageColumn))
        {
            buffer.Position = 0;
            foreach (var (value, status) in LeadCsvMapping.GuessStages(ImportSources.DistinctValues(buffer, stageColumn, MaxStageValues).Select(v => v.Value)))
            {
                stages[value] = status;
            }
        }

        foreach (var (value, status) in (remembered?.Stages ?? new Dictionary<string, LeadStatus>()).Concat(given?.Stages ?? new Dictionary<string, LeadStatus>()))
        {
            stages[value] = status;
        }

        return (new LeadCsvImportSpec(columns, stages, given?.AccountColumns), source);
    }

    /// <summary>
    /// Remembered columns spelled as this file spells them: a header is remembered with case and spacing ignored
    /// ("Close value" and "close value" are the same export), so the column names must follow, or every remembered
    /// column would be "not in the file".
    /// </summary>
    private static Dictionary<string, string> OnThisHeader(IReadOnlyDictionary<string, string> columns, IReadOnlyList<string> headers) =>
        columns.ToDictionary(
            c => c.Key,
            c => headers.FirstOrDefault(h => h == c.Value) ?? headers.FirstOrDefault(h => LeadCsvMapping.Squash(h) == LeadCsvMapping.Squash(c.Value)) ?? c.Value,
            StringComparer.Ordinal);

    private static List<string> ValidateSpec(LeadCsvImportSpec spec, IReadOnlyList<string> headers)
    {
        var errors = LeadCsvMapping.ValidateMapping(spec.Columns, headers).ToList();
        if (spec.Stages is { Count: > MaxStageValues })
        {
            errors.Add($"At most {MaxStageValues} stage values can be mapped.");
        }

        foreach (var (value, status) in spec.Stages ?? new Dictionary<string, LeadStatus>())
        {
            if (!Enum.IsDefined(status))
            {
                errors.Add($"Stage value '{value}' is mapped to an unknown stage.");
            }
            else if (value.Length > 200)
            {
                errors.Add("A stage value is longer than 200 characters.");
            }
        }

        return errors;
    }

    private async Task<LeadCsvImportSpec?> RememberedAsync(IReadOnlyList<string> headers, CancellationToken ct)
    {
        if (headers.Count == 0)
        {
            return null;
        }

        var key = HeaderKey(headers);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var memory = await db.Set<ImportMappingMemory>().AsNoTracking().FirstOrDefaultAsync(m => m.HeaderKey == key, ct);
        return memory is null ? null : ParseSpec(memory.SpecJson);
    }

    /// <summary>The header's key, cut to the column's size (a header that long is remembered by its start).</summary>
    private static string HeaderKey(IReadOnlyList<string> headers)
    {
        var key = LeadCsvMapping.HeaderKey(headers);
        return key.Length > 900 ? key[..900] : key;
    }

    /// <summary>Remembers the mapping for the next file with this header (one row per header; the newest choice wins).</summary>
    private async Task RememberAsync(IReadOnlyList<string> headers, LeadCsvImportSpec spec, Actor actor, CancellationToken ct)
    {
        var key = HeaderKey(headers);
        var json = JsonSerializer.Serialize(spec with { AccountColumns = null }, SpecJson);
        if (json.Length > 4000)
        {
            return; // too big to keep; the operator maps it again next time
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var memory = await db.Set<ImportMappingMemory>().FirstOrDefaultAsync(m => m.HeaderKey == key, ct);
        if (memory is null)
        {
            var header = string.Join(",", headers);
            memory = new ImportMappingMemory { HeaderKey = key, Header = header.Length > 4000 ? header[..4000] : header, SpecJson = json, UpdatedByName = actor.DisplayName };
            db.Add(memory);
        }

        memory.SpecJson = json;
        memory.UpdatedAt = time.GetUtcNow().UtcDateTime;
        memory.UpdatedByName = actor.DisplayName;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A stored spec, or a job queued before stage mapping (a plain field → column object).</summary>
    internal static LeadCsvImportSpec ParseSpec(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new LeadCsvImportSpec(new Dictionary<string, string>());
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.TryGetProperty("columns", out var columns) && columns.ValueKind == JsonValueKind.Object)
        {
            return JsonSerializer.Deserialize<LeadCsvImportSpec>(json, SpecJson)!;
        }

        return new LeadCsvImportSpec(JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []);
    }

    /// <summary>Stores the upload and queues its import (old signature: columns only).</summary>
    public Task<OperationResult<ImportJobView>> QueueCsvAsync(
        Stream csv, string fileName, IReadOnlyDictionary<string, string>? mapping, DuplicateMode mode, Actor actor, CancellationToken ct = default) =>
        QueueCsvAsync(csv, fileName, mapping is null ? null : new LeadCsvImportSpec(mapping), mode, actor, null, ct);

    /// <summary>
    /// Stores the upload (and its accounts file) and queues the import; the mapping is remembered for the next file
    /// with the same header. Only an operator (or a machine with leads:write, checked by the API) may.
    /// </summary>
    public async Task<OperationResult<ImportJobView>> QueueCsvAsync(
        Stream csv, string fileName, LeadCsvImportSpec? spec, DuplicateMode mode, Actor actor, CsvUpload? accounts, CancellationToken ct = default)
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
        var (effective, _) = await EffectiveSpecAsync(buffer, headers, spec, ct);
        var mappingErrors = ValidateSpec(effective, headers).ToList();
        using var accountsBuffer = accounts is null ? null : Buffer(accounts.Content);
        if (accountsBuffer is { Length: 0 })
        {
            return OperationResult<ImportJobView>.Invalid("accounts", "The accounts file is empty.");
        }

        if (accountsBuffer is not null)
        {
            effective = WithAccountColumns(effective, accountsBuffer, mappingErrors);
        }

        if (mappingErrors.Count > 0)
        {
            return OperationResult<ImportJobView>.Invalid(new Dictionary<string, string[]> { ["mapping"] = mappingErrors.ToArray() });
        }

        var specJson = JsonSerializer.Serialize(effective, SpecJson);
        if (specJson.Length > 4000)
        {
            return OperationResult<ImportJobView>.Invalid("mapping", "The mapping is too large (at most 4,000 characters as JSON).");
        }

        Directory.CreateDirectory(options.UploadFolder);
        var path = await StoreAsync(buffer, ct);
        var accountsPath = accountsBuffer is null ? null : await StoreAsync(accountsBuffer, ct);
        await RememberAsync(headers, effective, actor, ct);
        var job = await CreateJobAsync(ImportKind.LeadsCsv, JobName(fileName, accounts), path, specJson, mode, actor, ct, accountsPath);
        queue.Enqueue(job.Id);
        return OperationResult<ImportJobView>.Created(ToView(job));
    }

    /// <summary>The accounts file's column mapping: the one given, else guessed from its header; its problems join <paramref name="errors"/>.</summary>
    private static LeadCsvImportSpec WithAccountColumns(LeadCsvImportSpec effective, MemoryStream accountsBuffer, List<string> errors)
    {
        var accountHeaders = ImportSources.ReadHeader(accountsBuffer);
        var accountColumns = effective.AccountColumns is { Count: > 0 } given ? new Dictionary<string, string>(given) : AccountCsvMapping.Guess(accountHeaders);
        errors.AddRange(AccountCsvMapping.ValidateMapping(accountColumns, accountHeaders));
        return effective with { AccountColumns = accountColumns };
    }

    /// <summary>The job's name as the import list shows it: the file, and its accounts file if any.</summary>
    private static string JobName(string fileName, CsvUpload? accounts)
    {
        var name = Path.GetFileName(string.IsNullOrWhiteSpace(fileName) ? "upload.csv" : fileName);
        if (accounts is not null)
        {
            name += " + " + Path.GetFileName(string.IsNullOrWhiteSpace(accounts.FileName) ? "accounts.csv" : accounts.FileName);
        }

        return name.Length > 400 ? name[..400] : name;
    }

    /// <summary>The CLI and benchmark path for a CRM export: the same job and run as an upload, inline.</summary>
    public async Task<OperationResult<ImportJobView>> RunCsvNowAsync(
        string file, string? accountsFile, LeadCsvImportSpec? spec, DuplicateMode mode, Actor actor, CancellationToken ct = default)
    {
        if (!File.Exists(file) || (accountsFile is not null && !File.Exists(accountsFile)))
        {
            return OperationResult<ImportJobView>.Invalid("file", $"No such file: {(File.Exists(file) ? accountsFile : file)}.");
        }

        await using var content = File.OpenRead(file);
        await using var accounts = accountsFile is null ? null : File.OpenRead(accountsFile);
        // Queue (stores, validates, remembers), then run it here rather than on the worker.
        var queued = await QueueCsvAsync(content, Path.GetFileName(file), spec, mode, actor,
            accounts is null ? null : new CsvUpload(accounts, Path.GetFileName(accountsFile!)), ct);
        if (!queued.Succeeded)
        {
            return queued;
        }

        await RunAsync(queued.Value!.Id, ct);
        return OperationResult<ImportJobView>.Ok((await GetAsync(queued.Value.Id, ct))!);
    }

    private async Task<string> StoreAsync(MemoryStream buffer, CancellationToken ct)
    {
        var path = Path.Combine(options.UploadFolder, $"{Guid.NewGuid():N}.csv");
        buffer.Position = 0;
        await using var file = File.Create(path);
        await buffer.CopyToAsync(file, ct);
        return path;
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

    private async Task<ImportJob> CreateJobAsync(ImportKind kind, string name, string path, string? mapping, DuplicateMode mode, Actor actor, CancellationToken ct, string? accountsPath = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = new ImportJob
        {
            Kind = kind,
            SourceName = name,
            SourcePath = path,
            MappingJson = mapping,
            AccountsPath = accountsPath,
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
        try
        {
            await ImportAsync(db, job, now, ct);
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
            DeleteUploads(job);
        }
    }

    /// <summary>A claimed job's work: its accounts, then its rows batch by batch (progress saved after each), then the audit entry.</summary>
    private async Task ImportAsync(ConsoleDbContext db, ImportJob job, DateTime now, CancellationToken ct)
    {
        var actor = new Actor(job.ActorKind, job.ActorId, job.ActorName, IsOperator: job.ActorKind == ActorKind.User);

        // Accounts first, so every deal finds its account by name (Maven's accounts.csv, or the uploaded accounts file).
        var accountRows = job.Kind == ImportKind.MavenCrm ? ImportSources.ReadMavenAccounts(job.SourcePath, now.Year) : ReadAccounts(job, now.Year);
        IReadOnlyList<ImportRowError> accountErrors = [];
        if (accountRows.Count > 0)
        {
            var accounts = await writer.WriteAccountsAsync(accountRows, job.DuplicateMode, now, ct);
            job.AccountsCreatedCount = accounts.Created;
            job.AccountsUpdatedCount = accounts.Updated;
            accountErrors = accounts.Errors;
        }

        if (job.Kind == ImportKind.MavenCrm)
        {
            // The owners' teams (Maven's sales_teams.csv) beside the deals; a file without one has no teams.
            var teams = await teamWriter.WriteAsync(ImportSources.ReadMavenTeams(job.SourcePath), job.DuplicateMode, now, ct);
            job.TeamMembersCreatedCount = teams.Created;
            job.TeamMembersUpdatedCount = teams.Updated;
            accountErrors = [.. accountErrors, .. teams.Errors];
        }

        var rows = job.Kind == ImportKind.MavenCrm ? ImportSources.ReadMavenCrm(job.SourcePath) : ReadCsv(job, now);
        job.TotalRows = rows.Count;
        Record(job, new ImportProgress(0, 0, 0, 0, []), accountErrors);
        await db.SaveChangesAsync(ct);

        var result = await writer.WriteAsync(rows, job.DuplicateMode, actor, now, async progress =>
        {
            Record(job, progress, accountErrors);
            await db.SaveChangesAsync(ct);
        }, ct);

        Record(job, result, accountErrors);
        job.Status = ImportJobStatus.Completed;
        job.FinishedAt = time.GetUtcNow().UtcDateTime;
        db.Audit(actor, job.FinishedAt.Value, "import.completed", "import_job", job.Id,
            $"Imported {job.SourceName}: {job.CreatedCount} created, {job.UpdatedCount} updated, {job.SkippedCount} skipped, {job.ErrorCount} rows with errors; accounts {job.AccountsCreatedCount} created, {job.AccountsUpdatedCount} updated; team members {job.TeamMembersCreatedCount} created, {job.TeamMembersUpdatedCount} updated",
            after: new
            {
                job.TotalRows, job.CreatedCount, job.UpdatedCount, job.SkippedCount, job.ErrorCount, job.DuplicateMode, job.AccountsCreatedCount, job.AccountsUpdatedCount,
                job.TeamMembersCreatedCount, job.TeamMembersUpdatedCount, Mapping = job.MappingJson,
            });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An uploaded CSV and its accounts file are deleted once their job has completed.</summary>
    private static void DeleteUploads(ImportJob job)
    {
        if (job.Kind != ImportKind.LeadsCsv || job.Status is not ImportJobStatus.Completed)
        {
            return;
        }

        foreach (var stored in new[] { job.SourcePath, job.AccountsPath }.OfType<string>().Where(File.Exists))
        {
            File.Delete(stored);
        }
    }

    private static List<SourceRow> ReadCsv(ImportJob job, DateTime now)
    {
        using var file = File.OpenRead(job.SourcePath);
        return ImportSources.ReadLeadsCsv(file, ParseSpec(job.MappingJson), now, keepCells: false);
    }

    private static List<AccountSourceRow> ReadAccounts(ImportJob job, int thisYear)
    {
        if (job.AccountsPath is null)
        {
            return [];
        }

        using var file = File.OpenRead(job.AccountsPath);
        var columns = ParseSpec(job.MappingJson).AccountColumns;
        if (columns is not { Count: > 0 })
        {
            columns = AccountCsvMapping.Guess(ImportSources.ReadHeader(file));
            file.Position = 0;
        }

        return ImportSources.ReadAccountsCsv(file, columns, thisYear);
    }

    /// <summary>Counts so far; the accounts file's refused rows come first in the report and count as errors.</summary>
    private static void Record(ImportJob job, ImportProgress progress, IReadOnlyList<ImportRowError> accountErrors)
    {
        job.ProcessedRows = progress.Processed;
        job.CreatedCount = progress.Created;
        job.UpdatedCount = progress.Updated;
        job.SkippedCount = progress.Skipped;
        job.ErrorCount = progress.Errors.Count + accountErrors.Count;
        job.ErrorsJson = JsonSerializer.Serialize(accountErrors.Concat(progress.Errors).Take(ImportRules.MaxReportedErrors));
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
        string.IsNullOrEmpty(j.ErrorsJson) ? [] : JsonSerializer.Deserialize<List<ImportRowError>>(j.ErrorsJson) ?? [],
        j.AccountsCreatedCount, j.AccountsUpdatedCount, j.TeamMembersCreatedCount, j.TeamMembersUpdatedCount);

    private static MemoryStream Buffer(Stream csv)
    {
        var buffer = new MemoryStream();
        csv.CopyTo(buffer);
        buffer.Position = 0;
        return buffer;
    }
}
