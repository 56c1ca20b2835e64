using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Leads;

/// <summary>The stage history that flow and time-in-stage figures may count.</summary>
public static class DatedStatusChanges
{
    /// <summary>
    /// Every status change whose date is a fact. A lead whose source gave no creation date was created at the import
    /// file's "as of" (<see cref="Lead.CreatedAtEstimated"/>): its first entry is a stand-in, and counting it put the
    /// Maven sample's 500 Prospecting rows into "entered New this period" (0 → 500) on the day the file ends.
    /// Its later moves are dated and count.
    /// </summary>
    public static IQueryable<LeadStatusChange> Dated(this ConsoleDbContext db) =>
        db.Set<LeadStatusChange>().Where(c => c.FromStatus != null || !db.Set<Lead>().Any(l => l.Id == c.LeadId && l.CreatedAtEstimated));
}
