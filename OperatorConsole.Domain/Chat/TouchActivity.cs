using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Domain.Chat;

/// <summary>
/// A ranking by touches: "Who made the most calls?", "Which account had the fewest meetings last month?". <see cref="By"/>:
/// the groups ranked, null for the deals themselves; <see cref="Channel"/> null for every channel.
/// </summary>
public sealed record TouchRanking(TouchChannel? Channel, RankBy? By, bool Fewest);

/// <summary>
/// "How many calls did we make last week?", "How many emails did Darcel Schlecht send in November?": touches counted by
/// channel, as a CRM counts its activities. Each touch records its channel, so "calls" was named as something the console
/// does not record, next to an answer about something else.
/// </summary>
public static class TouchActivity
{
    /// <summary>A channel's words; null for every channel (touches, activities, contacts).</summary>
    private static readonly Dictionary<string, TouchChannel?> Words = new(StringComparer.Ordinal)
    {
        ["call"] = TouchChannel.Call, ["calls"] = TouchChannel.Call,
        ["email"] = TouchChannel.Email, ["emails"] = TouchChannel.Email, ["mail"] = TouchChannel.Email, ["mails"] = TouchChannel.Email,
        ["meeting"] = TouchChannel.Meeting, ["meetings"] = TouchChannel.Meeting,
        ["message"] = TouchChannel.Message, ["messages"] = TouchChannel.Message,
        ["touch"] = null, ["touches"] = null, ["activity"] = null, ["activities"] = null, ["contacts"] = null,
    };

    /// <summary>
    /// The words a touch count understands, so none of them is reported as something the console does not record when
    /// it answers. Not part of every question's vocabulary: "How many meetings are booked?" asks what is planned, which
    /// no touch records, and its "meetings" stays unanswered.
    /// </summary>
    public static IReadOnlySet<string> Vocabulary { get; } = Words.Keys.Concat(["log", "logged", "made", "make", "sent", "send", "held", "had", "phone"]).ToHashSet(StringComparer.Ordinal);

    // A touch is a contact that happened; what is booked or planned is not one (the console has no calendar).
    private static readonly HashSet<string> FutureWords = new(StringComparer.Ordinal) { "booked", "scheduled", "planned", "upcoming", "next", "will", "tomorrow" };

    /// <summary>
    /// Whether the question counts touches — "how many" or "number of" followed, within two words, by a channel's word
    /// ("how many phone calls") — and of which channel (null: all). Not "How many leads have no touch?": what it counts
    /// is leads; nor "How many meetings are booked this week?": what it asks is planned.
    /// </summary>
    public static bool Asks(IReadOnlyList<string> words, out TouchChannel? channel)
    {
        channel = null;
        if (words.Any(FutureWords.Contains))
        {
            return false;
        }

        for (var i = 0; i + 2 < words.Count; i++)
        {
            if ((words[i], words[i + 1]) is not (("how", "many") or ("number", "of")))
            {
                continue;
            }

            foreach (var word in words.Skip(i + 2).Take(2))
            {
                if (Words.TryGetValue(word, out channel))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static readonly HashSet<string> DealWords = new(StringComparer.Ordinal) { "deal", "deals", "lead", "leads", "opportunity", "opportunities" };

    /// <summary>
    /// Whether the question ranks by touches — "most", "fewest" or "least" followed, within two words, by a channel's word
    /// ("the most phone calls") — and what it ranks: the dimension it names (<see cref="ChatRanking.Dimension"/>), else
    /// the deals when it names deals, else the deals' owners ("Who made the most calls?"). Not "Which account has the
    /// most contacts?" (people at the account, not touches), nor anything planned ("the most meetings booked").
    /// </summary>
    public static TouchRanking? Ranks(IReadOnlyList<string> words)
    {
        if (words.Any(FutureWords.Contains))
        {
            return null;
        }

        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i] is not ("most" or "fewest" or "least"))
            {
                continue;
            }

            foreach (var word in words.Skip(i + 1).Take(2))
            {
                if (word != "contacts" && Words.TryGetValue(word, out var channel))
                {
                    var by = ChatRanking.Dimension(words) ?? (words.Any(DealWords.Contains) ? null : RankBy.Owner);
                    return new TouchRanking(channel, by, words[i] != "most");
                }
            }
        }

        return null;
    }

    /// <summary>"call", "email", "touch": how an answer names one of them.</summary>
    public static string Name(TouchChannel? channel) => channel switch
    {
        null => "touch",
        TouchChannel.Linkedin => "LinkedIn touch",
        { } c => c.ToString().ToLowerInvariant(),
    };
}
