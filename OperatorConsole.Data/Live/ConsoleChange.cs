namespace OperatorConsole.Data.Live;

/// <summary>
/// "Something of this kind changed." Topics are entity type names (nameof(PipelineRun), nameof(Touch)…),
/// so a component subscribes to exactly the data it shows. The record id is a hint, not a payload:
/// subscribers re-read through their query service, so an event never carries stale data.
/// </summary>
public sealed record ConsoleChange(string Topic, string? RecordId = null);

/// <summary>Where saved changes go. The web layer fans them out to open circuits (and across instances).</summary>
public interface IConsoleChangeSink
{
    void Publish(IReadOnlyList<ConsoleChange> changes);
}

/// <summary>Used when no live layer is registered (tools, benchmarks, design time).</summary>
public sealed class NullConsoleChangeSink : IConsoleChangeSink
{
    public void Publish(IReadOnlyList<ConsoleChange> changes)
    {
    }
}
