using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace OperatorConsole.Data.Infrastructure;

/// <summary>
/// SQLite keeps a DateTime as the text <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> (what EF and Microsoft.Data.Sqlite write).
/// Reading it back through <c>SqliteDataReader.GetDateTime</c> runs the culture-aware <see cref="DateTime.Parse(string, IFormatProvider)"/>
/// on every value, which was a quarter of a cold Failures report (ADR 203): this reads the canonical text with a
/// fixed-position parser and falls back to <see cref="DateTime.Parse(string, IFormatProvider)"/> for anything else
/// (hand-written rows, <c>CURRENT_TIMESTAMP</c>), so every value the old path read is read the same way, as UTC.
/// </summary>
public static class SqliteUtcDateTimeText
{
    private const string Format = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

    /// <summary>The stored text of <paramref name="value"/>: UTC, in the format SQLite's date functions and EF's literals use.</summary>
    public static string Write(DateTime value) =>
        (value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime()).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The UTC time stored as <paramref name="text"/>.</summary>
    public static DateTime Read(string text) =>
        TryReadCanonical(text, out var value) ? value : DateTime.SpecifyKind(ReadOther(text), DateTimeKind.Utc);

    /// <summary><c>yyyy-MM-dd HH:mm:ss</c> with an optional fraction of 1–7 digits; anything else is left to the general parser.</summary>
    public static bool TryReadCanonical(ReadOnlySpan<char> s, out DateTime value)
    {
        value = default;
        if (s.Length < 19 || s.Length == 20 || s.Length > 27 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':'
            || (s.Length > 19 && s[19] != '.'))
        {
            return false;
        }

        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second))
        {
            return false;
        }

        var ticks = 0;
        if (s.Length > 19)
        {
            if (!Digits(s[20..], out ticks))
            {
                return false;
            }

            for (var i = s.Length - 20; i < 7; i++)
            {
                ticks *= 10;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            var digit = c - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    /// <summary>What <c>SqliteDataReader.GetDateTime</c> reads from text that is not in the canonical format.</summary>
    private static DateTime ReadOther(string text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var julianDay) ? FromJulianDay(julianDay)
        : throw new FormatException($"'{text}' is not a date and time SQLite or .NET can read.");

    /// <summary>A number in a DateTime column is a Julian day, as <c>SqliteDataReader.GetDateTime</c> reads it.</summary>
    private static DateTime FromJulianDay(double julianDay) =>
        new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddDays(julianDay - 1721425.5);
}

/// <summary>SQLite's DateTime columns as their text, read with <see cref="SqliteUtcDateTimeText"/> (ADR 203).</summary>
public sealed class SqliteUtcDateTimeTextConverter() : ValueConverter<DateTime, string>(
    v => SqliteUtcDateTimeText.Write(v),
    v => SqliteUtcDateTimeText.Read(v));
