using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Accounts;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Teams;
using OperatorConsole.Domain.Accounts;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Offers;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Runs;

namespace OperatorConsole.Data.Leads;

/// <summary>Leads, their status history and touches: every write validated, audited where it is a decision.</summary>
public sealed class LeadService(IDbContextFactory<ConsoleDbContext> dbFactory, IngestWriter writer, TimeProvider time)
{
    public async Task<OperationResult<LeadView>> CreateAsync(CreateLeadRequest request, Actor actor, CancellationToken ct = default)
    {
        var errors = LeadRules.ValidateFields(
            request.Title, request.Company, request.ContactName, request.ContactEmail, request.Source, request.EstimatedValue);
        errors.Defined("status", request.Status).Defined("offerType", request.OfferType).MaxLength("externalId", request.ExternalId, 100)
            .MaxLength("owner", request.Owner, LeadRules.TextMax).ExpectedClose(request.ExpectedCloseOn);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<LeadView>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (request.ExternalId is not null && await db.Set<Lead>().AnyAsync(l => l.ExternalId == request.ExternalId, ct))
        {
            return OperationResult<LeadView>.Invalid("externalId", "A lead with this externalId already exists.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (account, accountError) = await ResolveAccountAsync(db, request.AccountId, request.Company, now, ct);
        if (accountError is not null)
        {
            return accountError;
        }

        var status = request.Status ?? LeadStatus.New;
        var lead = new Lead
        {
            Title = request.Title!.Trim(),
            Company = account?.Name ?? Clean(request.Company),
            Account = account,
            Owner = Clean(request.Owner),
            ContactName = Clean(request.ContactName),
            ContactEmail = Clean(request.ContactEmail),
            Source = Clean(request.Source),
            EstimatedValue = request.EstimatedValue,
            ExternalId = Clean(request.ExternalId),
            OfferType = request.OfferType,
            ExpectedCloseOn = request.ExpectedCloseOn,
            Status = status,
            CreatedAt = now,
            UpdatedAt = now,
            StatusChangedAt = now,
        };
        lead.StatusHistory.Add(new LeadStatusChange
        {
            FromStatus = null,
            ToStatus = status,
            ChangedAt = now,
            ActorKind = actor.Kind,
            ActorId = actor.Id,
            ActorName = actor.DisplayName,
            Reason = "Created",
        });
        db.Add(lead);
        await db.SaveWithAuditAsync(() => db.Audit(actor, now, "lead.created", "lead", lead.Id, $"Created lead \"{lead.Title}\"", after: ToView(lead)), ct);
        return OperationResult<LeadView>.Created(ToView(lead));
    }

    public async Task<OperationResult<LeadView>> UpdateAsync(int id, UpdateLeadRequest request, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.Set<Lead>().Include(l => l.Account).FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null)
        {
            return OperationResult<LeadView>.NotFound($"Lead {id} does not exist.");
        }

        var before = ToView(lead);
        var errors = ValidateUpdate(request, lead);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<LeadView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (request.AccountId is not null || request.Company is not null)
        {
            // A new company (or account) moves the deal to that account; the company text follows the account's name.
            var (account, accountError) = await ResolveAccountAsync(db, request.AccountId, request.Company, now, ct);
            if (accountError is not null)
            {
                return accountError;
            }

            lead.Account = account;
            if (account is null)
            {
                lead.AccountId = null;
            }

            lead.Company = account?.Name;
        }

        Apply(lead, request, now);
        var after = ToView(lead);
        db.Audit(actor, now, request.IsArchived == true && !before.IsArchived ? "lead.archived" : "lead.updated",
            "lead", lead.Id, $"Edited lead \"{lead.Title}\"", before: before, after: after);
        await db.SaveChangesAsync(ct);
        return OperationResult<LeadView>.Ok(after);
    }

    /// <summary>An edit is checked as the lead would be after it: a field not sent keeps the lead's value.</summary>
    private static ValidationErrors ValidateUpdate(UpdateLeadRequest request, Lead lead)
    {
        var errors = LeadRules.ValidateFields(
            request.Title ?? lead.Title,
            request.Company,
            request.ContactName,
            request.ContactEmail,
            request.Source,
            request.EstimatedValue);
        errors.Defined("offerType", request.OfferType).MaxLength("owner", request.Owner, LeadRules.TextMax);
        return errors;
    }

    /// <summary>The edit's fields onto the lead: a field not sent (null) is left as it is.</summary>
    private static void Apply(Lead lead, UpdateLeadRequest request, DateTime now)
    {
        if (request.Title is not null)
        {
            lead.Title = request.Title.Trim();
        }

        lead.Owner = request.Owner is null ? lead.Owner : Clean(request.Owner);
        lead.ContactName = request.ContactName is null ? lead.ContactName : Clean(request.ContactName);
        lead.ContactEmail = request.ContactEmail is null ? lead.ContactEmail : Clean(request.ContactEmail);
        lead.Source = request.Source is null ? lead.Source : Clean(request.Source);
        lead.EstimatedValue = request.EstimatedValue ?? lead.EstimatedValue;
        lead.OfferType = request.OfferType ?? lead.OfferType;
        lead.IsArchived = request.IsArchived ?? lead.IsArchived;
        lead.UpdatedAt = now;
    }

    public async Task<OperationResult<LeadView>> ChangeStatusAsync(int id, ChangeLeadStatusRequest request, Actor actor, CancellationToken ct = default)
    {
        if (request.Status is null)
        {
            return OperationResult<LeadView>.Invalid("status", "'status' is required.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.Set<Lead>().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null)
        {
            return OperationResult<LeadView>.NotFound($"Lead {id} does not exist.");
        }

        var errors = LeadRules.ValidateStatusChange(lead.Status, request.Status.Value, request.Reason);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<LeadView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var before = ToView(lead);
        ApplyStatus(db, lead, request.Status.Value, now, actor, request.Reason);
        db.Audit(actor, now, "lead.status_changed", "lead", lead.Id,
            $"{before.Status} → {lead.Status}", request.Reason, new { before.Status }, new { lead.Status });
        await db.SaveChangesAsync(ct);
        return OperationResult<LeadView>.Ok(ToView(lead));
    }

    /// <summary>Moves a lead and keeps the history entry; callers in other features (proposal won…) use it too.</summary>
    public static void ApplyStatus(ConsoleDbContext db, Lead lead, LeadStatus to, DateTime now, Actor actor, string? reason, bool imported = false)
    {
        db.Add(new LeadStatusChange
        {
            LeadId = lead.Id,
            FromStatus = lead.Status,
            ToStatus = to,
            ChangedAt = now,
            ActorKind = actor.Kind,
            ActorId = actor.Id,
            ActorName = actor.DisplayName,
            Reason = reason,
            Imported = imported,
        });
        lead.Status = to;
        lead.StatusChangedAt = now;
        lead.StatusImported = imported;
        lead.UpdatedAt = now;
    }

    public async Task<LeadView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Lead>().AsNoTracking().Where(l => l.Id == id).Select(Projection).FirstOrDefaultAsync(ct);
    }

    public async Task<PagedList<LeadView>> ListAsync(LeadListQuery query, CancellationToken ct = default)
    {
        var paging = PageRequest.From(query.Page, query.PageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var teamOwners = await TeamOwners.OfAsync(db, query, ct);
        var leads = Filter(db.Set<Lead>().AsNoTracking(), db.Set<Proposal>(), query, time.GetUtcNow().UtcDateTime, teamOwners);
        var total = await leads.CountAsync(ct);
        var items = await Sort(leads, db.Set<Proposal>(), query.Sort).Skip(paging.Skip).Take(paging.PageSize).Select(Projection).ToListAsync(ct);
        return new PagedList<LeadView>(await WithWonValuesAsync(db, items, ct), total, paging.Page, paging.PageSize);
    }

    /// <summary>
    /// The filtered deals added up in one statement, whatever page is on screen. Summed as doubles (SQLite keeps decimals
    /// as text and sums none) and rounded to the cent: a total read in whole units loses nothing there.
    /// </summary>
    public async Task<LeadListSummary> SummaryAsync(LeadListQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var teamOwners = await TeamOwners.OfAsync(db, query, ct);
        var leads = Filter(db.Set<Lead>().AsNoTracking(), db.Set<Proposal>(), query, time.GetUtcNow().UtcDateTime, teamOwners);
        var totals = await WithWonValue(leads, db.Set<Proposal>()).GroupBy(_ => 1).Select(g => new
        {
            Deals = g.Count(),
            Estimated = g.Count(w => w.Lead.EstimatedValue != null),
            EstimatedValue = g.Sum(w => (double?)w.Lead.EstimatedValue),
            Won = g.Count(w => w.WonValue != null),
            WonValue = g.Sum(w => (double?)w.WonValue),
        }).FirstOrDefaultAsync(ct);
        return totals is null
            ? new LeadListSummary(0, 0, 0m, 0, 0m)
            : new LeadListSummary(totals.Deals, totals.Estimated, Cents(totals.EstimatedValue), totals.Won, Cents(totals.WonValue));
    }

    private static decimal Cents(double? sum) => Math.Round((decimal)(sum ?? 0d), 2);

    /// <summary>
    /// The amount each won deal on the page was won for, by the rule every won figure uses (its won proposals' values,
    /// else its estimate: <see cref="OfferPerformance.Classify"/>). A list showed the estimate only, so an imported
    /// GTX Pro won at 5,168 read 4,821, and a page of won deals did not add up to the won total beside it.
    /// </summary>
    private static async Task<IReadOnlyList<LeadView>> WithWonValuesAsync(ConsoleDbContext db, List<LeadView> items, CancellationToken ct)
    {
        var ids = items.Select(l => l.Id).ToList();
        var proposals = (await db.Set<Proposal>().AsNoTracking().Where(p => ids.Contains(p.LeadId) && p.Outcome != null)
            .Select(p => new { p.LeadId, p.Outcome, p.OutcomeValue, p.Amount }).ToListAsync(ct)).ToLookup(p => p.LeadId);
        return items.Select(l =>
        {
            var (won, _, value) = OfferPerformance.Classify(new OfferDealFact(l.Id, l.OfferType, l.Status, l.EstimatedValue,
                proposals[l.Id].Select(p => (p.Outcome, p.OutcomeValue, p.Amount)).ToList()));
            return won ? l with { WonValue = value } : l;
        }).ToList();
    }

    /// <summary>
    /// The list filters (status, offerType, account, package, next step, owner, office, manager, source, value range,
    /// q, includeArchived); the CSV export applies exactly the same ones. The proposals: a deal is sold on a package
    /// through one of them too. <paramref name="now"/>: when a planned next step becomes overdue.
    /// <paramref name="teamOwners"/>: the owners of the office or manager's team the query names, as the deals spell
    /// them (<see cref="TeamOwners.OfAsync"/>); null when it names neither.
    /// </summary>
    public static IQueryable<Lead> Filter(IQueryable<Lead> leads, IQueryable<Proposal> proposals, LeadListQuery query, DateTime now, IReadOnlyList<string>? teamOwners = null)
    {
        if (!query.IncludeArchived)
        {
            leads = leads.Where(l => !l.IsArchived);
        }

        if (query.Status is { IsGroup: false } stage)
        {
            var status = stage.Stages[0];
            leads = leads.Where(l => l.Status == status);
        }
        else if (query.Status is { } group)
        {
            var stages = group.Stages.ToArray();
            leads = leads.Where(l => stages.Contains(l.Status));
        }

        if (query.OfferType is { } offer)
        {
            leads = leads.Where(l => l.OfferType == offer);
        }

        if (query.AccountId is { } accountId)
        {
            leads = leads.Where(l => l.AccountId == accountId);
        }

        // The deals sold on a package, as its track record counts them (linked directly or through a proposal).
        if (query.PackageId is { } packageId)
        {
            leads = Packages.PackageLeads.SoldOn(leads, proposals, packageId);
        }

        if (query.NextStep is { } step)
        {
            leads = WithNextStep(leads, step, now);
        }

        // One owner's deals: the name exactly as the deals carry it (the list offers the names that exist).
        if (!string.IsNullOrWhiteSpace(query.Owner))
        {
            var owner = query.Owner.Trim();
            leads = leads.Where(l => l.Owner == owner);
        }

        if (teamOwners is not null)
        {
            leads = leads.Where(l => teamOwners.Contains(l.Owner!));
        }

        // Where the lead came from ("referral", "linkedin"), exactly as the leads carry it, as the owner filter reads it.
        if (!string.IsNullOrWhiteSpace(query.Source))
        {
            var source = query.Source.Trim();
            leads = leads.Where(l => l.Source == source);
        }

        // A deal's estimate within the bounds, both inclusive; a deal without an estimate is in no range. Compared as a
        // double: SQLite keeps decimals as text, and text compares "550" above "10000".
        if (query.MinValue is { } min)
        {
            leads = leads.Where(l => l.EstimatedValue != null && (double)l.EstimatedValue >= (double)min);
        }

        if (query.MaxValue is { } max)
        {
            leads = leads.Where(l => l.EstimatedValue != null && (double)l.EstimatedValue <= (double)max);
        }

        // The deals expected to close within the days, both inclusive; a deal without an expected close day is in none.
        if (query.ExpectedCloseFrom is { } from)
        {
            leads = leads.Where(l => l.ExpectedCloseOn != null && l.ExpectedCloseOn >= from);
        }

        if (query.ExpectedCloseTo is { } to)
        {
            leads = leads.Where(l => l.ExpectedCloseOn != null && l.ExpectedCloseOn <= to);
        }

        if (query.ExpectedClose is { } close)
        {
            leads = WithExpectedClose(leads, close, DateOnly.FromDateTime(now));
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = LikePattern.Contains(query.Q);
            leads = leads.Where(l =>
                EF.Functions.Like(l.Title, pattern, LikePattern.Escape)
                || EF.Functions.Like(l.Company!, pattern, LikePattern.Escape)
                || EF.Functions.Like(l.ContactName!, pattern, LikePattern.Escape)
                || EF.Functions.Like(l.ContactEmail!, pattern, LikePattern.Escape)
                || EF.Functions.Like(l.Owner!, pattern, LikePattern.Escape));
        }

        return leads;
    }

    /// <summary>
    /// Which of the optional fields any deal fills. The list shows a column (and the owner filter) only once some deal
    /// has a value in it: an imported CRM has owners but no offer types or agent runs, a new agency the reverse, and
    /// a column of dashes on every row says nothing.
    /// </summary>
    /// <summary>
    /// The open deals whose next step is in that state (<see cref="NextStepRules.State"/>): none planned (Pipedrive's
    /// "no activity scheduled"), planned, or overdue at <paramref name="now"/>. A won or lost deal has no next step to
    /// plan, so it is in none of them.
    /// </summary>
    private static IQueryable<Lead> WithNextStep(IQueryable<Lead> leads, NextStepState state, DateTime now)
    {
        var open = leads.OpenDeals();
        return state switch
        {
            NextStepState.None => open.Where(l => l.NextStepDueAt == null || l.NextStepDoneAt != null),
            NextStepState.Planned => open.Where(l => l.NextStepDueAt != null && l.NextStepDoneAt == null && l.NextStepDueAt >= now),
            _ => open.Where(l => l.NextStepDueAt != null && l.NextStepDoneAt == null && l.NextStepDueAt < now),
        };
    }

    /// <summary>
    /// The open deals whose expected close date is unset, today or later, or past at <paramref name="today"/>: the list
    /// behind the Command Center's "no date set", where the dates are missing. A won or lost deal is in none, as for a
    /// next step.
    /// </summary>
    private static IQueryable<Lead> WithExpectedClose(IQueryable<Lead> leads, ExpectedCloseState state, DateOnly today)
    {
        var open = leads.OpenDeals();
        return state switch
        {
            ExpectedCloseState.None => open.Where(l => l.ExpectedCloseOn == null),
            ExpectedCloseState.Ahead => open.Where(l => l.ExpectedCloseOn != null && l.ExpectedCloseOn >= today),
            _ => open.Where(l => l.ExpectedCloseOn != null && l.ExpectedCloseOn < today),
        };
    }

    public async Task<LeadFieldsInUse> FieldsInUseAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var leads = db.Set<Lead>();
        // One round trip: five EXISTS in one SELECT (no row at all: no deal, so no field is in use).
        return await leads.Take(1).Select(_ => new LeadFieldsInUse(
                leads.Any(l => l.Owner != null), leads.Any(l => l.OfferType != null), leads.Any(l => l.LastRunStatus != null), leads.Any(l => l.NextStepDueAt != null),
                leads.Any(l => l.ExpectedCloseOn != null)))
            .FirstOrDefaultAsync(ct) ?? new LeadFieldsInUse(false, false, false);
    }

    /// <summary>The deal owners on record whose name contains <paramref name="text"/>, by name (the owner filter's choices).</summary>
    public Task<IReadOnlyList<string>> OwnersAsync(string? text, int take = 20, CancellationToken ct = default) => DistinctAsync(l => l.Owner, text, take, ct);

    /// <summary>The sources the leads carry ("referral", "maven-crm"), for the list's source filter.</summary>
    public Task<IReadOnlyList<string>> SourcesAsync(string? text, int take = 20, CancellationToken ct = default) => DistinctAsync(l => l.Source, text, take, ct);

    private async Task<IReadOnlyList<string>> DistinctAsync(System.Linq.Expressions.Expression<Func<Lead, string?>> field, string? text, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var values = db.Set<Lead>().AsNoTracking().Select(field).Where(v => v != null);
        if (!string.IsNullOrWhiteSpace(text))
        {
            values = values.Where(v => EF.Functions.Like(v!, LikePattern.Contains(text), LikePattern.Escape));
        }

        return await values.Select(v => v!).Distinct().OrderBy(v => v).Take(Math.Clamp(take, 1, 100)).ToListAsync(ct);
    }

    public static readonly IReadOnlyList<string> SortKeys =
        ["createdAt", "-createdAt", "title", "-title", "lastContactAt", "-lastContactAt", "estimatedValue", "-estimatedValue", "wonValue", "-wonValue", "status", "-status",
         "expectedCloseOn", "-expectedCloseOn"];

    /// <summary>
    /// The list's order for a sort key (newest first without one); the CSV export uses it when asked for a sort. Leads
    /// without a creation date go last either way, as empty values do in a CRM's list: their date is a stand-in. By won
    /// value, the deals not won go last either way too: "the largest wins first" is about wins. So do the deals without
    /// an expected close day by that day: "what closes soonest" is about the deals that have one.
    /// </summary>
    public static IQueryable<Lead> Sort(IQueryable<Lead> leads, IQueryable<Proposal> proposals, string? sort) => sort switch
    {
        "wonValue" => WithWonValue(leads, proposals).OrderBy(w => w.WonValue == null).ThenBy(w => (double?)w.WonValue).ThenBy(w => w.Lead.Id).Select(w => w.Lead),
        "-wonValue" => WithWonValue(leads, proposals).OrderBy(w => w.WonValue == null).ThenByDescending(w => (double?)w.WonValue).ThenByDescending(w => w.Lead.Id).Select(w => w.Lead),
        "expectedCloseOn" => leads.OrderBy(l => l.ExpectedCloseOn == null).ThenBy(l => l.ExpectedCloseOn).ThenBy(l => l.Id),
        "-expectedCloseOn" => leads.OrderBy(l => l.ExpectedCloseOn == null).ThenByDescending(l => l.ExpectedCloseOn).ThenByDescending(l => l.Id),
        "createdAt" => leads.OrderBy(l => l.CreatedAtEstimated).ThenBy(l => l.CreatedAt).ThenBy(l => l.Id),
        "title" => leads.OrderBy(l => l.Title).ThenBy(l => l.Id),
        "-title" => leads.OrderByDescending(l => l.Title).ThenByDescending(l => l.Id),
        "lastContactAt" => leads.OrderBy(l => l.LastContactAt).ThenBy(l => l.Id),
        "-lastContactAt" => leads.OrderByDescending(l => l.LastContactAt).ThenByDescending(l => l.Id),
        "estimatedValue" => leads.OrderBy(l => (double?)l.EstimatedValue).ThenBy(l => l.Id),
        "-estimatedValue" => leads.OrderByDescending(l => (double?)l.EstimatedValue).ThenByDescending(l => l.Id),
        "status" => leads.OrderBy(l => l.Status).ThenBy(l => l.Id),
        "-status" => leads.OrderByDescending(l => l.Status).ThenByDescending(l => l.Id),
        _ => leads.OrderBy(l => l.CreatedAtEstimated).ThenByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id),
    };

    /// <summary>
    /// The won rule of <see cref="OfferPerformance.Classify"/> written for SQL, so a list can be sorted by what its deals
    /// were won for and the export can carry it: a deal is won when one of its proposals is won or its stage is a
    /// client's, for its won proposals' values (the outcome's value, else the amount), else its estimate; a deal not
    /// won has none. The lists show the rule's own figure; WonValueSortAndExportTests holds the two equal on every case.
    /// </summary>
    public static IQueryable<LeadWithWonValue> WithWonValue(IQueryable<Lead> leads, IQueryable<Proposal> proposals)
    {
        // The won proposals summed once per deal and joined, not looked up per deal: SQLite answered the correlated
        // form through the outcome index, a scan of every won proposal for each deal (25 s on 8,800 deals).
        var wonProposals = proposals.Where(p => p.Outcome == ProposalOutcome.Won).GroupBy(p => p.LeadId)
            .Select(g => new { LeadId = g.Key, Value = (decimal?)g.Sum(p => p.OutcomeValue ?? p.Amount ?? 0m) });
        return from l in leads
               join w in wonProposals on l.Id equals w.LeadId into won
               from w in won.DefaultIfEmpty()
               let sum = w.Value
               select new LeadWithWonValue
               {
                   Lead = l,
                   WonValue = sum != null ? (sum > 0m ? sum : l.EstimatedValue ?? 0m)
                       : l.Status == LeadStatus.Approved || l.Status == LeadStatus.Building || l.Status == LeadStatus.Shipped ? l.EstimatedValue ?? 0m
                       : null,
               };
    }

    public async Task<IReadOnlyList<StatusChangeView>> HistoryAsync(int leadId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<LeadStatusChange>().AsNoTracking()
            .Where(h => h.LeadId == leadId)
            .OrderByDescending(h => h.ChangedAt).ThenByDescending(h => h.Id)
            .Select(h => new StatusChangeView(h.Id, h.FromStatus, h.ToStatus, h.ChangedAt, h.ActorName, h.ActorKind.ToString(), h.Reason))
            .ToListAsync(ct);
    }

    public async Task<OperationResult<TouchView>> RecordTouchAsync(int leadId, RecordTouchRequest request, Actor actor, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var occurredAt = request.OccurredAt?.ToUniversalTime() ?? now;
        var errors = ValidateTouch(request, occurredAt, now);

        // One item of an ingest batch: the lead is read inside the batch's transaction, so two touches arriving
        // at once cannot overwrite each other's last contact.
        return await writer.WriteAsync(async (db, token) =>
        {
            // Find: a lead an earlier item of the same batch changed is the tracked (not yet saved) one.
            var lead = await db.Set<Lead>().FindAsync([leadId], token);
            if (lead is null)
            {
                return IngestStep.Answer(OperationResult<TouchView>.NotFound($"Lead {leadId} does not exist."));
            }

            if (!errors.IsEmpty)
            {
                return IngestStep.Answer(errors.ToResult<TouchView>());
            }

            var touch = NewTouch(lead, request, occurredAt, now, actor);
            db.Add(touch);
            return IngestStep.AfterSave(() => OperationResult<TouchView>.Created(ToView(touch)));
        }, new IngestReads(LeadId: leadId), ct);
    }

    private static ValidationErrors ValidateTouch(RecordTouchRequest request, DateTime occurredAt, DateTime now)
    {
        var errors = new ValidationErrors();
        if (request.Channel is null)
        {
            errors.Add("channel", "'channel' is required: email, call, meeting, message, linkedin or other.");
        }

        if (request.Direction is null)
        {
            errors.Add("direction", "'direction' is required: inbound or outbound.");
        }

        errors.Defined("channel", request.Channel).Defined("direction", request.Direction).MaxLength("summary", request.Summary, LeadRules.SummaryMax);
        if (occurredAt > now.AddMinutes(5))
        {
            errors.Add("occurredAt", "'occurredAt' cannot be in the future.");
        }

        if (occurredAt < new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc))
        {
            errors.Add("occurredAt", "'occurredAt' is before 2000; send the real time of the contact.");
        }

        return errors;
    }

