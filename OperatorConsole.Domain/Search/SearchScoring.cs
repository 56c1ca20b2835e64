namespace OperatorConsole.Domain.Search;

/// <summary>
/// How well a text matches what was typed in the command palette: a prefix of the whole text beats a prefix of a
/// word, which beats a match inside a word; every typed word must match somewhere. 0 means no match.
/// </summary>
public static class SearchScoring
{
    public static int Score(string query, params string?[] texts)
    {
        var terms = query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (terms.Length == 0)
        {
            return 0;
        }

        var total = 0;
        foreach (var term in terms)
        {
            var best = 0;
            foreach (var text in texts)
            {
                best = Math.Max(best, ScoreTerm(term, text));
            }

            if (best == 0)
            {
                return 0;
            }

            total += best;
        }

        return total;
    }

    private static int ScoreTerm(string term, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var index = text.IndexOf(term, StringComparison.OrdinalIgnoreCase);
        if (index < 0)
        {
            return 0;
        }

        if (index == 0)
        {
            return text.Length == term.Length ? 40 : 30;
        }

        return char.IsLetterOrDigit(text[index - 1]) ? 10 : 20;
    }
}
