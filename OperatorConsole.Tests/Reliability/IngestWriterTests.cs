using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Idempotency;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Integrations;
using OperatorConsole.Data.Leads;
using OperatorConsole.Data.Live;
using OperatorConsole.Data.Runs;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Integrations;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Reliability;

/// <summary>
/// The group-commit writer (issue 18): writes queued together commit as one transaction with one live publish,
/// in arrival order, and a failing item fails only its own caller. Each test first parks the writer on an item
/// that waits, so the items queued meanwhile are known to land in one batch.
/// </summary>
public sealed partial class IngestWriterTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private IngestWriter Writer => factory.Services.GetRequiredService<IngestWriter>();

    [Fact]
    public async Task AFailingItem_FailsOnlyItsOwnCaller_TheRestOfTheBatchCommits()
    {
        var release = await ParkTheWriterAsync();
        var batches = Writer.Batches;
        var prefix = Unique("iso");

        var first = Writer.WriteAsync(AddIntegration($"{prefix}-a"));
        Func<ConsoleDbContext, CancellationToken, Task<OperationResult<int>>> broken = (_, _) => throw new InvalidOperationException("this item is broken");
        var throws = Writer.WriteAsync(broken);
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

    /// <summary>
    /// The fast path: items that leave their ids to the batch (<see cref="IngestStep.AfterSave{T}"/>) are saved together,
    /// get their ids in arrival order, and a refused item (nothing changed) does not cost the batch its fast path.
    /// </summary>
    [Fact]
    public async Task ItemsThatLeaveTheirIdsToTheBatch_AreSavedTogether_InArrivalOrder()
    {
        var prefix = Unique("fast");
        var release = await ParkTheWriterAsync();
        var isolated = Writer.IsolatedBatches;
        var writes = Enumerable.Range(0, 30).Select(i => i == 10
            ? Writer.WriteAsync<int>((_, _) => Task.FromResult(IngestStep.Answer(OperationResult<int>.NotFound("refused before changing anything"))))
            : Writer.WriteAsync(AddIntegrationLate($"{prefix}-{i:D2}"))).ToList();
        await release();
        var results = await Task.WhenAll(writes);

        results[10].Status.Should().Be(OperationStatus.NotFound);
        var ids = results.Where((_, i) => i != 10).Select(r => r.Value).ToList();
        ids.Should().BeInAscendingOrder("items are applied in the order they were queued").And.OnlyHaveUniqueItems().And.NotContain(0);
        Writer.IsolatedBatches.Should().Be(isolated, "nothing in the batch needed a savepoint of its own");
        await using var db = factory.CreateDbContext();
        (await db.Set<IntegrationHealth>().Where(i => i.Name.StartsWith(prefix)).OrderBy(i => i.Id).Select(i => i.Name).ToListAsync())
            .Should().Equal(Enumerable.Range(0, 30).Where(i => i != 10).Select(i => $"{prefix}-{i:D2}"));
    }

    /// <summary>One bad item among items saved together: the batch runs again item by item, and only the bad one fails.</summary>
    [Fact]
    public async Task AnItemThatBreaksTheBatchsSave_FailsOnlyItself_TheOthersCommit()
    {
        var prefix = Unique("brk");
        var release = await ParkTheWriterAsync();
        var isolated = Writer.IsolatedBatches;
        var before = Writer.WriteAsync(AddIntegrationLate($"{prefix}-a"));
        var violates = Writer.WriteAsync<int>((db, _) =>
        {
            var touch = new Touch { LeadId = int.MaxValue, Channel = TouchChannel.Call, Direction = TouchDirection.Inbound, ActorName = "t", ActorId = "t" };
            db.Add(touch); // no such lead: a foreign-key violation when the batch is saved
            return Task.FromResult(IngestStep.AfterSave(() => OperationResult<int>.Ok(touch.Id)));
        });
        var after = Writer.WriteAsync(AddIntegrationLate($"{prefix}-b"));
        await release();

        (await before).Succeeded.Should().BeTrue();
        (await after).Succeeded.Should().BeTrue();
        await FluentActions.Awaiting(() => violates).Should().ThrowAsync<DbUpdateException>();
        Writer.IsolatedBatches.Should().Be(isolated + 1);
        await using var db = factory.CreateDbContext();
        (await db.Set<IntegrationHealth>().Where(i => i.Name.StartsWith(prefix)).Select(i => i.Name).ToListAsync())
            .Should().BeEquivalentTo([$"{prefix}-a", $"{prefix}-b"]);
    }

    /// <summary>Two requests with one Idempotency-Key in one batch (e.g. from two instances): exactly one record and one write.</summary>
    [Fact]
    public async Task TwoItemsWithOneIdempotencyKey_InOneBatch_StoreOneRecord_TheTwinIsTold()
    {
        var key = Guid.NewGuid().ToString();
        var prefix = Unique("twin");
        var release = await ParkTheWriterAsync();
        var first = WriteWithKeyAsync(key, AddIntegrationLate($"{prefix}-first"));
        var neighbour = Writer.WriteAsync(AddIntegrationLate($"{prefix}-neighbour"));
        var twin = WriteWithKeyAsync(key, AddIntegrationLate($"{prefix}-twin"));
        await release();

        (await first).Succeeded.Should().BeTrue();
        (await neighbour).Succeeded.Should().BeTrue();
        await FluentActions.Awaiting(() => twin).Should().ThrowAsync<IdempotencyKeyTakenException>();
        await using var db = factory.CreateDbContext();
        (await db.Set<IdempotencyRecord>().CountAsync(r => r.Key == key)).Should().Be(1);
        (await db.Set<IntegrationHealth>().Where(i => i.Name.StartsWith(prefix)).Select(i => i.Name).ToListAsync())
            .Should().BeEquivalentTo([$"{prefix}-first", $"{prefix}-neighbour"]);
    }

    /// <summary>
    /// Runs and heartbeats of one batch, through the services: the lead's last run is the latest start (an older run
    /// arriving later does not replace it), and the integration's last report is the last one applied, naming its run.
    /// </summary>
    [Fact]
    public async Task RunsAndHeartbeatsInOneBatch_KeepTheLatestRun_AndTheLastReport()
    {
        var runs = factory.Services.GetRequiredService<PipelineRunService>();
        var integrations = factory.Services.GetRequiredService<IntegrationService>();
        var leads = factory.Services.GetRequiredService<LeadService>();
        var agent = new Actor(ActorKind.ApiKey, "writer-test", "Writer test");
        var lead = (await leads.CreateAsync(new CreateLeadRequest(Unique("lead")), agent)).Value!;
        var kind = Unique("kind");
        var onlyHeartbeat = Unique("hb");
        (await integrations.HeartbeatAsync(kind, new HeartbeatRequest(true, "registered"))).Succeeded.Should().BeTrue();
        factory.Clock.Advance(TimeSpan.FromHours(1)); // the runs below finish after that heartbeat
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        RecordRunRequest Run(int minutesAgo, bool ok) =>
            new(lead.Id, kind, now.AddMinutes(-minutesAgo), now.AddMinutes(-minutesAgo).AddSeconds(5), [new RecordRunStep("step", ok, ok ? null : "boom")]);

        var release = await ParkTheWriterAsync();
        var isolated = Writer.IsolatedBatches;
        var older = runs.RecordAsync(Run(30, true), agent);
        var latest = runs.RecordAsync(Run(10, false), agent);
        var lateButOld = runs.RecordAsync(Run(20, true), agent);
        var heartbeat = integrations.HeartbeatAsync(onlyHeartbeat, new HeartbeatRequest(true, "first"));
        var touch = leads.RecordTouchAsync(lead.Id, new RecordTouchRequest(TouchChannel.Email, TouchDirection.Outbound, "hello"), agent);
        var missing = leads.RecordTouchAsync(int.MaxValue, new RecordTouchRequest(TouchChannel.Email, TouchDirection.Outbound, "nobody"), agent);
        var secondHeartbeat = integrations.HeartbeatAsync(onlyHeartbeat, new HeartbeatRequest(false, "second"));
        await release();

        var ids = new[] { (await older).Value!.Id, (await latest).Value!.Id, (await lateButOld).Value!.Id };
        ids.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        (await touch).Status.Should().Be(OperationStatus.Created);
        (await touch).Value!.Id.Should().BePositive();
        (await missing).Status.Should().Be(OperationStatus.NotFound);
        (await heartbeat).Value!.LastMessage.Should().Be("first", "each answer shows the integration as its own item left it");
        (await secondHeartbeat).Value!.LastMessage.Should().Be("second");
        Writer.IsolatedBatches.Should().Be(isolated, "a refused touch changed nothing: the batch stayed on its fast path");

        await using var db = factory.CreateDbContext();
        var stored = await db.Set<Lead>().AsNoTracking().SingleAsync(l => l.Id == lead.Id);
        stored.LastRunId.Should().Be(ids[1], "the latest start wins, not the latest arrival");
        stored.LastRunStatus.Should().Be(RunStatus.Fail);
        stored.LastRunStartedAt.Should().Be(now.AddMinutes(-10));
        stored.LastContactAt.Should().NotBeNull();
        var integration = await db.Set<IntegrationHealth>().AsNoTracking().SingleAsync(i => i.Name == kind);
        integration.LastMessage.Should().Be($"{kind} run {ids[1]} fail: step: boom", "the run that reported last names its id");
        integration.LastReportOk.Should().BeFalse();
        (await db.Set<IntegrationHealth>().AsNoTracking().SingleAsync(i => i.Name == onlyHeartbeat)).LastMessage.Should().Be("second");
    }

    /// <summary>
    /// The batch loads the integrations its items name before they run; one registered by an earlier item of the same
    /// batch (not saved yet, and not found by that load) is still the one a later run of its kind reports to.
    /// </summary>
    [Fact]
    public async Task AnIntegrationRegisteredEarlierInTheBatch_IsTheOneALaterRunReportsTo()
    {
        var runs = factory.Services.GetRequiredService<PipelineRunService>();
        var integrations = factory.Services.GetRequiredService<IntegrationService>();
        var agent = new Actor(ActorKind.ApiKey, "writer-test", "Writer test");
        var name = Unique("new");
        var now = factory.Clock.GetUtcNow().UtcDateTime;

        var release = await ParkTheWriterAsync();
        var isolated = Writer.IsolatedBatches;
        var unregistered = runs.RecordAsync(new RecordRunRequest(null, Unique("nobody"), now, now.AddSeconds(1), [new RecordRunStep("s", true)]), agent);
        var heartbeat = integrations.HeartbeatAsync(name, new HeartbeatRequest(true, "hello"));
        var run = runs.RecordAsync(new RecordRunRequest(null, name, now.AddMinutes(1), now.AddMinutes(2), [new RecordRunStep("s", true)]), agent);
        await release();

        (await unregistered).Status.Should().Be(OperationStatus.Created);
        (await heartbeat).Value!.LastMessage.Should().Be("hello");
        var id = (await run).Value!.Id;
        Writer.IsolatedBatches.Should().Be(isolated);
        await using var db = factory.CreateDbContext();
        (await db.Set<IntegrationHealth>().AsNoTracking().SingleAsync(i => i.Name == name)).LastMessage.Should().Be($"{name} run {id} succeeded");
    }

    /// <summary>
    /// ADR 204, 205: on SQLite the fast path stores a batch's runs, their steps and touches with prepared INSERTs, and
    /// the leads and integrations they change with prepared UPDATEs. The rows must be exactly what SaveChanges stores
    /// (the slow path, forced here by a broken neighbour, on a lead and integration of its own), the steps must point
    /// at their own run, the answers' late changes (the lead's last run id, the integration's error naming the run)
    /// must be stored, and the batch is still published once, naming every row it changed.
    /// </summary>
    [Fact]
    public async Task RowsStoredByPreparedStatements_AreTheRowsSaveChangesStores_PublishedOnce()
    {
        var agent = new Actor(ActorKind.ApiKey, "writer-test", "Writer test");
        var started = factory.Clock.GetUtcNow().UtcDateTime.AddDays(-1).AddTicks(1234567);
        var fastSide = await NewLeadAndIntegrationAsync(agent, started.AddHours(-1));
        var slowSide = await NewLeadAndIntegrationAsync(agent, started.AddHours(-1));
        var published = new List<ConsoleChange>();
        var publishes = 0;
        void Count(IReadOnlyList<ConsoleChange> changes)
        {
            if (changes.Any(c => c.Topic == nameof(PipelineRun)))
            {
                Interlocked.Increment(ref publishes);
                lock (published)
                {
                    published.AddRange(changes);
                }
            }
        }

        // EF checks for diagnostic listeners at most once a second (ConfigureLoggingCacheTime): listen, then wait that out.
        string database;
        await using (var probe = factory.CreateDbContext())
        {
            database = probe.Database.GetDbConnection().DataSource;
        }

        using var efUpdates = new EfUpdates(database);
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        // Fast path: three runs, a touch and a heartbeat in one batch.
        var release = await ParkTheWriterAsync();
        var (isolated, prepared) = (Writer.IsolatedBatches, Writer.PreparedRows);
        var events = factory.Services.GetRequiredService<ConsoleEvents>();
        events.Delivered += Count;
        Batch fast;
        try
        {
            var writes = SendBatch(fastSide, started, agent);
            await release();
            fast = await writes;
        }
        finally
        {
            events.Delivered -= Count;
        }

        Writer.IsolatedBatches.Should().Be(isolated);
        efUpdates.Of("Lead", fast.Side.LeadId).Should().Be(0, "the lead was updated by a prepared statement and its changes accepted, so SaveChanges left it alone");
        efUpdates.Of("IntegrationHealth", fast.Side.IntegrationId).Should().Be(0);
        (Writer.PreparedRows - prepared).Should().Be(3 + 6 + 1 + 2, "three runs, their six steps and the touch inserted; the lead and the integration updated");
        publishes.Should().Be(1, "one batch, one live publish");
        published.Where(c => c.Topic == nameof(PipelineRun)).Select(c => c.RecordId)
            .Should().BeEquivalentTo(fast.Runs.Select(r => r.Id.ToString()));
        published.Should().Contain(new ConsoleChange(nameof(Touch), fast.Touch.Id.ToString()))
            .And.Contain(new ConsoleChange(Lead.ActivityTopic, fast.Side.LeadId.ToString()), "a run or touch changes only the lead's activity")
            .And.Contain(new ConsoleChange(nameof(IntegrationHealth), fast.Side.IntegrationId.ToString()));
        fast.Runs.Select(r => r.Id).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();

        // Slow path: the same writes next to an item that throws, so the batch is run item by item through SaveChanges.
        release = await ParkTheWriterAsync();
        prepared = Writer.PreparedRows;
        var slowWrites = SendBatch(slowSide, started, agent);
        Func<ConsoleDbContext, CancellationToken, Task<OperationResult<int>>> throws = (_, _) => throw new InvalidOperationException("forces the slow path");
        var broken = Writer.WriteAsync(throws);
        await release();
        var slow = await slowWrites;
        await FluentActions.Awaiting(() => broken).Should().ThrowAsync<InvalidOperationException>();
        Writer.IsolatedBatches.Should().Be(isolated + 1);
        Writer.PreparedRows.Should().Be(prepared, "the slow path saves through SaveChanges");
        efUpdates.Of("Lead", slow.Side.LeadId).Should().BePositive("the slow path updates through SaveChanges (and the count sees EF's UPDATEs)");
        efUpdates.Of("IntegrationHealth", slow.Side.IntegrationId).Should().BePositive();

        // Every stored column, as SQLite holds it (text of times, enums, booleans), is the same on both paths, but for
        // the ids and names that differ by design.
        await using var db = factory.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        for (var i = 0; i < 3; i++)
        {
            var fastRun = await RowAsync(connection, "PipelineRun", "Id", fast.Runs[i].Id, "LeadId", "Kind");
            fastRun.Should().Equal(await RowAsync(connection, "PipelineRun", "Id", slow.Runs[i].Id, "LeadId", "Kind"));
            (await RowAsync(connection, "PipelineRun", "Id", fast.Runs[i].Id)).Should()
                .Contain($"INTEGER:{fast.Side.LeadId}").And.Contain($"TEXT:{fast.Side.Kind}");
            var fastSteps = await RowAsync(connection, "PipelineRunStep", "PipelineRunId", fast.Runs[i].Id);
            var slowSteps = await RowAsync(connection, "PipelineRunStep", "PipelineRunId", slow.Runs[i].Id);
            fastSteps.Should().Equal(slowSteps).And.HaveCount(2 * 5, "two steps, each without its id and run id");
            fast.Runs[i].Steps.Select(s => s.Name).Should().Equal($"fetch {i}", $"write {i}");
        }

        (await RowAsync(connection, "Touch", "Id", fast.Touch.Id, "LeadId")).Should().Equal(await RowAsync(connection, "Touch", "Id", slow.Touch.Id, "LeadId"));
        var fastLead = await RowAsync(connection, "Lead", "Id", fast.Side.LeadId, "Title", "LastRunId");
        fastLead.Should().Equal(await RowAsync(connection, "Lead", "Id", slow.Side.LeadId, "Title", "LastRunId"));
        fastLead.Should().Contain($"TEXT:{Format(started.AddMinutes(2))}", "the latest run's start");
        var fastIntegration = await RowAsync(connection, "IntegrationHealth", "Id", fast.Side.IntegrationId, "Name", "LastError");
        fastIntegration.Should().Equal(await RowAsync(connection, "IntegrationHealth", "Id", slow.Side.IntegrationId, "Name", "LastError"));
        fastIntegration.Should().Contain("TEXT:heartbeat after the runs");
        foreach (var (side, runs) in new[] { (fast.Side, fast.Runs), (slow.Side, slow.Runs) })
        {
            var lead = await db.Set<Lead>().AsNoTracking().SingleAsync(l => l.Id == side.LeadId);
            lead.LastRunId.Should().Be(runs[2].Id, "the latest start, set once the run had its id");
            var integration = await db.Set<IntegrationHealth>().AsNoTracking().SingleAsync(h => h.Id == side.IntegrationId);
            integration.LastError.Should().Be($"{side.Kind} run {runs[2].Id} partial: write 2: boom 2",
                "the error names the run once it has its id, also when a later heartbeat of the batch took the message");
        }
    }

    private sealed record Side(int LeadId, string Kind, int IntegrationId);

    /// <summary>
    /// Counts the UPDATEs EF executes on one database (its diagnostic events are process-wide, and other test classes'
    /// hosts run meanwhile, with the same ids in their own databases), per table and key, while it lives.
    /// </summary>
    private sealed partial class EfUpdates : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _database;
        private readonly List<IDisposable> _subscriptions = [];
        private readonly List<(string Table, object? Key)> _updates = [];

        public EfUpdates(string database)
        {
            _database = database;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int Of(string table, int key)
        {
            lock (_updates)
            {
                return _updates.Count(u => u.Table == table && Equals(u.Key, key));
            }
        }

        void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key != RelationalEventId.CommandExecuted.Name || value.Value is not CommandExecutedEventData { Command: var command }
                || command.Connection?.DataSource != _database)
            {
                return;
            }

            // EF may batch statements; each UPDATE names its row's key in its WHERE parameter.
            foreach (var statement in command.CommandText.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                if (UpdateStatement().Match(statement) is { Success: true } match)
                {
                    lock (_updates)
                    {
                        _updates.Add((match.Groups[1].Value, command.Parameters[match.Groups[2].Value].Value));
                    }
                }
            }
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }

        [System.Text.RegularExpressions.GeneratedRegex("UPDATE \"(\\w+)\"\\s+SET\\s.*\\sWHERE \"Id\" = (@p\\d+)", System.Text.RegularExpressions.RegexOptions.Singleline)]
        private static partial System.Text.RegularExpressions.Regex UpdateStatement();

        void IObserver<DiagnosticListener>.OnCompleted()
        {
        }

        void IObserver<DiagnosticListener>.OnError(Exception error)
        {
        }

        void IObserver<KeyValuePair<string, object?>>.OnCompleted()
        {
        }

        void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
        {
        }
    }

    private sealed record Batch(Side Side, List<RunView> Runs, TouchView Touch);

    /// <summary>A lead and an integration (named like the runs' kind) that reported before the runs started.</summary>
    private async Task<Side> NewLeadAndIntegrationAsync(Actor agent, DateTime reported)
    {
        var lead = (await factory.Services.GetRequiredService<LeadService>().CreateAsync(new CreateLeadRequest(Unique("lead")), agent)).Value!;
        await using var db = factory.CreateDbContext();
        var integration = new IntegrationHealth { Name = Unique("prep"), CreatedAt = reported, LastReportAt = reported, LastOkAt = reported, LastReportOk = true };
        db.Add(integration);
        await db.SaveChangesAsync();
        return new Side(lead.Id, integration.Name, integration.Id);
    }

    /// <summary>Queues three runs (one ok step, one failed), a touch and a heartbeat for one lead and integration.</summary>
    private async Task<Batch> SendBatch(Side side, DateTime started, Actor agent)
    {
        var runs = factory.Services.GetRequiredService<PipelineRunService>();
        var leads = factory.Services.GetRequiredService<LeadService>();
        var integrations = factory.Services.GetRequiredService<IntegrationService>();
        RecordRunRequest Run(int i) => new(side.LeadId, side.Kind, started.AddMinutes(i), started.AddMinutes(i).AddSeconds(5),
            [new RecordRunStep($"fetch {i}", true, null, 12), new RecordRunStep($"write {i}", false, $"boom {i}", null)]);
        var runWrites = Enumerable.Range(0, 3).Select(i => runs.RecordAsync(Run(i), agent)).ToList();
        var touchWrite = leads.RecordTouchAsync(side.LeadId, new RecordTouchRequest(TouchChannel.Email, TouchDirection.Outbound, "prepared", started), agent);
        var heartbeat = integrations.HeartbeatAsync(side.Kind, new HeartbeatRequest(true, "heartbeat after the runs"));
        var stored = (await Task.WhenAll(runWrites)).Select(r => r.Value!).ToList();
        var touch = (await touchWrite).Value!;
        (await heartbeat).Succeeded.Should().BeTrue();
        return new Batch(side, stored, touch);
    }

    /// <summary>A time as EF's SQLite provider stores it.</summary>
    private static string Format(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The row's columns as stored text, in table order, without the ones that differ by design (ids, the parent's id, <paramref name="skip"/>).</summary>
    private static async Task<List<string?>> RowAsync(System.Data.Common.DbConnection connection, string table, string keyColumn, int key, params string[] skip)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{keyColumn}\" = {key} ORDER BY rowid";
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string?>();
        while (await reader.ReadAsync())
        {
            for (var c = 0; c < reader.FieldCount; c++)
            {
                if (reader.GetName(c) is "Id" or "PipelineRunId" || skip.Contains(reader.GetName(c)))
                {
                    continue;
                }

                values.Add(reader.IsDBNull(c) ? null : $"{reader.GetDataTypeName(c)}:{reader.GetValue(c)}");
            }
        }

        return values;
    }

    private Task<OperationResult<int>> WriteWithKeyAsync(string key, Func<ConsoleDbContext, CancellationToken, Task<OperationResult<int>>> work) =>
        WriteWithKeyAsync(key, async (db, ct) => IngestStep.Answer(await work(db, ct)));

    private Task<OperationResult<int>> WriteWithKeyAsync(string key, Func<ConsoleDbContext, CancellationToken, Task<IngestStep<int>>> work)
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

    /// <summary>Adds an integration and answers with its id once the batch saved it (no SaveChanges of its own).</summary>
    private static Func<ConsoleDbContext, CancellationToken, Task<IngestStep<int>>> AddIntegrationLate(string name) => (db, _) =>
    {
        var integration = new IntegrationHealth { Name = name, CreatedAt = DateTime.UtcNow };
        db.Add(integration);
        return Task.FromResult(IngestStep.AfterSave(() => OperationResult<int>.Ok(integration.Id)));
    };

    /// <summary>
    /// ADR 206: the writer is the one serial step of every agent write, so it runs on its own thread and its awaits
    /// come back to that thread, instead of queueing behind the requests in the thread pool's queue.
    /// </summary>
    [Fact]
    public async Task TheWriter_RunsOnItsOwnThread_AndAnItemsAwaitsComeBackToIt()
    {
        var release = await ParkTheWriterAsync();
        var elsewhere = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new List<(string Step, int Thread, bool Pool)>();
        void See(string step)
        {
            lock (seen)
            {
                seen.Add((step, Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread));
            }
        }

        var first = Writer.WriteAsync<int>(async (_, _) =>
        {
            See("first, before its await");
            await elsewhere.Task; // completed by a thread-pool thread below
            See("first, after its await");
            return OperationResult<int>.Ok(1);
        });
        var second = Writer.WriteAsync<int>((_, _) =>
        {
            See("second");
            return Task.FromResult(OperationResult<int>.Ok(2));
        });
        await release();
        _ = Task.Run(async () =>
        {
            await Task.Delay(50);
            elsewhere.TrySetResult();
        });

        (await first.WaitAsync(TimeSpan.FromSeconds(30))).Value.Should().Be(1);
        (await second.WaitAsync(TimeSpan.FromSeconds(30))).Value.Should().Be(2);
        seen.Select(s => s.Step).Should().Equal("first, before its await", "first, after its await", "second");
        seen.Select(s => s.Thread).Distinct().Should().ContainSingle("one writer thread runs every item, before and after their awaits");
        seen.Should().OnlyContain(s => !s.Pool, "the writer does not take a thread-pool thread");
    }

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