    /// <summary>The touch, with the lead's last contact moved forward to it (never back: touches may arrive late).</summary>
    private static Touch NewTouch(Lead lead, RecordTouchRequest request, DateTime occurredAt, DateTime now, Actor actor)
    {
        if (lead.LastContactAt is null || occurredAt > lead.LastContactAt)
        {
            lead.LastContactAt = occurredAt;
        }

        lead.UpdatedAt = now;
        return new Touch
        {
            LeadId = lead.Id,
            Channel = request.Channel!.Value,
            Direction = request.Direction!.Value,
            Summary = Clean(request.Summary),
            OccurredAt = occurredAt,
            RecordedAt = now,
            ActorKind = actor.Kind,
            ActorId = actor.Id,
            ActorName = actor.DisplayName,
        };
    }

    public async Task<IReadOnlyList<TouchView>> TouchesAsync(int leadId, int take = 200, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Touch>().AsNoTracking()
            .Where(t => t.LeadId == leadId)
            .OrderByDescending(t => t.OccurredAt).ThenByDescending(t => t.Id)
            .Take(take)
            .Select(t => new TouchView(t.Id, t.LeadId, t.Channel, t.Direction, t.Summary, t.OccurredAt, t.RecordedAt, t.ActorName))
            .ToListAsync(ct);
    }

