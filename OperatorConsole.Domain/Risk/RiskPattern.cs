namespace OperatorConsole.Domain.Risk;

/// <summary>
/// The pattern language of a change-risk rule (docs/features/build-ops-and-agent-jobs.md, "Rule syntax"):
/// <list type="bullet">
/// <item>A leading <c>!</c> makes the rule an <b>exclusion</b>: a file it matches is taken out of every other rule
/// and counts as the exclusion's own class and level (<c>!**/*.md</c>, <c>!**/tests/**</c>), so a broad rule such as
/// <c>auth</c> can be carved out for docs and tests. The first matching exclusion in list order applies.</item>
/// <item>A pattern made only of letters, digits, <c>-</c>, <c>_</c> and <c>|</c> is a <b>word</b> pattern: it matches a path
/// any of whose folder or file names contains one of the <c>|</c>-separated words, where names are split into words at
/// punctuation and camelCase (<c>TokenValidator.cs</c> → token, validator, cs; <c>reset_password.html.erb</c> → reset,
/// password, html, erb). A plural <c>s</c>/<c>es</c> counts; <c>-</c> or <c>_</c> in a word asks for consecutive words
/// (<c>docker-compose</c>, <c>two-factor</c>, <c>api-key</c> matches <c>ApiKeys.cs</c>). <c>auth</c> matches <c>OAuthCallback.cs</c>
/// and <c>src/auth/</c> but never <c>Author.cs</c>.</item>
/// <item>Anything else is a <see cref="GlobPattern"/>.</item>
/// </list>
/// </summary>
public static class RiskPattern
{
    public static bool IsExclusion(string pattern) => pattern.TrimStart().StartsWith('!');

    /// <summary>The pattern without its exclusion mark.</summary>
    public static string Body(string pattern)
    {
        var text = pattern.Trim();
        return text.StartsWith('!') ? text[1..].Trim() : text;
    }

    public static bool IsWordPattern(string body) =>
        body.Length > 0 && body.Any(char.IsLetter) && body.All(c => char.IsAsciiLetterOrDigit(c) || c is '|' or '-' or '_');

    /// <summary>Null when the pattern is usable, otherwise why not.</summary>
    public static string? Validate(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return "A pattern is required.";
        }

        var body = Body(pattern);
        if (body.Length == 0)
        {
            return "'!' must be followed by the pattern it excludes.";
        }

        if (IsWordPattern(body))
        {
            return Words(body).Any(w => w.Length == 0)
                ? "A word pattern lists words separated by '|', none empty."
                : pattern.Length > GlobPattern.MaxLength ? $"A pattern must be at most {GlobPattern.MaxLength} characters." : null;
        }

        return GlobPattern.Validate(body);
    }

    /// <summary>Whether the pattern (exclusion mark ignored) matches the path.</summary>
    public static bool IsMatch(string pattern, string path)
    {
        var body = Body(pattern);
        if (!IsWordPattern(body))
        {
            return GlobPattern.IsMatch(body, path);
        }

        var names = NameWords(GlobPattern.NormalizePath(path));
        return Words(body).Any(word => names.Any(name => ContainsRun(name, word)));
    }

    private static string[][] Words(string body) =>
        body.Split('|').Select(w => w.Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries).Select(p => p.ToLowerInvariant()).ToArray()).ToArray();

    /// <summary>Each folder or file name of the path as its lower-case words.</summary>
    public static List<string[]> NameWords(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(SplitWords).ToList();

    /// <summary>"JWTMiddleware.cs" → jwt, middleware, cs; "reset_password.html" → reset, password, html; "OAuth2" → o, auth, 2.</summary>
    public static string[] SplitWords(string name)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            if (current.Length > 0 && StartsWord(name, i))
            {
                Flush();
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return [.. words];

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    // A new word starts at lower→Upper ("tokenValidator"), at the last capital of a run followed by lower-case
    // ("JWTMiddleware" → JWT|Middleware), and between letters and digits ("oauth2").
    private static bool StartsWord(string s, int i)
    {
        char prev = s[i - 1], c = s[i];
        if (char.IsDigit(prev) != char.IsDigit(c) && char.IsLetterOrDigit(prev))
        {
            return true;
        }

        if (char.IsUpper(c) && char.IsLower(prev))
        {
            return true;
        }

        return char.IsUpper(c) && char.IsUpper(prev) && i + 1 < s.Length && char.IsLower(s[i + 1]);
    }

    private static bool ContainsRun(string[] name, string[] word)
    {
        for (var start = 0; start + word.Length <= name.Length; start++)
        {
            var all = true;
            for (var k = 0; k < word.Length && all; k++)
            {
                all = k == word.Length - 1 ? SameOrPlural(name[start + k], word[k]) : name[start + k] == word[k];
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameOrPlural(string text, string word) =>
        text == word || (text.Length == word.Length + 1 && text.EndsWith('s') && text.StartsWith(word, StringComparison.Ordinal))
        || (text.Length == word.Length + 2 && text.EndsWith("es", StringComparison.Ordinal) && text.StartsWith(word, StringComparison.Ordinal));
}
