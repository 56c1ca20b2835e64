using System.Globalization;
using OperatorConsole.Domain.Chat;

namespace OperatorConsole.Data.Chat.Topics;

/// <summary>
/// One typed fact source of the built-in chat engine: it answers the part of a question about its topic from the
/// same service the topic's card uses, returning the sentence, the facts it used (each a claim plus its source),
/// conclusions computed from those facts, and what it cannot answer.
/// </summary>
public interface IChatTopicSource
{
    ChatTopic Topic { get; }

    Task<TopicAnswer> AnswerAsync(QuestionAnalysis question, CancellationToken ct);
}

internal static class Say
{
    /// <summary>A count as the screens write it ("4,238"), so the chat and the card beside it read the same.</summary>
    public static string N(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string N(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string N(double value) => value.ToString("#,0.#", CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture) + " USD";

    public static string Plural(int count, string one, string many) => $"{N(count)} {(count == 1 ? one : many)}";

    /// <summary>The text with its first letter in capitals, to open a sentence.</summary>
    public static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public static string Names(IEnumerable<string> names, int take = 5)
    {
        var list = names.ToList();
        var shown = string.Join(", ", list.Take(take).Select(n => $"\"{n}\""));
        return list.Count > take ? $"{shown} and others" : shown;
    }

    /// <summary>The first five items as <paramref name="say"/> writes each, "; " between them, then "and N more": how an answer lists deals or steps.</summary>
    public static string FirstFive<T>(IReadOnlyList<T> items, Func<T, string> say) =>
        string.Join("; ", items.Take(5).Select(say)) + (items.Count > 5 ? $" and {N(items.Count - 5)} more" : "");

    /// <summary>Free text a person wrote, on one line, cut to <paramref name="max"/> and safe inside the answer's quotes.</summary>
    public static string Excerpt(string text, int max = 80)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace('"', '\'');
        return line.Length <= max ? line : line[..(max - 1)].TrimEnd() + "…";
    }

    public static UsedFact Fact(string source, string label, string text, string link, string claim) =>
        new(new ContextFact(source, text, link, "chat") { Label = label }, claim);

    /// <summary>
    /// A change as a share of where it started, "+20.5 %"; empty from nothing, where no share can be said (a rise from
    /// 0 USD is not a percentage).
    /// </summary>
    public static string Share(decimal now, decimal before) => before == 0
        ? ""
        : $"{(now >= before ? "+" : "−")}{N(Math.Round(Math.Abs(now - before) * 100 / Math.Abs(before), 1))} %";

    /// <summary><see cref="Share"/> in brackets after a figure, " (+20.5 %)", or nothing.</summary>
    public static string Change(decimal now, decimal before) => Share(now, before) is { Length: > 0 } share ? $" ({share})" : "";

    public static string Percent(int part, int whole) => whole == 0 ? "0" : Math.Round(100m * part / whole, 0).ToString(CultureInfo.InvariantCulture);
}
