using MudBlazor;

namespace OperatorConsole.Web.Components.Layout;

/// <summary>One palette for light and dark; error red is reserved for things that need a person.</summary>
public static class ConsoleTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00897b",
            AppbarBackground = "#1a237e",
            Error = "#c62828",
            Warning = "#ef6c00",
            Success = "#2e7d32",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7986cb",
            Secondary = "#4db6ac",
            Error = "#ef5350",
            Warning = "#ffa726",
            Success = "#66bb6a",
        },
    };
}
