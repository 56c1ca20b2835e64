namespace OperatorConsole.Web.Components.Shared;

/// <summary>
/// An optional column of a list, for <c>ColumnChooser</c>: its key in storage, its header, and whether any record fills
/// it yet (a column no record fills stays off the table whatever is chosen, and the chooser says so).
/// </summary>
public sealed record ListColumn(string Key, string Label, bool InUse = true);
