using OperatorConsole.Data.Proposals;

namespace OperatorConsole.Web.Features.Proposals;

/// <summary>The text being written in the proposal console: a new draft's, or the next version's.</summary>
public sealed class ProposalDraftText
{
    public string? Title { get; set; }

    public string? Body { get; set; }

    public decimal? Amount { get; set; }

    public static ProposalDraftText Of(ProposalDetail proposal) => new() { Title = proposal.Title, Body = proposal.Body, Amount = proposal.Amount };
}
