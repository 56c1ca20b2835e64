using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Data.Packages;

/// <summary>
/// The leads sold on a package: linked to it directly, or through one of their proposals. One set for the package's
/// track record (its page, the packages list, a lead's package card) and for the Leads list's package filter, so the
/// list a figure links to holds exactly what the figure counts.
/// </summary>
internal static class PackageLeads
{
    public static IQueryable<Lead> SoldOn(this IQueryable<Lead> leads, IQueryable<Proposal> proposals, int packageId) =>
        leads.SoldOnAny(proposals, [packageId]);

    public static IQueryable<Lead> SoldOnAny(this IQueryable<Lead> leads, IQueryable<Proposal> proposals, IReadOnlyCollection<int> packageIds) =>
        leads.Where(l => (l.ServicePackageId != null && packageIds.Contains(l.ServicePackageId.Value))
            || proposals.Any(p => p.LeadId == l.Id && p.ServicePackageId != null && packageIds.Contains(p.ServicePackageId.Value)));
}
