using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Semantic;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Semantic;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Ai;

namespace OperatorConsole.Tests.Api.Semantic;

/// <summary>Vectors are stored per record, follow record changes, and the shipped model embeds by meaning.</summary>
public sealed class SemanticIndexTests(SemanticIndexTests.DemoFactory factory) : IClassFixture<SemanticIndexTests.DemoFactory>
{
    public sealed class DemoFactory : ConsoleFactory
    {
        public DemoFactory() => SeedDemo = true;
    }

    [Fact]
    public async Task Sync_StoresOneVectorPerName_AndReEmbedsOnlyWhatChanged()
    {
        var index = factory.Services.GetRequiredService<SemanticIndex>();
        await index.SyncAsync(SemanticKinds.Name);
        (await index.SyncAsync(SemanticKinds.Name)).Should().Be(0, "nothing changed since the last sync");

        await using (var db = factory.CreateDbContext())
        {
            var lead = await db.Set<Lead>().OrderBy(l => l.Id).FirstAsync();
            lead.Title = "Zephyr Logistics routing copilot";
            await db.SaveChangesAsync();
        }

        (await index.SyncAsync(SemanticKinds.Name)).Should().Be(1, "only the renamed lead's title is new");
        await using var check = factory.CreateDbContext();
        var stored = await check.Set<EmbeddingRecord>().Where(e => e.Kind == SemanticKinds.Name).ToListAsync();
        stored.Should().Contain(e => e.RefId == "lead:Zephyr Logistics routing copilot" && e.Dimensions == LexicalEmbeddingGenerator.Dimensions && e.Model == LexicalEmbeddingGenerator.ModelId);
        stored.Select(e => e.RefId).Should().OnlyHaveUniqueItems();
        var hits = await index.SearchAsync(SemanticKinds.Name, "zephyr logistics", take: 1);
        hits.Single().RefId.Should().Be("lead:Zephyr Logistics routing copilot");
    }

    [Fact]
    public async Task Indexer_ResyncsAKind_AfterItsRecordsChange()
    {
        var index = factory.Services.GetRequiredService<SemanticIndex>();
        await index.SyncAsync(SemanticKinds.Playbook);
        await using (var db = factory.CreateDbContext())
        {
            var lead = await db.Set<Lead>().OrderByDescending(l => l.Id).FirstAsync();
            lead.Title = "Quasar Dental intake assistant";
            await db.SaveChangesAsync();
        }

        // The live event marks the kind stale; the background indexer syncs it within its settle time.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var found = false;
        while (!found && DateTime.UtcNow < deadline)
        {
            await using var db = factory.CreateDbContext();
            found = await db.Set<EmbeddingRecord>().AnyAsync(e => e.RefId == "lead:Quasar Dental intake assistant");
            await Task.Delay(200);
        }

        found.Should().BeTrue("the indexer re-embeds names after a lead is renamed, without any search asking");
    }

    [Fact]
    public async Task MiniLm_ShippedInThePackage_EmbedsByMeaning()
    {
        var model = SharedEmbeddings.MiniLm;
        var vectors = await model.GenerateAsync(["How much revenue did we make?", "What did we earn in sales?", "Which integrations are silent?"]);

        vectors.Should().HaveCount(3);
        vectors[0].Vector.Length.Should().Be(384);
        var close = Vectors.Cosine(vectors[0].Vector.Span, vectors[1].Vector.Span);
        var far = Vectors.Cosine(vectors[0].Vector.Span, vectors[2].Vector.Span);
        close.Should().BeGreaterThan(far + 0.2f, "paraphrases are nearer than unrelated questions");
        model.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId.Should().Be(MiniLmEmbeddingGenerator.ModelId);
    }
}
