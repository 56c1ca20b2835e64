using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Api;

namespace OperatorConsole.Web.Features.Leads;

/// <summary>
/// The Leads list's filters in its address, by the names GET /api/leads and the CSV export use: a link (the chat's, a
/// team's, an account's) opens the list narrowed, and the list keeps what is set there as the operator changes it.
/// A value that does not parse is left out, as a hand-edited address should not break the page.
/// </summary>
public static class LeadListAddress
{
    /// <summary>The filters an address sets, without the sort (the table owns it); an account or a package id is checked by the page, as it may be old.</summary>
    public static LeadListQuery Read(string uri)
    {
        var query = QueryHelpers.ParseQuery(new Uri(uri).Query);
        string? Text(string name) => query.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString() : null;
        int? Int(string name) => int.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
        DateOnly? Day(string name) => DateOnly.TryParseExact(Text(name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        decimal? Number(string name) => decimal.TryParse(Text(name), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;
        return new LeadListQuery(
            Status: StageFilter.Parse(Text("status")),
            OfferType: QueryEnum.TryParse<OfferType>(Text("offerType"), out var offer) ? offer : null,
            NextStep: QueryEnum.TryParse<NextStepState>(Text("nextStep"), out var step) ? step : null,
            Q: Text("q"),
            IncludeArchived: bool.TryParse(Text("includeArchived"), out var archived) && archived,
            AccountId: Int("accountId"),
            PackageId: Int("packageId"),
            Owner: Text("owner"),
            Office: Text("office"),
            Manager: Text("manager"),
            Source: Text("source"),
            MinValue: Number("minValue"),
            MaxValue: Number("maxValue"),
            ExpectedCloseFrom: Day("expectedCloseFrom"),
            ExpectedCloseTo: Day("expectedCloseTo"),
            ExpectedClose: QueryEnum.TryParse<ExpectedCloseState>(Text("expectedClose"), out var close) ? close : null);
    }

    /// <summary>The filters and the sort on screen as the address, the API and the export name them (null: left out).</summary>
    public static Dictionary<string, object?> Write(LeadListQuery filters, string? sort) => new()
    {
        ["status"] = filters.Status?.Name,
        ["offerType"] = filters.OfferType is { } o ? QueryEnum.Spell(o) : null,
        ["q"] = string.IsNullOrWhiteSpace(filters.Q) ? null : filters.Q,
        ["accountId"] = filters.AccountId,
        ["packageId"] = filters.PackageId,
        ["nextStep"] = filters.NextStep is { } n ? QueryEnum.Spell(n) : null,
        ["owner"] = filters.Owner,
        ["office"] = filters.Office,
        ["manager"] = filters.Manager,
        ["source"] = filters.Source,
        ["minValue"] = filters.MinValue,
        ["maxValue"] = filters.MaxValue,
        ["expectedCloseFrom"] = filters.ExpectedCloseFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["expectedCloseTo"] = filters.ExpectedCloseTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["expectedClose"] = filters.ExpectedClose is { } c ? QueryEnum.Spell(c) : null,
        ["includeArchived"] = filters.IncludeArchived ? "true" : null,
        ["sort"] = sort,
    };
}
