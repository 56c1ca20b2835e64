using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace OperatorConsole.Web.Api.Contract;

/// <summary>
/// "Did you mean" for a field the request type does not have: the fields known at the same place in the body
/// that differ only in case, are a near miss (edit distance ≤ 2), or contain one another (<c>files</c> →
/// <c>filesTouched</c>). Found by walking the JSON path through the request type's contract.
/// </summary>
public static partial class UnknownFields
{
    [GeneratedRegex(@"\[\d+\]|\['([^']*)'\]|\.?([^.\[]+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Segment();

    /// <summary>The known fields a client probably meant by the last segment of <paramref name="path"/> (e.g. <c>steps[0].nmae</c>).</summary>
    public static IReadOnlyList<string> Suggest(Type? requestType, JsonSerializerOptions options, string path)
    {
        if (requestType is null)
        {
            return [];
        }

        var segments = Segment().Matches(path).Select(m => m.Value).ToList();
        if (segments.Count == 0)
        {
            return [];
        }

        var unknown = Name(segments[^1]);
        var type = requestType;
        foreach (var segment in segments[..^1])
        {
            var info = options.GetTypeInfo(type);
            type = segment.StartsWith('[') && !segment.StartsWith("['", StringComparison.Ordinal)
                ? info.ElementType
                : info.Properties.FirstOrDefault(p => string.Equals(p.Name, Name(segment), StringComparison.OrdinalIgnoreCase))?.PropertyType;
            if (type is null)
            {
                return [];
            }

            type = Nullable.GetUnderlyingType(type) ?? type;
        }

        var known = options.GetTypeInfo(type);
        if (known.Kind != JsonTypeInfoKind.Object)
        {
            return [];
        }

        var aliases = ContractNames.AliasesOf(type);
        return known.Properties.Select(p => p.Name)
            .Where(n => !aliases.ContainsKey(n) && IsNear(unknown, n))
            .OrderBy(n => Distance(unknown.ToLowerInvariant(), n.ToLowerInvariant()))
            .Take(3)
            .ToList();
    }

    private static string Name(string segment) => segment.TrimStart('.').Trim('[', ']', '\'');

    /// <summary>The known names near <paramref name="unknown"/>, nearest first (a query parameter's "did you mean").</summary>
    public static IReadOnlyList<string> Near(string unknown, IEnumerable<string> known) =>
        known.Where(n => IsNear(unknown, n)).OrderBy(n => Distance(unknown.ToLowerInvariant(), n.ToLowerInvariant())).Take(3).ToList();

    private static bool IsNear(string unknown, string known)
    {
        var a = unknown.ToLowerInvariant();
        var b = known.ToLowerInvariant();
        return a == b
            || (Math.Min(a.Length, b.Length) >= 4 && (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal)))
            || Distance(a, b) <= Math.Min(2, (Math.Max(a.Length, b.Length) + 2) / 3);
    }

    /// <summary>Edit distance counting a swap of neighbours as one edit ("titel" → "title"); names are short, so the table is cheap.</summary>
    internal static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64)
        {
            return int.MaxValue;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
