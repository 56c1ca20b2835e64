using OperatorConsole.Data.Live;

namespace OperatorConsole.Web.Live;

/// <summary>Carries changes to every instance of the console (including this one).</summary>
public interface ILiveBackplane : IDisposable
{
    /// <summary>Called once with the local delivery callback.</summary>
    void Start(Action<IReadOnlyList<ConsoleChange>> deliver);

    void Publish(IReadOnlyList<ConsoleChange> changes);
}

/// <summary>One instance: delivery is a direct call.</summary>
public sealed class InProcessBackplane : ILiveBackplane
{
    private Action<IReadOnlyList<ConsoleChange>>? _deliver;

    public void Start(Action<IReadOnlyList<ConsoleChange>> deliver) => _deliver = deliver;

    public void Publish(IReadOnlyList<ConsoleChange> changes) => _deliver?.Invoke(changes);

    public void Dispose()
    {
    }
}
