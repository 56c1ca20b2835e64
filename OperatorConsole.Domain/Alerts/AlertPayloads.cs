using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OperatorConsole.Domain.Alerts;

/// <summary>Renders an <see cref="AlertMessage"/> for a webhook preset or an e-mail.</summary>
public static class AlertPayloads
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Webhook(WebhookPreset preset, AlertMessage message) => preset switch
    {
        WebhookPreset.Slack => Slack(message).ToJsonString(Json),
        WebhookPreset.Teams => Teams(message).ToJsonString(Json),
        _ => JsonSerializer.Serialize(new
        {
            @event = message.Event,
            kind = message.Kind.ToString().ToLowerInvariant(),
            message.Title,
            message.Text,
            message.At,
            message.ConsoleUrl,
            message.Item,
            message.Sections,
        }, Json),
    };

    /// <summary>Slack incoming webhook: "text" is the fallback and notification line; blocks carry the detail.</summary>
    private static JsonObject Slack(AlertMessage message)
    {
        var blocks = new JsonArray { Section($"*{Escape(message.Title)}*" + (message.Item is { } i ? $"\n<{i.Link}|Open in the console>" : "")) };
        foreach (var section in message.Sections ?? [])
        {
            var lines = section.Items.Select(i => $"• <{i.Link}|{Escape(i.Title)}>");
            var more = section.Count > section.Items.Count ? $"\n…and {section.Count - section.Items.Count} more" : "";
            blocks.Add(Section($"*{Escape(section.Title)}* ({section.Count})\n" + (section.Count == 0 ? "_none_" : string.Join("\n", lines) + more)));
        }

        return new JsonObject { ["text"] = message.Title, ["blocks"] = blocks };

        static JsonObject Section(string markdown) => new()
        {
            ["type"] = "section",
            ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = markdown },
        };
    }

    /// <summary>Teams (Workflows "post to a channel when a webhook request is received"): a message with an Adaptive Card.</summary>
    private static JsonObject Teams(AlertMessage message)
    {
        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = message.Title, ["weight"] = "Bolder", ["wrap"] = true },
        };
        foreach (var section in message.Sections ?? [])
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = $"{section.Title} ({section.Count})", ["weight"] = "Bolder", ["wrap"] = true });
            foreach (var item in section.Items)
            {
                body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = $"- [{item.Title}]({item.Link})", ["wrap"] = true });
            }
        }

        var actions = new JsonArray();
        if (message.Item is { } it)
        {
            actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open in the console", ["url"] = it.Link });
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
            ["actions"] = actions,
        };
        return new JsonObject
        {
            ["type"] = "message",
            ["summary"] = message.Title,
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = card },
            },
        };
    }

    /// <summary>Slack mrkdwn treats &amp;, &lt; and &gt; as control characters.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    public static string EmailText(AlertMessage message)
    {
        var text = new StringBuilder().AppendLine(message.Title).AppendLine();
        if (message.Item is { } item)
        {
            text.AppendLine(item.Title).AppendLine(item.Link);
        }

        foreach (var section in message.Sections ?? [])
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{section.Title} ({section.Count})");
            foreach (var i in section.Items)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {i.Title}  {i.Link}");
            }

            if (section.Count == 0)
            {
                text.AppendLine("- none");
            }
        }

        return text.AppendLine().AppendLine("Operator Console · " + message.ConsoleUrl).ToString();
    }

    public static string EmailHtml(AlertMessage message)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder($"<h2>{E(message.Title)}</h2>");
        if (message.Item is { } item)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(item.Link)}\">Open in the console</a></p>");
        }

        foreach (var section in message.Sections ?? [])
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(section.Title)} ({section.Count})</h3><ul>");
            html.Append(section.Count == 0 ? "<li>none</li>" : string.Concat(section.Items.Select(i => $"<li><a href=\"{E(i.Link)}\">{E(i.Title)}</a></li>")));
            html.Append("</ul>");
        }

        return html.Append(CultureInfo.InvariantCulture, $"<p style=\"color:#666\">Operator Console · <a href=\"{E(message.ConsoleUrl)}\">{E(message.ConsoleUrl)}</a></p>").ToString();
    }
}
