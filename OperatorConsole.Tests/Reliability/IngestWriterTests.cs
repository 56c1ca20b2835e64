using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Idempotency;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Live;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Integrations;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Reliability;

/// <summary>
/// The group-commit writer (issue 18): writes queued together commit as one transaction with one live publish,
/// in arrival order, and a failing item fails only its own caller. Each test first parks the writer on an item
/// that waits, so the items queued meanwhile are known to land in one batch.
/// </summary>
public sealed class IngestWriterTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private IngestWriter Writer => factory.Services.GetRequiredService<IngestWriter>();

    [Fact]
    public async Task AFailingItem_FailsOnlyItsOwnCaller_TheRestOfTheBatchCommits()
    {
        var release = await ParkTheWriterAsync();
        var batches = Writer.Batches;
        var prefix = Unique("iso");

        var first = Writer.WriteAsync(AddIntegration($"{prefix}-a"));
        var throws = Writer.WriteAsync<int>((_, _) => throw new InvalidOperationException("this item is broken"));
        var violates = Writer.WriteAsync<int>(async (db, ct) =>
        {
            db.Add(new Touch { LeadId = int.MaxValue, Channel = TouchChannel.Call, Direction = TouchDirection.Inbound, ActorName = "t", ActorId = "t" });
            await db.SaveChangesAsync(ct); // no such lead: a foreign-key violation
            return OperationResult<int>.Ok(0);
        });
        var refused = Writer.WriteAsync<int>(async (db, ct) =>
        {
            db.Add(new IntegrationHealth { Name = $"{prefix}-refused", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(ct);
            return new ValidationErrors().Add("name", "refused after saving").ToResult<int>();
        });
        var last = Writer.WriteAsync(AddIntegration($"{prefix}-b"));
        await release();

        (await first).Succeeded.Should().BeTrue();
        (await last).Succeeded.Should().BeTrue();
        await FluentActions.Awaiting(() => throws).Should().ThrowAsync<InvalidOperationException>();
        await FluentActions.Awaiting(() => violates).Should().ThrowAsync<DbUpdateException>();
        (await refused).Succeeded.Should().BeFalse();
        Writer.Batches.Should().Be(batches + 2, "the parked item's batch, then one batch for all five");
        await using var db = factory.CreateDbContext();
        (await db.Set<IntegrationHealth>().Where(i => i.Name.StartsWith(prefix)).Select(i => i.Name).ToListAsync())
            .Should().BeEquivalentTo([$"{prefix}-a", $"{prefix}-b"], "a refused item is rolled back to its savepoint, its neighbours are kept");
    }

    [Fact]
    public async Task ItemsQueuedTogether_CommitInArrivalOrder_WithOneLivePublish()
    {
        var events = factory.Services.GetRequiredService<ConsoleEvents>();
        var prefix = Unique("ord");
        var publishes = 0;
        void Count(IReadOnlyList<ConsoleChange> changes)
        {
            if (changes.Any(c => c.Topic == nameof(IntegrationHealth)))
            {
                Interlocked.Increment(ref publishes);
            }
        }

        var release = await ParkTheWriterAsync();
        events.Delivered += Count;
        try
        {
            var writes = Enumerable.Range(0, 50).Select(i => Writer.WriteAsync(AddIntegration($"{prefix}-{i:D2}"))).ToList();
            await release();
            var ids = (await Task.WhenAll(writes)).Select(r => r.Value).ToList();

            ids.Should().BeInAscendingOrder("items run in the order they were queued").And.OnlyHaveUniqueItems();
            publishes.Should().Be(1, "one batch, one live publish");
        }
        finally
        {
            events.Delivered -= Count;
        }
    }

    /// <summary>Another instance stored the key first: only that item fails (the caller replays); its neighbours commit.</summary>
    [Fact]
    public async Task AnIdempotencyKeyStoredMeanwhile_FailsOnlyThatItem()
    {
        var key = Guid.NewGuid().ToString();
        var prefix = Unique("idem");
        (await WriteWithKeyAsync(key, AddIntegration($"{prefix}-first"))).Succeeded.Should().BeTrue();

        var release = await ParkTheWriterAsync();
        var neighbour = Writer.WriteAsync(AddIntegration($"{prefix}-neighbour"));
        var twin = WriteWithKeyAsync(key, AddIntegration($"{prefix}-twin"));
        await release();

        (await neighbour).Succeeded.Should().BeTrue();
        await FluentActions.Awaiting(() => twin).Should().ThrowAsync<IdempotencyKeyTakenException>();
        await using var db = factory.CreateDbContext();
        (await db.Set<IntegrationHealth>().CountAsync(i => i.Name == $"{prefix}-twin")).Should().Be(0, "its record was rolled back with its key");
    }

    [Fact]
    public async Task AWriteCancelledBeforeItsBatch_IsNotWritten()
    {
        var release = await ParkTheWriterAsync();
        var name = Unique("cancelled");
        using var cancel = new CancellationTokenSource();
        var write = Writer.WriteAsync(AddIntegration(name), cancel.Token);
        cancel.Cancel();
        await release();

        await FluentActions.Awaiting(() => write).Should().ThrowAsync<OperationCanceledException>();
        await using var db = factory.CreateDbContext();
        (await db.Set<IntegrationHealth>().AnyAsync(i => i.Name == name)).Should().BeFalse();
    }

    private Task<OperationResult<int>> WriteWithKeyAsync(string key, Func<ConsoleDbContext, CancellationToken, Task<OperationResult<int>>> work)
    {
        var scope = new IdempotencyScope(new IdempotencyRequest("writer-test", key, "POST", "/api/test", new string('a', 64)),
            _ => new StoredResponse(201, null, null, []));
        using (IdempotencyScope.Enter(scope))
        {
            return Writer.WriteAsync(work);
        }
    }

    private static Func<ConsoleDbContext, CancellationToken, Task<OperationResult<int>>> AddIntegration(string name) => async (db, ct) =>
    {
        var integration = new IntegrationHealth { Name = name, CreatedAt = DateTime.UtcNow };
        db.Add(integration);
        await db.SaveChangesAsync(ct);
        return OperationResult<int>.Ok(integration.Id);
    };

    /// <summary>Queues an item that waits until the returned function is called: everything queued meanwhile is the next batch.</summary>
    private async Task<Func<Task>> ParkTheWriterAsync()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var parked = Writer.WriteAsync<int>(async (_, _) =>
        {
            started.TrySetResult();
            await hold.Task;
            return OperationResult<int>.Ok(0);
        });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return async () =>
        {
            hold.TrySetResult();
            await parked.WaitAsync(TimeSpan.FromSeconds(30));
        };
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];
}