    /// <summary>Touches, runs, status changes and proposals of one lead, newest first.</summary>
    public async Task<IReadOnlyList<TimelineItem>> TimelineAsync(int leadId, int take = 200, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var touches = await db.Set<Touch>().AsNoTracking().Where(t => t.LeadId == leadId)
            .OrderByDescending(t => t.OccurredAt).Take(take)
            .Select(t => new TimelineItem(t.OccurredAt, "touch", t.Channel + " " + t.Direction, t.Summary, null, null))
            .ToListAsync(ct);
        var runs = await db.Set<PipelineRun>().AsNoTracking().Where(r => r.LeadId == leadId)
            .OrderByDescending(r => r.StartedAt).Take(take)
            .Select(r => new { r.Id, r.Kind, r.StartedAt, r.Status, r.Error })
            .ToListAsync(ct);
        var changes = await db.Set<LeadStatusChange>().AsNoTracking().Where(h => h.LeadId == leadId)
            .OrderByDescending(h => h.ChangedAt).Take(take)
            .Select(h => new { h.ChangedAt, h.FromStatus, h.ToStatus, h.ActorName, h.Reason })
            .ToListAsync(ct);
        var undated = await db.Set<Lead>().Where(l => l.Id == leadId).Select(l => l.CreatedAtEstimated).FirstOrDefaultAsync(ct);
        var proposals = await db.Set<Proposal>().AsNoTracking().Where(p => p.LeadId == leadId)
            .Select(p => new ProposalMilestones(p.Id, p.Title, p.CreatedAt, p.SentAt, p.Outcome, p.OutcomeAt, p.Status))
            .ToListAsync(ct);
        var steps = await db.Set<ProposalStatusChange>().AsNoTracking().Where(c => c.LeadId == leadId)
            .OrderByDescending(c => c.ChangedAt).Take(take)
            .Select(c => new ProposalStep(c.ProposalId, c.Step, c.ChangedAt, c.ToStatus, c.VersionNumber, c.ActorName, c.Reason))
            .ToListAsync(ct);

        var items = new List<TimelineItem>(touches);
        items.AddRange(runs.Select(r => new TimelineItem(
            r.StartedAt, "run", $"{r.Kind} run", r.Error, $"/runs/{r.Id}", r.Status.ToString().ToLowerInvariant())));
        items.AddRange(changes.Select(c => new TimelineItem(
            c.ChangedAt,
            "status",
            c.FromStatus is null
                ? undated ? $"Created in {c.ToStatus}, date unknown: the import had none and placed it at the file's as-of date" : $"Created in {c.ToStatus}"
                : $"{c.FromStatus} → {c.ToStatus}",
            c.Reason is null ? $"by {c.ActorName}" : $"by {c.ActorName}: {c.Reason}",
            null,
            null,
            Undated: undated && c.FromStatus is null)));
        items.AddRange(ProposalItems(leadId, proposals, steps));
        return items.OrderByDescending(i => i.At).Take(take).ToList();
    }

