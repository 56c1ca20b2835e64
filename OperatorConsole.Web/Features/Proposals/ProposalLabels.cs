using MudBlazor;
using OperatorConsole.Data.Proposals;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Web.Api;

namespace OperatorConsole.Web.Features.Proposals;

/// <summary>How the proposal console names a proposal's state, and the mail it opens for the operator to send.</summary>
internal static class ProposalLabels
{
    /// <summary>Mail clients cut long mailto links; past this the body is shortened and the operator pastes the rest (Copy text).</summary>
    private const int MailBodyLimit = 1800;

    public static string MailTo(ProposalDetail p) =>
        $"mailto:{Uri.EscapeDataString(p.ContactEmail ?? "")}?subject={Uri.EscapeDataString(p.Title)}&body={Uri.EscapeDataString(p.Body.Length > MailBodyLimit ? p.Body[..MailBodyLimit] + "\n…" : p.Body)}";

    public static string Status(ProposalStatus status, ProposalOutcome? outcome) =>
        outcome is { } o ? ProposalService.OutcomeLabel(o).ToLowerInvariant() : QueryEnum.Spell(status).Replace('_', ' ');

    public static Color StatusColor(ProposalStatus status) => status switch
    {
        ProposalStatus.SendRequested => Color.Warning,
        ProposalStatus.SendApproved => Color.Success,
        ProposalStatus.SendRejected => Color.Error,
        ProposalStatus.Sent => Color.Info,
        _ => Color.Default,
    };
}
