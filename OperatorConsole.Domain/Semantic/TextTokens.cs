using System.Text.RegularExpressions;

namespace OperatorConsole.Domain.Semantic;

/// <summary>Word splitting, a light stemmer, stop words and edit distance: the lexical half of question understanding.</summary>
public static partial class TextTokens
{
    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'&.-]*[\p{L}\p{N}]|[\p{L}\p{N}]")]
    private static partial Regex WordPattern();

    /// <summary>Words that carry no subject: a question made only of these (plus known vocabulary) is fully covered.</summary>
    public static readonly IReadOnlySet<string> StopWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "done", "have", "has", "had",
        "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "many", "much", "of", "in", "on", "at", "to",
        "for", "from", "by", "with", "about", "and", "or", "but", "not", "no", "any", "all", "each", "every", "our", "we", "us",
        "i", "me", "my", "you", "your", "it", "its", "they", "them", "their", "this", "that", "these", "those", "there", "here",
        "so", "far", "right", "now", "currently", "current", "please", "tell", "show", "list", "give", "can", "could", "would",
        "should", "will", "shall", "may", "might", "must", "get", "got", "let", "know", "there's", "what's", "who's", "it's",
        "than", "then", "as", "if", "into", "per", "via", "one", "ones", "some", "most", "more", "less", "least", "number",
        "total", "count", "amount", "up", "out", "over", "under", "still", "yet", "just", "only", "ever", "also", "again",
        "same", "other", "another", "such", "own", "very", "too", "top", "biggest", "largest", "smallest", "oldest", "newest",
        "latest", "first", "last", "recent", "recently", "time", "times", "status", "state", "named", "called", "on",
        "anything", "something", "everything", "nothing", "going", "doing", "look", "looking", "like", "see", "need", "want", "think",
        "take", "takes", "took", "taking",
        // Negations carry no subject either: "Which customers haven't we talked to?" reported "haven't" as unrecorded.
        "don't", "doesn't", "didn't", "haven't", "hasn't", "hadn't", "isn't", "aren't", "wasn't", "weren't", "won't", "can't",
        "cannot", "couldn't", "shouldn't", "wouldn't", "never",
    };

    /// <summary>
    /// The words of a text, lower case. A possessive "'s" is dropped ("Darcel Schlecht's win rate" names Darcel
    /// Schlecht, not a name two typos away); names are split the same way, so "McDonald's" still meets itself.
    /// </summary>
    public static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value.Trim('\'', '.', '-')).Select(w => w.Length > 3 && w.EndsWith("'s", StringComparison.Ordinal) ? w[..^2] : w);

    /// <summary>Each word and its stem: how a topic's words are matched against a question's words and their stems.</summary>
    public static HashSet<string> Forms(IEnumerable<string> words) =>
        words.SelectMany(w => new[] { w, Stem(w) }).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Strips common English endings so "proposals", "proposed" and "proposal" meet (not a full Porter stemmer). "-er"
    /// is stripped only from a stem of four letters or more: "offer" became "off", a results word, so "What services do
    /// we offer?" was answered with the clients off target.
    /// </summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3 || word.Any(char.IsDigit))
        {
            return word;
        }

        foreach (var suffix in (string[])["ations", "ation", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "s"])
        {
            if (word.Length - suffix.Length >= (suffix is "er" or "ers" ? 4 : 3) && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = word[..^suffix.Length];
                return suffix is "ies" or "ied" ? stem + "y" : stem;
            }
        }

        return word;
    }

    /// <summary>Damerau–Levenshtein (optimal string alignment) distance, capped: returns cap+1 once it is certainly over.</summary>
    public static int Distance(string a, string b, int cap = 3)
    {
        if (Math.Abs(a.Length - b.Length) > cap)
        {
            return cap + 1;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
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

        return Math.Min(d[a.Length, b.Length], cap + 1);
    }

    /// <summary>How many typos a name of this length may carry and still be recognised.</summary>
    public static int Tolerance(int length) => length switch { < 4 => 0, < 8 => 1, _ => 2 };
}