    private sealed record ProposalMilestones(int Id, string Title, DateTime CreatedAt, DateTime? SentAt, ProposalOutcome? Outcome, DateTime? OutcomeAt, ProposalStatus Status);

    private sealed record ProposalStep(int ProposalId, string Step, DateTime ChangedAt, ProposalStatus ToStatus, int? VersionNumber, string ActorName, string? Reason);

    /// <summary>A lead's proposals on its timeline: every recorded step, and the milestones of a proposal recorded before steps were.</summary>
    private static IEnumerable<TimelineItem> ProposalItems(int leadId, IReadOnlyList<ProposalMilestones> proposals, IReadOnlyList<ProposalStep> steps)
    {
        var titles = proposals.ToDictionary(p => p.Id, p => p.Title);
        foreach (var c in steps)
        {
            yield return new TimelineItem(
                c.ChangedAt,
                "proposal",
                $"Proposal {ProposalStepLabel(c.Step)}: {titles.GetValueOrDefault(c.ProposalId, "#" + c.ProposalId)}"
                    + (c.VersionNumber is { } v ? $" (v{v})" : ""),
                c.Reason is null ? $"by {c.ActorName}" : $"by {c.ActorName}: {c.Reason}",
                $"/leads/{leadId}#proposal-{c.ProposalId}",
                c.ToStatus.ToString());
        }

        // Proposals recorded before step history existed still show their milestones.
        var withSteps = steps.Select(s => s.ProposalId).ToHashSet();
        foreach (var p in proposals.Where(p => !withSteps.Contains(p.Id)))
        {
            yield return new TimelineItem(p.CreatedAt, "proposal", $"Proposal drafted: {p.Title}", null, null, p.Status.ToString());
            if (p.SentAt is { } sent)
            {
                yield return new TimelineItem(sent, "proposal", $"Proposal sent: {p.Title}", null, null, "sent");
            }

            if (p.OutcomeAt is { } outcomeAt)
            {
                yield return new TimelineItem(outcomeAt, "proposal", $"Proposal {p.Outcome}: {p.Title}", null, null, p.Outcome?.ToString());
            }
        }
    }

