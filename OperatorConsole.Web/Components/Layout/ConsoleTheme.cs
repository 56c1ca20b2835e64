using MudBlazor;

namespace OperatorConsole.Web.Components.Layout;

/// <summary>
/// The console's one palette, light and dark, chosen so that every text colour reaches WCAG 2.1 AA (4.5:1) on the
/// backgrounds it is drawn on: coloured text on the page and surface, and each filled colour against its contrast
/// text (chips, banners, buttons). Error red is reserved for things that need a person. The ratios are checked by
/// ConsoleThemeContrastTests and, on every screen, by the axe browser test.
/// </summary>
public static class ConsoleTheme
{
    /// <summary>Text drawn on a light filled colour in the dark palette (chips, badges, buttons).</summary>
    public const string DarkInk = "#1e1e24";

    public static readonly PaletteLight Light = new()
    {
        Primary = "#3949ab",
        Secondary = "#00796b",
        Tertiary = "#6a1b9a",
        Info = "#1565c0",
        Success = "#2e7d32",
        // Orange that still carries white text (6.1:1) and reads on white as text; #ef6c00 was 3.1:1.
        Warning = "#a84300",
        Error = "#c62828",
        Dark = "#424242",
        TextPrimary = "#212121",
        TextSecondary = "#5f6368",
        ActionDefault = "#5f6368",
        AppbarBackground = "#1a237e",
        AppbarText = "#ffffff",
        Background = "#ffffff",
        Surface = "#ffffff",
        DrawerBackground = "#ffffff",
        DrawerText = "#212121",
        DrawerIcon = "#5f6368",
    };

    public static readonly PaletteDark Dark = new()
    {
        // Light tints on a dark page, with dark text on the filled ones.
        Primary = "#9fa8da",
        PrimaryContrastText = DarkInk,
        // #4db6ac was 4.4:1 as chip text on its own hover tint.
        Secondary = "#80cbc4",
        SecondaryContrastText = DarkInk,
        Tertiary = "#ce93d8",
        TertiaryContrastText = DarkInk,
        Info = "#90caf9",
        InfoContrastText = DarkInk,
        Success = "#81c784",
        SuccessContrastText = DarkInk,
        Warning = "#ffa726",
        WarningContrastText = DarkInk,
        Error = "#ff8a80",
        ErrorContrastText = DarkInk,
        Dark = "#c4c6d0",
        DarkContrastText = DarkInk,
        TextPrimary = "#ececf1",
        TextSecondary = "#c4c6d0",
        ActionDefault = "#c4c6d0",
        Background = "#32333d",
        Surface = "#373740",
        AppbarBackground = "#27272f",
        AppbarText = "#ececf1",
        DrawerBackground = "#27272f",
        DrawerText = "#ececf1",
        DrawerIcon = "#c4c6d0",
        // MudBlazor writes text alerts ("Won 20 d ago", a run's error) in the "darken" shade on a tint of the colour.
        // Derived, they come out darker than the base and fall under 4.5:1 on a dark surface (#68bb6c 4.45:1,
        // #ff695c 4.0:1), so in the dark palette they are set to lighter tints (all ≥ 5:1 on their tinted surface).
        PrimaryDarken = "#c5cae9",
        SecondaryDarken = "#b2dfdb",
        TertiaryDarken = "#e1bee7",
        InfoDarken = "#bbdefb",
        SuccessDarken = "#a5d6a7",
        WarningDarken = "#ffcc80",
        ErrorDarken = "#ffab9f",
    };

    public static readonly MudTheme Theme = new() { PaletteLight = Light, PaletteDark = Dark };
}
