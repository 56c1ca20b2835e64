using OperatorConsole.Data.Brief;
using OperatorConsole.Web.Features.Clock;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Web.Features.Brief;

/// <summary>
/// Today's brief as one shared live answer made of its lines: each line (<see cref="BriefPart"/>) is a child query
/// invalidated only by its own topics, so a change re-reads the lines it touched and reuses the others (a failed run
/// re-reads the two run lines; the touches of the day are not counted again).
/// </summary>
public static class BriefQuery
{
    public static ClockedQuery<TodaysBriefReport> For(BriefService brief)
    {
        var lines = brief.Parts
            .Select(part => new ClockedQuery<BriefLine>($"brief.line.{part.Key}", part.Topics, (_, at, ct) => BriefService.ReadAsync(part, at, ct)))
            .ToList();
        return new ClockedQuery<TodaysBriefReport>("brief.today", brief.Topics, async (services, at, ct) =>
        {
            var queries = services.GetRequiredService<LiveQueries>();
            var read = new List<BriefLine>(lines.Count);
            foreach (var line in lines)
            {
                read.Add((await queries.GetAsync(line.For(at.Mode), ct)).Value);
            }

            return BriefService.Assemble(at, read);
        });
    }
}
