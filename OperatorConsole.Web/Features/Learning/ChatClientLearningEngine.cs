using System.Text;
using Microsoft.Extensions.AI;
using OperatorConsole.Data.Learning;
using OperatorConsole.Domain.Learning;

namespace OperatorConsole.Web.Features.Learning;

/// <summary>
/// Learning extraction with the configured chat model (Azure OpenAI through <see cref="IChatClient"/>). It asks
/// for JSON in a fixed shape and hands the answer to <see cref="AiProposalParser"/>; a refused answer makes the
/// learning service fall back to the built-in extractor and record why.
/// </summary>
public sealed class ChatClientLearningEngine(IServiceProvider services) : ILearningAiEngine
{
    /// <summary>Long transcripts are cut: the model sees the first part, and the prompt says so.</summary>
    public const int MaxPromptChars = 60_000;

    private IChatClient? Client => services.GetService<IChatClient>();

    public bool IsConfigured => Client is not null;

    public async Task<AiParseResult> ExtractAsync(string text, IReadOnlyList<PlaybookStatement> playbook, CancellationToken ct)
    {
        var client = Client ?? throw new InvalidOperationException("No chat client is configured.");
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, SystemPrompt(playbook)),
            new(ChatRole.User, text.Length > MaxPromptChars ? text[..MaxPromptChars] + "\n[cut: the learning continues beyond this point]" : text),
        };
        var response = await client.GetResponseAsync(messages, new ChatOptions { ResponseFormat = ChatResponseFormat.Json, Temperature = 0.2f }, ct);
        return AiProposalParser.Parse(response.Text);
    }

    private static string SystemPrompt(IReadOnlyList<PlaybookStatement> playbook)
    {
        var prompt = new StringBuilder()
            .AppendLine("You turn a small software/AI agency's learnings (call transcripts, notes, post-mortems) into proposed playbook changes.")
            .AppendLine("Only propose what the text supports; quote the supporting sentence as evidence. Do not invent numbers.")
            .AppendLine("Write each proposal as one imperative sentence the team could follow.")
            .AppendLine("confidence is how strongly the text supports the proposal (0 to 1); be conservative.")
            .AppendLine("Answer with JSON only, exactly in this shape:")
            .AppendLine(AiProposalParser.Schema);
        if (playbook.Count > 0)
        {
            prompt.AppendLine("The current playbook (for context; the console checks contradictions itself):");
            foreach (var entry in playbook.Take(100))
            {
                prompt.Append("- [").Append(entry.Class.ToString().ToLowerInvariant()).Append("] ").Append(entry.Title).Append(": ").AppendLine(entry.Text);
            }
        }

        return prompt.ToString();
    }
}
