using Microsoft.AspNetCore.Components;

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
