using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OperatorConsole.Data.Live;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Domain.Live;

/// <summary>
/// A live query with an <see cref="LiveQuery{T}.Update"/> (issue 18): brought up to date from the record ids of the
/// changes since its previous answer, and loaded whole whenever those cannot say everything that changed.
/// </summary>
public sealed class IncrementalLiveQueryTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly ConsoleEvents _events = new(new InProcessBackplane(), NullLogger<ConsoleEvents>.Instance);
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();
    private readonly LiveQueries _queries;

    /// <summary>The "table": lead id → name. A load reads all of it; an update reads only the ids it is given.</summary>
    private readonly Dictionary<int, string> _rows = new() { [1] = "a", [2] = "b", [3] = "c" };
    private readonly List<string> _calls = [];
    private bool _failNextUpdate;

    public IncrementalLiveQueryTests() => _queries = new LiveQueries(_events, _services, _clock, NullLogger<LiveQueries>.Instance);

    private LiveQuery<IReadOnlyDictionary<int, string>> Names => new("names", ["Lead"], (_, _) =>
    {
        _calls.Add("load");
        return Task.FromResult<IReadOnlyDictionary<int, string>>(new Dictionary<int, string>(_rows));
    }, TimeSpan.FromMinutes(10))
    {
        Update = (_, previous, changes, _) =>
        {
            var ids = changes.Ids("Lead");
            _calls.Add("update " + string.Join(",", ids.Order()));
            if (_failNextUpdate)
            {
                _failNextUpdate = false;
                throw new InvalidOperationException("the database went away");
            }

            var next = new Dictionary<int, string>(previous);
            foreach (var id in ids)
            {
                if (_rows.TryGetValue(id, out var name))
                {
                    next[id] = name;
                }
                else
                {
                    next.Remove(id);
                }
            }

            return Task.FromResult<IReadOnlyDictionary<int, string>>(next);
        },
    };

    [Fact]
    public async Task AChangeNamingItsRecords_UpdatesThoseRows_AndGivesWhatALoadWould()
    {
        await _queries.GetAsync(Names);
        _rows[2] = "B";
        _rows.Remove(3);
        _rows[4] = "d";
        _events.Publish([new ConsoleChange("Lead", "2"), new ConsoleChange("Lead", "3")]);
        _events.Publish([new ConsoleChange("Lead", "4"), new ConsoleChange("Proposal", "9")]);

        var answer = await _queries.GetAsync(Names);

        _calls.Should().Equal("load", "update 2,3,4");
        answer.Value.Should().BeEquivalentTo(_rows, "an update must give what loading it whole would");
        answer.Version.Should().Be(2);
    }

    [Fact]
    public async Task AChangeNamingNoRecord_LoadsTheAnswerWhole()
    {
        await _queries.GetAsync(Names);
        _rows[1] = "A";
        _events.Publish([new ConsoleChange("Lead", "2"), new ConsoleChange("Lead")]);

        (await _queries.GetAsync(Names)).Value[1].Should().Be("A");
        _calls.Should().Equal("load", "load");
    }

    [Fact]
    public async Task MoreChangesThanTheLimit_LoadTheAnswerWhole()
    {
        await _queries.GetAsync(Names);
        _events.Publish(Enumerable.Range(1, LiveChanges.Limit + 1).Select(i => new ConsoleChange("Lead", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList());

        await _queries.GetAsync(Names);
        _calls.Should().Equal("load", "load");
    }

    [Fact]
    public async Task AnAnswerOlderThanItsMaxAge_OrInvalidatedByHand_IsLoadedWhole()
    {
        await _queries.GetAsync(Names);
        _clock.Advance(TimeSpan.FromMinutes(11));
        _events.Publish([new ConsoleChange("Lead", "1")]);
        await _queries.GetAsync(Names);

        _queries.Invalidate(Names);
        await _queries.GetAsync(Names);

        _calls.Should().Equal("load", "load", "load");
    }

    [Fact]
    public async Task AFailedUpdate_IsNotRemembered_TheNextAnswerIsLoadedWhole()
    {
        await _queries.GetAsync(Names);
        _rows[1] = "A";
        _failNextUpdate = true;
        _events.Publish([new ConsoleChange("Lead", "1")]);

        var failing = () => _queries.GetAsync(Names);
        await failing.Should().ThrowAsync<InvalidOperationException>();
        (await _queries.GetAsync(Names)).Value[1].Should().Be("A", "the change the failed update took is not lost");
        _calls.Should().Equal("load", "update 1", "load");
    }

    [Fact]
    public async Task AChangeDuringAnUpdate_IsAppliedByTheNextOne()
    {
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new LiveQuery<IReadOnlyDictionary<int, string>>(Names.Key, Names.Topics, Names.Load, Names.MaxAge)
        {
            Update = async (sp, previous, changes, ct) =>
            {
                var next = await Names.Update!(sp, previous, changes, ct);
                inside.TrySetResult();
                await release.Task;
                return next;
            },
        };
        // The registry keeps the first declaration of a key, so this test reads through "slow" only (a load, no update).
        await _queries.GetAsync(slow);
        _rows[1] = "A";
        _events.Publish([new ConsoleChange("Lead", "1")]);
        var first = _queries.GetAsync(slow);
        await inside.Task;
        _rows[2] = "B";
        _events.Publish([new ConsoleChange("Lead", "2")]);
        release.SetResult();
        await first;

        var answer = await _queries.GetAsync(slow);
        answer.Value.Should().BeEquivalentTo(_rows);
        _calls.Should().Equal("load", "update 1", "update 2");
    }

    public void Dispose()
    {
        _queries.Dispose();
        _events.Dispose();
        _services.Dispose();
    }
}
