using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Api;

namespace OperatorConsole.Web.Features.Leads;

/// <summary>
/// The Leads list's filters as the API reads them from the query string (<c>[AsParameters]</c>): GET /api/leads, its
/// summary and the CSV export declare them here once, so a filter added to the list is added to all three, under the
/// same name (each endpoint still rejects a name it does not read: <see cref="Api.Contract.QueryRules"/>).
/// </summary>
public sealed record LeadListFilters(
    [FromQuery(Name = "status")] string? Status = null,
    [FromQuery(Name = "offerType")] string? OfferType = null,
    [FromQuery(Name = "q")] string? Q = null,
    [FromQuery(Name = "accountId")] int? AccountId = null,
    [FromQuery(Name = "packageId")] int? PackageId = null,
    [FromQuery(Name = "nextStep")] string? NextStep = null,
    [FromQuery(Name = "owner")] string? Owner = null,
    [FromQuery(Name = "office")] string? Office = null,
    [FromQuery(Name = "manager")] string? Manager = null,
    [FromQuery(Name = "source")] string? Source = null,
    [FromQuery(Name = "minValue")] decimal? MinValue = null,
    [FromQuery(Name = "maxValue")] decimal? MaxValue = null,
    [FromQuery(Name = "expectedCloseFrom")] DateOnly? ExpectedCloseFrom = null,
    [FromQuery(Name = "expectedCloseTo")] DateOnly? ExpectedCloseTo = null,
    [FromQuery(Name = "expectedClose")] string? ExpectedClose = null,
    [FromQuery(Name = "includeArchived")] bool? IncludeArchived = null)
{
    /// <summary>The filters as the services read them; a value that does not parse is left out and named in <paramref name="errors"/>.</summary>
    public LeadListQuery Parse(QueryEnum.Errors errors)
    {
        var status = errors.Stage("status", Status);
        var offerType = errors.Parse<OfferType>("offerType", OfferType);
        var nextStep = errors.Parse<NextStepState>("nextStep", NextStep);
        var expectedClose = errors.Parse<ExpectedCloseState>("expectedClose", ExpectedClose);
        errors.Range("minValue", MinValue, "maxValue", MaxValue);
        errors.Range("expectedCloseFrom", ExpectedCloseFrom, "expectedCloseTo", ExpectedCloseTo);
        return new LeadListQuery(status, offerType, Q, IncludeArchived ?? false, AccountId: AccountId, Owner: Owner, Source: Source,
            MinValue: MinValue, MaxValue: MaxValue, PackageId: PackageId, NextStep: nextStep, Office: Office, Manager: Manager,
            ExpectedCloseFrom: ExpectedCloseFrom, ExpectedCloseTo: ExpectedCloseTo, ExpectedClose: expectedClose);
    }
}
