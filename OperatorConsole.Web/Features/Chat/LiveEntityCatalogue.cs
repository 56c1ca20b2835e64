using OperatorConsole.Data.Chat;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Web.Features.Chat;

/// <summary>
/// The chat's entity catalogue as a live query: read and indexed once per change to a lead, integration, package or
/// template (lead activity — touches, runs — has its own topic and does not rebuild it), shared by every question and
/// every circuit. On the Maven data (8,800 deals) reading and indexing the names took most of each answer.
/// </summary>
public sealed class LiveEntityCatalogue(LiveQueries queries) : IEntityCatalogueSource
{
    /// <summary>Names do not change with time (<see cref="LiveQuery.TimelessMaxAge"/>).</summary>
    public static readonly LiveQuery<EntityCatalogue> Query = new(
        "chat.entity-catalogue",
        EntityCatalogueLoader.Topics,
        (services, ct) => services.GetRequiredService<EntityCatalogueLoader>().GetAsync(ct),
        LiveQuery.TimelessMaxAge)
    {
        // The same names (records, compared in order) make the same catalogue; its index is built from them.
        Same = (a, b) => a.Entities.SequenceEqual(b.Entities),
    };

    public async Task<EntityCatalogue> GetAsync(CancellationToken ct = default) => (await queries.GetAsync(Query, ct)).Value;
}
