using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Alerts;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Alerts;

/// <summary>
/// Axiom 1 for alerts: a channel reaches the agency's own people, never a client. Checked when a channel is saved
/// and again before every send (a lead added later with that address must still never receive an alert).
/// </summary>
public static class ClientAddressGuard
{
    /// <summary>Field errors for any recipient or webhook host that belongs to a lead's contact.</summary>
    public static async Task<ValidationErrors> CheckAsync(ConsoleDbContext db, AlertChannelKind kind, IReadOnlyList<string> recipients, string? webhookUrl, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (kind == AlertChannelKind.Email)
        {
            foreach (var address in await ClientAddressesAsync(db, recipients, ct))
            {
                errors.Add("emailTo", $"'{address}' is a lead's contact address: alerts go to the agency's own people, never to a client.");
            }
        }
        else if (Uri.TryCreate(webhookUrl, UriKind.Absolute, out var uri) && await ClientDomainAsync(db, uri.Host, ct) is { } domain)
        {
            errors.Add("webhookUrl", $"'{uri.Host}' belongs to a lead's contact ({domain}): alerts go to the agency's own people, never to a client.");
        }

        return errors;
    }

    public static async Task<IReadOnlyList<string>> ClientAddressesAsync(ConsoleDbContext db, IReadOnlyList<string> recipients, CancellationToken ct)
    {
        var wanted = recipients.Select(r => r.Trim().ToLowerInvariant()).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

#pragma warning disable CA1304, CA1311 // ToLower() runs in the database as LOWER(); the process culture plays no part.
        return await db.Set<Lead>().AsNoTracking()
            .Where(l => l.ContactEmail != null && wanted.Contains(l.ContactEmail.ToLower()))
            .Select(l => l.ContactEmail!.ToLower()).Distinct().ToListAsync(ct);
#pragma warning restore CA1304, CA1311
    }

    /// <summary>The client mail domain the host is (or is under), unless it is a public mail provider.</summary>
    private static async Task<string?> ClientDomainAsync(ConsoleDbContext db, string host, CancellationToken ct)
    {
        foreach (var domain in AlertChannelRules.DomainsOf(host).Where(d => !AlertChannelRules.PublicMailDomains.Contains(d)))
        {
            var suffix = "@" + domain;
#pragma warning disable CA1304, CA1311 // as above: LOWER() in the database
            if (await db.Set<Lead>().AnyAsync(l => l.ContactEmail != null && l.ContactEmail.ToLower().EndsWith(suffix), ct))
#pragma warning restore CA1304, CA1311
            {
                return domain;
            }
        }

        return null;
    }
}
