using System.Text.Json;
using OperatorConsole.Data.Live;
using StackExchange.Redis;

namespace OperatorConsole.Web.Live;

/// <summary>
/// Carries changes between console instances over Redis pub/sub (<c>Live:Redis</c>). Local dashboards are
/// told first and directly, so a Redis outage never blinds this instance; other instances hear about the
/// change through the channel. A failed publish is not silent: it is reported as the "live-backplane"
/// runtime problem, which Failures &amp; Interventions lists as a broken integration.
/// </summary>
public sealed class RedisBackplane : ILiveBackplane
{
    public const string Channel = "operator-console:changes";

    private readonly string _instanceId = Guid.NewGuid().ToString("N");
    private readonly ConnectionMultiplexer _redis;
    private readonly ILogger<RedisBackplane> _logger;
    private readonly LiveBackplaneHealth _health;
    private Action<IReadOnlyList<ConsoleChange>>? _deliver;

    public RedisBackplane(string configuration, ILogger<RedisBackplane> logger, LiveBackplaneHealth health)
    {
        _logger = logger;
        _health = health;
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ClientName = "operator-console";
        _redis = ConnectionMultiplexer.Connect(options);
        _redis.ConnectionFailed += (_, e) => _health.ReportFailure($"Redis connection failed: {e.FailureType}");
        _redis.ConnectionRestored += (_, _) => _health.ReportOk();
    }

    public void Start(Action<IReadOnlyList<ConsoleChange>> deliver)
    {
        _deliver = deliver;
        _redis.GetSubscriber().Subscribe(RedisChannel.Literal(Channel), (_, message) => OnMessage(message));
    }

    public void Publish(IReadOnlyList<ConsoleChange> changes)
    {
        _deliver?.Invoke(changes);
        var payload = JsonSerializer.Serialize(new Envelope(_instanceId, changes));
        _ = PublishAsync(payload);
    }

    private async Task PublishAsync(string payload)
    {
        try
        {
            await _redis.GetSubscriber().PublishAsync(RedisChannel.Literal(Channel), payload);
            _health.ReportOk();
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not publish a live change to Redis; other instances will miss it until their next change");
            _health.ReportFailure("Redis publish failed: " + ex.GetBaseException().Message);
        }
    }

    private void OnMessage(RedisValue message)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(message.ToString());
            if (envelope is null || envelope.Origin == _instanceId)
            {
                return;
            }

            _deliver?.Invoke(envelope.Changes);
        }
        catch (JsonException ex)
        {
            _logger.LogWarning(ex, "Ignored an unreadable live change from Redis");
        }
    }

    public void Dispose() => _redis.Dispose();

    private sealed record Envelope(string Origin, IReadOnlyList<ConsoleChange> Changes);
}

/// <summary>The backplane's own health, for Failures &amp; Interventions.</summary>
public sealed class LiveBackplaneHealth(TimeProvider time)
{
    public DateTime? LastFailureAt { get; private set; }
    public string? LastFailure { get; private set; }
    public DateTime? LastOkAt { get; private set; }

    public void ReportFailure(string message)
    {
        LastFailureAt = time.GetUtcNow().UtcDateTime;
        LastFailure = message;
    }

    public void ReportOk() => LastOkAt = time.GetUtcNow().UtcDateTime;

    /// <summary>Broken while the latest report is a failure.</summary>
    public bool IsBroken => LastFailureAt is { } failed && (LastOkAt is null || LastOkAt < failed);
}

/// <summary>
/// The Redis backplane's health as a line in Failures &amp; Interventions ("live-backplane"): while Redis refuses,
/// dashboards on other instances miss updates, which the people watching them must know.
/// </summary>
public sealed class LiveBackplaneHealthSignal(LiveBackplaneHealth health) : OperatorConsole.Data.Failures.IRuntimeHealthSignals
{
    public const string IntegrationName = "live-backplane";

    public IReadOnlyList<OperatorConsole.Data.Failures.RuntimeHealthProblem> Current(DateTime now) =>
        health.IsBroken && health.LastFailureAt is { } at
            ? [new OperatorConsole.Data.Failures.RuntimeHealthProblem(IntegrationName, health.LastOkAt, at,
                $"Live updates between instances are failing since {at:HH:mm:ss} UTC: {health.LastFailure}")]
            : [];
}
