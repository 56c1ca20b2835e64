namespace OperatorConsole.Data.Proposals;

/// <summary>A starting point for a draft, e.g. a service package's promised outcome, scope and price.</summary>
public sealed record ProposalTemplate(int ServicePackageId, string Name, string Title, string Body, decimal? Amount);

/// <summary>
/// Where "Start from a service package" gets its templates. The proposal console shows that option only
/// when an implementation is registered and returns at least one template; the service-packages feature
/// provides it (<c>services.AddSingleton&lt;IProposalTemplateSource, …&gt;()</c>).
/// </summary>
public interface IProposalTemplateSource
{
    Task<IReadOnlyList<ProposalTemplate>> ListAsync(int leadId, CancellationToken ct);

    Task<ProposalTemplate?> GetAsync(int servicePackageId, int leadId, CancellationToken ct);
}