    private static string ProposalStepLabel(string step) => step switch
    {
        "send_requested" => "send requested",
        "send_approved" => "send approved",
        "send_rejected" => "send rejected",
        "outcome_won" => "won",
        "outcome_lost" => "lost",
        "outcome_no_response" => "closed without response",
        _ => step.Replace('_', ' '),
    };

    internal static readonly System.Linq.Expressions.Expression<Func<Lead, LeadView>> Projection = l => new LeadView(
        l.Id, l.Title, l.Company, l.ContactName, l.ContactEmail, l.Source, l.EstimatedValue, l.ExternalId, l.Status, l.OfferType,
        l.IsArchived, l.CreatedAt, l.UpdatedAt, l.StatusChangedAt, l.LastContactAt, l.LastRunStatus, l.LastRunId, l.LastRunStartedAt,
        l.NextStep, l.NextStepDueAt, l.NextStepDoneAt, l.AccountId, l.Account != null ? l.Account.Name : null, l.Owner,
        l.CreatedAtEstimated, null, l.ExpectedCloseOn);

    private static readonly Func<Lead, LeadView> ToViewCompiled = Projection.Compile();

    public static LeadView ToView(Lead lead) => ToViewCompiled(lead);

    private static TouchView ToView(Touch t) =>
        new(t.Id, t.LeadId, t.Channel, t.Direction, t.Summary, t.OccurredAt, t.RecordedAt, t.ActorName);

    /// <summary>
    /// The account a create or edit names: <paramref name="accountId"/> must exist (and agree with the company text
    /// when both are sent); a company alone is matched by name key or becomes a new account; a blank company, none.
    /// </summary>
    private static async Task<(Account? Account, OperationResult<LeadView>? Error)> ResolveAccountAsync(
        ConsoleDbContext db, int? accountId, string? company, DateTime now, CancellationToken ct)
    {
        if (accountId is { } id)
        {
            var account = await db.Set<Account>().FirstOrDefaultAsync(a => a.Id == id, ct);
            if (account is null)
            {
                return (null, OperationResult<LeadView>.Invalid("accountId", $"Account {id} does not exist."));
            }

            if (AccountRules.NameKey(company) is { } key && key != account.NameKey)
            {
                return (null, OperationResult<LeadView>.Invalid("company", $"'company' names another company than account {id} ({account.Name}); send one of them."));
            }

            return (account, null);
        }

        return (await AccountLinks.ForCompanyAsync(db, company, now, ct), null);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
