using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Artifacts;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Results;

namespace OperatorConsole.Data.Results;

/// <summary>A stored proof file opened for download.</summary>
public sealed record ProofDownload(ProofArtifactView Artifact, Stream Content);

/// <summary>
/// Proof artifacts (axiom 4): uploaded files kept under the storage folder, or links. Only a signed-in
/// operator adds them. A rejected upload leaves nothing behind: no file, no row.
/// </summary>
public sealed class ProofArtifactService(
    IDbContextFactory<ConsoleDbContext> dbFactory,
    TimeProvider time,
    ProofFileStore store,
    StorageOptions options)
{
    private const string OnlyOperatorsAdd = "Only a signed-in operator can add proof artifacts.";

    public long MaxUploadBytes => options.MaxUploadBytes;

    public async Task<OperationResult<ProofArtifactView>> UploadAsync(
        int leadId, string? title, string? fileName, string? contentType, long length, Stream content, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<ProofArtifactView>(actor, OnlyOperatorsAdd) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Set<Lead>().AnyAsync(l => l.Id == leadId, ct))
        {
            return OperationResult<ProofArtifactView>.NotFound($"Lead {leadId} does not exist.");
        }

        var titleErrors = new ValidationErrors().MaxLength("title", title, ProofFilePolicy.TitleMax);
        if (!titleErrors.IsEmpty)
        {
            return titleErrors.ToResult<ProofArtifactView>();
        }

        var header = new byte[ProofFilePolicy.HeaderBytes];
        var headerLength = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
        var (type, errors) = ProofFilePolicy.Check(fileName, contentType, length, options.MaxUploadBytes, header.AsSpan(0, headerLength));
        if (type is null)
        {
            return errors.ToResult<ProofArtifactView>();
        }

        var stored = await store.SaveAsync(leadId, type.Extension, header.AsMemory(0, headerLength), content, options.MaxUploadBytes, ct);
        if (stored is null)
        {
            return OperationResult<ProofArtifactView>.Invalid("file", $"The file is larger than {options.MaxUploadBytes} bytes.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var artifact = FileArtifact(leadId, title, ProofFilePolicy.SanitizeFileName(fileName), type, stored, actor, now);
        try
        {
            db.Add(artifact);
            db.Audit(actor, now, "proof_artifact.uploaded", "lead", leadId,
                $"Uploaded proof \"{artifact.FileName}\" ({artifact.SizeBytes} bytes)", after: new { artifact.Title, artifact.FileName, artifact.Sha256, artifact.StoragePath });
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            // No row without its file, and no file without its row.
            store.Delete(stored.StoragePath);
            throw;
        }

        return OperationResult<ProofArtifactView>.Created(ToView(artifact));
    }

    private static Artifact FileArtifact(int leadId, string? title, string safeName, ProofFileType type, StoredFile stored, Actor actor, DateTime now) => new()
    {
        LeadId = leadId,
        Kind = ArtifactKind.ProofArtifact,
        Title = string.IsNullOrWhiteSpace(title) ? safeName : title.Trim(),
        StoragePath = stored.StoragePath,
        FileName = safeName,
        ContentType = type.ContentType,
        SizeBytes = stored.SizeBytes,
        Sha256 = stored.Sha256,
        CreatedAt = now,
        CreatedByKind = actor.Kind,
        CreatedById = actor.Id,
        CreatedByName = actor.DisplayName,
    };

    public async Task<OperationResult<ProofArtifactView>> AddLinkAsync(int leadId, AddProofLinkRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<ProofArtifactView>(actor, OnlyOperatorsAdd) is { } refused)
        {
            return refused;
        }

        var errors = ProofFilePolicy.ValidateLink(request.Title, request.Url);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Set<Lead>().AnyAsync(l => l.Id == leadId, ct))
        {
            return OperationResult<ProofArtifactView>.NotFound($"Lead {leadId} does not exist.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<ProofArtifactView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var url = request.Url!.Trim();
        var artifact = new Artifact
        {
            LeadId = leadId,
            Kind = ArtifactKind.ProofArtifact,
            Title = string.IsNullOrWhiteSpace(request.Title) ? url : request.Title.Trim(),
            Url = url,
            CreatedAt = now,
            CreatedByKind = actor.Kind,
            CreatedById = actor.Id,
            CreatedByName = actor.DisplayName,
        };
        db.Add(artifact);
        db.Audit(actor, now, "proof_artifact.linked", "lead", leadId, $"Linked proof \"{artifact.Title}\"", after: new { artifact.Title, artifact.Url });
        await db.SaveChangesAsync(ct);
        return OperationResult<ProofArtifactView>.Created(ToView(artifact));
    }

    /// <summary>Removes a proof artifact (operator): the row, its file, and an audit entry saying so.</summary>
    public async Task<OperationResult<ProofArtifactView>> RemoveAsync(int id, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<ProofArtifactView>(actor, "Only a signed-in operator can remove proof artifacts.") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var artifact = await db.Set<Artifact>().FirstOrDefaultAsync(a => a.Id == id && a.Kind == ArtifactKind.ProofArtifact, ct);
        if (artifact is null)
        {
            return OperationResult<ProofArtifactView>.NotFound($"Proof artifact {id} does not exist.");
        }

        var view = ToView(artifact);
        db.Remove(artifact);
        db.Audit(actor, time.GetUtcNow().UtcDateTime, "proof_artifact.removed", artifact.LeadId is null ? "artifact" : "lead", (object?)artifact.LeadId ?? id,
            $"Removed proof \"{artifact.Title}\" (artifact {id})", before: new { artifact.Title, artifact.Url, artifact.FileName, artifact.Sha256 });
        await db.SaveChangesAsync(ct);
        if (artifact.StoragePath is { } path)
        {
            store.Delete(path);
        }

        return OperationResult<ProofArtifactView>.Ok(view);
    }

    public async Task<IReadOnlyList<ProofArtifactView>?> ListAsync(int leadId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Set<Lead>().AnyAsync(l => l.Id == leadId, ct))
        {
            return null;
        }

        return await ForLeadAsync(db, leadId, ct);
    }

    /// <summary>The stored file of a proof artifact, or null when there is no such artifact or it is a link.</summary>
    public async Task<ProofDownload?> OpenAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var artifact = await db.Set<Artifact>().AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == id && a.Kind == ArtifactKind.ProofArtifact && a.StoragePath != null, ct);
        if (artifact?.StoragePath is not { } path || !store.Exists(path))
        {
            return null;
        }

        return new ProofDownload(ToView(artifact), store.OpenRead(path));
    }

    internal static async Task<IReadOnlyList<ProofArtifactView>> ForLeadAsync(ConsoleDbContext db, int leadId, CancellationToken ct)
    {
        var artifacts = await db.Set<Artifact>().AsNoTracking()
            .Where(a => a.LeadId == leadId && a.Kind == ArtifactKind.ProofArtifact)
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .ToListAsync(ct);
        return artifacts.Select(ToView).ToList();
    }

    internal static ProofArtifactView ToView(Artifact a) => new(
        a.Id, a.LeadId, a.Title, a.Url, a.FileName, a.ContentType, a.SizeBytes, a.Sha256,
        a.StoragePath is null ? null : $"/api/proof-artifacts/{a.Id}/download", a.CreatedAt, a.CreatedByName);
}
