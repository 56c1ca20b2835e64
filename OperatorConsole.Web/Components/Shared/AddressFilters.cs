using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace OperatorConsole.Web.Components.Shared;

/// <summary>
/// A list's filters kept in the address, so a filtered list can be shared, bookmarked, reloaded, and found again with
/// Back after opening one of its rows. The history entry is replaced, not pushed: Back leaves the list instead of
/// undoing one filter at a time. The page reads the same names with <c>[SupplyParameterFromQuery]</c> when it opens.
/// </summary>
public static class AddressFilters
{
    /// <summary>Writes <paramref name="filters"/> into the current address (a null value removes its name).</summary>
    public static void KeepFiltersInAddress(this NavigationManager navigation, IReadOnlyDictionary<string, object?> filters) =>
        navigation.NavigateTo(navigation.GetUriWithQueryParameters(filters), replace: true);
}

/// <summary>
/// A sortable table's sort, spelled as its list API's key ("title", "-estimatedValue"), kept in the address beside the
/// filters (ADR 218) and read back when the page opens, so the column it names opens sorted that way. A key the list
/// does not know opens the default order, and nothing is written for it.
/// </summary>
public sealed class AddressSort(IReadOnlyList<string> keys)
{
    /// <summary>The sort on screen; null is the list's default order (no sort in the address).</summary>
    public string? Key { get; private set; }

    /// <summary>Takes the address's sort when the page opens.</summary>
    public void Read(string? fromAddress) => Key = fromAddress is not null && keys.Contains(fromAddress) ? fromAddress : null;

    /// <summary>For a column's <c>InitialDirection</c>: the direction the address names for it, else none.</summary>
    public SortDirection InitialDirection(string column) =>
        Key == column ? SortDirection.Ascending : Key == "-" + column ? SortDirection.Descending : SortDirection.None;

    /// <summary>Takes the table's sort at each load; true when it moved (a header click), so the page writes its address.</summary>
    public bool Take(TableState state)
    {
        var key = state.SortLabel is null || state.SortDirection == SortDirection.None ? null
            : (state.SortDirection == SortDirection.Descending ? "-" : "") + state.SortLabel;
        if (key == Key)
        {
            return false;
        }

        Key = key;
        return true;
    }
}
