using System.Globalization;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Leads;

/// <summary>The open deals and their expected close days as queries, written once for the list's filters, the Command Center's card and the chat.</summary>
public static class OpenDealQueries
{
    /// <summary>The deals in an open stage (New, Qualified, Proposal), whatever else the query already keeps.</summary>
    public static IQueryable<Lead> OpenDeals(this IQueryable<Lead> leads)
    {
        var stages = LeadStatusExtensions.OpenDealStages.ToArray();
        return leads.Where(l => stages.Contains(l.Status));
    }

    /// <summary>
    /// The Leads list of the open deals expected to close within the days (either end open), soonest first: the link
    /// of the Command Center's windows and of the chat's expected close answers.
    /// </summary>
    public static string ListLink(DateOnly? from, DateOnly? to) =>
        "/leads?status=open"
        + (from is { } f ? "&expectedCloseFrom=" + f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")
        + (to is { } t ? "&expectedCloseTo=" + t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")
        + "&sort=expectedCloseOn";

    /// <summary>The deals with an expected close day, soonest first (by id on the same day), as the card and the chat list them.</summary>
    public static IQueryable<DatedDeal> SoonestFirst(this IQueryable<Lead> leads) =>
        leads.Where(l => l.ExpectedCloseOn != null).OrderBy(l => l.ExpectedCloseOn).ThenBy(l => l.Id)
            .Select(l => new DatedDeal(l.Id, l.Title, l.Company, l.ExpectedCloseOn!.Value, l.EstimatedValue));
}
