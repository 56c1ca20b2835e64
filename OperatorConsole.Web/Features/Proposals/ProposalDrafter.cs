using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using OperatorConsole.Data.Leads;
using OperatorConsole.Data.Proposals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Web.Features.Proposals;

/// <summary>
/// Drafts a proposal with Azure OpenAI, when an <see cref="IChatClient"/> is registered (the chat feature
/// registers one when Azure OpenAI is configured). The result is only ever a draft version with origin
/// "azure_openai": a human edits it, requests sending, an operator approves, and a person sends it.
/// </summary>
public sealed class ProposalDrafter(IServiceProvider services, LeadService leads, ProposalService proposals)
{
    private IChatClient? Chat => services.GetService<IChatClient>();

    public bool IsConfigured => Chat is not null;

    public const string NotConfigured = "Azure OpenAI is not configured: set the AzureOpenAI settings to draft with AI. You can still write or paste a draft.";

    /// <summary>Creates a new draft, or (with <paramref name="proposalId"/>) saves the AI text as the next version of a draft.</summary>
    public async Task<OperationResult<ProposalDetail>> DraftAsync(int leadId, int? proposalId, string? instructions, Actor actor, CancellationToken ct = default)
    {
        var chat = Chat;
        if (chat is null)
        {
            return OperationResult<ProposalDetail>.Conflict(NotConfigured);
        }

        var lead = await leads.GetAsync(leadId, ct);
        if (lead is null)
        {
            return OperationResult<ProposalDetail>.NotFound($"Lead {leadId} does not exist.");
        }

        var errors = new ValidationErrors().MaxLength("instructions", instructions, 4000);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<ProposalDetail>();
        }

        var current = proposalId is { } pid ? await proposals.GetAsync(pid, ct) : null;
        if (proposalId is not null && (current is null || current.LeadId != leadId))
        {
            return OperationResult<ProposalDetail>.NotFound($"Proposal {proposalId} does not exist for lead {leadId}.");
        }

        var prompt = Prompt(lead, await leads.TouchesAsync(leadId, take: 10, ct: ct), current, instructions);
        string text;
        try
        {
            text = await AskAsync(chat, prompt, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return OperationResult<ProposalDetail>.Conflict($"Azure OpenAI did not produce a draft: {ex.Message}");
        }

        if (text.Length == 0)
        {
            return OperationResult<ProposalDetail>.Conflict("Azure OpenAI returned an empty draft; nothing was saved.");
        }

        return current is null
            ? await proposals.CreateDraftAsync(leadId, new CreateProposalRequest($"Proposal for {lead.Company ?? lead.Title}", text, lead.EstimatedValue, ProposalOrigins.AzureOpenAi), actor, ct)
            : await proposals.UpdateDraftAsync(current.Id, new UpdateProposalRequest(Body: text, Origin: ProposalOrigins.AzureOpenAi), actor, ct);
    }

    /// <summary>What the model is told: the lead, its last touches, the draft to improve (if any) and the operator's instructions.</summary>
    private static string Prompt(LeadView lead, IReadOnlyList<TouchView> touches, ProposalDetail? current, string? instructions)
    {
        var prompt = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Lead: {lead.Title}")
            .AppendLine(CultureInfo.InvariantCulture, $"Company: {lead.Company ?? "unknown"}; contact: {lead.ContactName ?? "unknown"}")
            .AppendLine(CultureInfo.InvariantCulture, $"Estimated value: {lead.EstimatedValue?.ToString("N0", CultureInfo.InvariantCulture) ?? "unknown"} USD");
        foreach (var touch in touches.Where(t => t.Summary is not null))
        {
            prompt.AppendLine(CultureInfo.InvariantCulture, $"- {touch.OccurredAt:yyyy-MM-dd} {touch.Channel} {touch.Direction}: {touch.Summary}");
        }

        if (current is not null)
        {
            prompt.AppendLine().AppendLine("Current draft to improve:").AppendLine(current.Body);
        }

        if (!string.IsNullOrWhiteSpace(instructions))
        {
            prompt.AppendLine().AppendLine("Instructions from the operator: " + instructions.Trim());
        }

        return prompt.ToString();
    }

    /// <summary>The model's draft, trimmed (empty when it gave none).</summary>
    private static async Task<string> AskAsync(IChatClient chat, string prompt, CancellationToken ct)
    {
        var response = await chat.GetResponseAsync(
            [
                new ChatMessage(ChatRole.System,
                    "You draft client proposals for a small software and AI-automation agency. Write plain text: the problem, the outcome " +
                    "promised (measurable), scope, exclusions, timeline and price. This is a draft for a human to review; do not address " +
                    "it as sent and do not invent facts that are not in the notes."),
                new ChatMessage(ChatRole.User, prompt),
            ],
            cancellationToken: ct);
        return response.Text.Trim();
    }
}
