using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Learning;

namespace OperatorConsole.Data.Semantic;

/// <summary>One text to embed: its id within its kind, and the text.</summary>
public sealed record SemanticItem(string RefId, string Text);

/// <summary>
/// A kind of record the semantic index keeps vectors for. <see cref="Topics"/> are the live-change topics
/// (entity names) after which its vectors may be stale; the indexer re-syncs the kind when one is published.
/// </summary>
public interface ISemanticCorpus
{
    string Kind { get; }

    IReadOnlyCollection<string> Topics { get; }

    Task<IReadOnlyList<SemanticItem>> LoadAsync(ConsoleDbContext db, CancellationToken ct);
}

public static class SemanticKinds
{
    public const string Playbook = "playbook";
    public const string LearningProposal = "learning_proposal";
    public const string Transcript = "transcript";
    public const string Name = "name";
}

/// <summary>Playbook entries: title and the current version's text, what new proposals are compared with.</summary>
public sealed class PlaybookCorpus : ISemanticCorpus
{
    public string Kind => SemanticKinds.Playbook;

    public IReadOnlyCollection<string> Topics => [nameof(PlaybookEntry), nameof(PlaybookEntryVersion)];

    public async Task<IReadOnlyList<SemanticItem>> LoadAsync(ConsoleDbContext db, CancellationToken ct) =>
        (await db.Set<PlaybookEntryVersion>().AsNoTracking()
            .Join(db.Set<PlaybookEntry>(), v => new { v.EntryId, Number = v.Number }, e => new { EntryId = e.Id, Number = e.CurrentVersion }, (v, e) => new { e.Id, e.Title, v.Text })
            .ToListAsync(ct))
        .Select(e => new SemanticItem(e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{e.Title}. {e.Text}")).ToList();
}

/// <summary>Learning proposals (the suggested lessons).</summary>
public sealed class LearningProposalCorpus : ISemanticCorpus
{
    public string Kind => SemanticKinds.LearningProposal;

    public IReadOnlyCollection<string> Topics => [nameof(LearningProposal)];

    public async Task<IReadOnlyList<SemanticItem>> LoadAsync(ConsoleDbContext db, CancellationToken ct) =>
        (await db.Set<LearningProposal>().AsNoTracking().Select(p => new { p.Id, p.Text }).ToListAsync(ct))
        .Select(p => new SemanticItem(p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Text)).ToList();
}

/// <summary>Uploaded transcripts and notes, by their title and opening (what a search for "the call with…" matches).</summary>
public sealed class TranscriptCorpus : ISemanticCorpus
{
    private const int Opening = 1000;

    public string Kind => SemanticKinds.Transcript;

    public IReadOnlyCollection<string> Topics => [nameof(IngestedLearning)];

    public async Task<IReadOnlyList<SemanticItem>> LoadAsync(ConsoleDbContext db, CancellationToken ct) =>
        (await db.Set<IngestedLearning>().AsNoTracking().Select(l => new { l.Id, l.Title, l.Text }).ToListAsync(ct))
        .Select(l => new SemanticItem(l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{l.Title}. {(l.Text.Length > Opening ? l.Text[..Opening] : l.Text)}")).ToList();
}

/// <summary>
/// Lead titles and account (company) names, de-duplicated by text: an imported CRM repeats one account on hundreds
/// of deals, and a name needs one vector, not one per deal. Imported deals are titled "product for account", so
/// their account's vector stands for them (8,800 Maven deals cost 85 vectors, not 8,800).
/// </summary>
public sealed class NameCorpus : ISemanticCorpus
{
    public string Kind => SemanticKinds.Name;

    public IReadOnlyCollection<string> Topics => [nameof(Lead)];

    public async Task<IReadOnlyList<SemanticItem>> LoadAsync(ConsoleDbContext db, CancellationToken ct)
    {
        var titles = await db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived && l.ExternalId == null).Select(l => l.Title).Distinct().ToListAsync(ct);
        var companies = await db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived && l.Company != null).Select(l => l.Company!).Distinct().ToListAsync(ct);
        return titles.Select(t => new SemanticItem("lead:" + t, t))
            .Concat(companies.Select(c => new SemanticItem("account:" + c, c)))
            .DistinctBy(i => i.RefId, StringComparer.Ordinal).ToList();
    }
}
