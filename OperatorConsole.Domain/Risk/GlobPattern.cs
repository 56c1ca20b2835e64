namespace OperatorConsole.Domain.Risk;

/// <summary>
/// Path globs for the change-risk rules, written by hand so their meaning is exactly what the docs say
/// (docs/features/build-ops-and-agent-jobs.md, "Glob rules"):
/// <list type="bullet">
/// <item>Paths and patterns are compared case-insensitively; <c>\</c> is read as <c>/</c>; a leading <c>./</c> or <c>/</c>
/// of a path and doubled slashes are ignored.</item>
/// <item><c>*</c> is any run of characters inside one path segment, <c>?</c> exactly one character (never <c>/</c>);
/// a whole segment <c>**</c> is zero or more segments. Every other character is literal.</item>
/// <item>A pattern floats: it may match starting at any folder (<c>wwwroot/**</c> matches <c>src/Web/wwwroot/app.css</c>),
/// unless it starts with <c>/</c>, which anchors it at the repository root.</item>
/// <item>A pattern that matches a folder matches everything inside it (like .gitignore), so <c>*billing*</c> matches both
/// <c>src/BillingService.cs</c> and <c>src/Billing/Plans.cs</c>.</item>
/// </list>
/// Matching is a table walk over (pattern segment, path segment) pairs, so no pattern can make it backtrack
/// exponentially.
/// </summary>
public static class GlobPattern
{
    public const int MaxLength = 300;

    /// <summary>The path as rules see it: forward slashes, no leading "./" or "/", no empty segments.</summary>
    public static string NormalizePath(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "";
        }

        var segments = path.Trim().Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s != ".")
            .ToArray();
        return string.Join('/', segments);
    }

    /// <summary>Null when the pattern is usable, otherwise why not.</summary>
    public static string? Validate(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return "A pattern is required.";
        }

        if (pattern.Length > MaxLength)
        {
            return $"A pattern must be at most {MaxLength} characters.";
        }

        return Segments(pattern, out _).Length == 0 ? "A pattern must name at least one file or folder." : null;
    }

    public static bool IsMatch(string pattern, string path)
    {
        var patternSegments = Segments(pattern, out var anchored);
        var pathSegments = NormalizePath(path).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (patternSegments.Length == 0 || pathSegments.Length == 0)
        {
            return false;
        }

        if (!anchored && patternSegments[0] != "**")
        {
            patternSegments = ["**", .. patternSegments];
        }

        return MatchesAPrefix(patternSegments, pathSegments);
    }

    private static string[] Segments(string pattern, out bool anchored)
    {
        var text = pattern.Trim().Replace('\\', '/');
        anchored = text.StartsWith('/');
        return text.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
    }

    /// <summary>
    /// True when the pattern consumes the first k ≥ 1 path segments exactly (a matched folder covers what is
    /// inside it). Breadth-first over the (pattern index, path index) table.
    /// </summary>
    private static bool MatchesAPrefix(string[] pattern, string[] path)
    {
        var seen = new bool[pattern.Length + 1, path.Length + 1];
        var queue = new Queue<(int P, int S)>();
        Visit(0, 0);
        while (queue.Count > 0)
        {
            var (p, s) = queue.Dequeue();
            if (p == pattern.Length)
            {
                if (s >= 1)
                {
                    return true;
                }

                continue;
            }

            if (pattern[p] == "**")
            {
                Visit(p + 1, s);
                if (s < path.Length)
                {
                    Visit(p, s + 1);
                }
            }
            else if (s < path.Length && SegmentMatches(pattern[p], path[s]))
            {
                Visit(p + 1, s + 1);
            }
        }

        return false;

        void Visit(int p, int s)
        {
            if (!seen[p, s])
            {
                seen[p, s] = true;
                queue.Enqueue((p, s));
            }
        }
    }

    /// <summary>One segment against one pattern segment: '*' any run, '?' one character, case-insensitive.</summary>
    public static bool SegmentMatches(string pattern, string text)
    {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                // Collapse runs of stars ("a**b" inside a segment is the same as "a*b").
                while (p < pattern.Length && pattern[p] == '*')
                {
                    p++;
                }

                starP = p;
                starT = t;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || SameChar(pattern[p], text[t])))
            {
                p++;
                t++;
            }
            else if (starP >= 0)
            {
                // Let the last star swallow one more character and retry from there.
                p = starP;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool SameChar(char a, char b) => a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b);
}
