using OperatorConsole.Data.Brief;
using OperatorConsole.Web.Features.Clock;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Web.Features.Brief;

/// <summary>
/// Today's brief as one shared live answer made of its lines: each line (<see cref="BriefPart"/>) is a child query
/// invalidated only by its own topics, so a change re-reads the lines it touched and reuses the others (a failed run
/// re-reads the two run lines; the touches of the day are not counted again). One per app, next to the service whose
/// lines (with those of registered sources) it declares.
/// </summary>
public sealed class BriefQuery
{
    public BriefQuery(BriefService brief)
    {
        var lines = brief.Parts
            .Select(part => new ClockedQuery<BriefLine>($"brief.line.{part.Key}", part.Topics, (_, at, ct) => BriefService.ReadAsync(part, at, ct)))
            .ToList();
        Query = new ClockedQuery<TodaysBriefReport>("brief.today", brief.Topics, async (services, at, ct) =>
        {
            var read = await services.GetRequiredService<LiveQueries>().GetAllAsync(lines.Select(line => line.For(at.Mode)).ToList(), ct);
            return BriefService.Assemble(at, read);
        });
    }

    public ClockedQuery<TodaysBriefReport> Query { get; }
}
