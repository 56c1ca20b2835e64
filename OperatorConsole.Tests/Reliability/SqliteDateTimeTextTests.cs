using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Tests.Reliability;

/// <summary>
/// SQLite's DateTime columns are read by <see cref="SqliteUtcDateTimeText"/> instead of Microsoft.Data.Sqlite's general
/// parser (ADR 203). Every stored text must read as the old path read it, marked UTC, and every write must be the text
/// the old path wrote, or comparisons in SQL would order times wrongly.
/// </summary>
public sealed class SqliteDateTimeTextTests : IDisposable
{
    private readonly TempSqliteFile _file = new("oc-dates");

    private SqliteConsoleDbContext Open() => _file.Open();

    /// <summary>What the console read before: <c>SqliteDataReader.GetDateTime</c> on the text, then marked UTC.</summary>
    private static DateTime OldRead(string text) => DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture), DateTimeKind.Utc);

    [Fact]
    public void CanonicalText_ReadsAsTheGeneralParserReadsIt_AndRoundTrips()
    {
        var random = new Random(20261203);
        for (var i = 0; i < 20_000; i++)
        {
            var ticks = random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
            // Whole seconds, milliseconds and full tick precision: the text then has 0, 3 or 1–7 fraction digits.
            var value = new DateTime(i % 3 == 0 ? ticks - (ticks % TimeSpan.TicksPerSecond) : i % 3 == 1 ? ticks - (ticks % TimeSpan.TicksPerMillisecond) : ticks, DateTimeKind.Utc);
            var text = SqliteUtcDateTimeText.Write(value);

            text.Should().Be(value.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture), "the text Microsoft.Data.Sqlite binds");
            SqliteUtcDateTimeText.TryReadCanonical(text, out _).Should().BeTrue(text);
            var read = SqliteUtcDateTimeText.Read(text);
            read.Should().Be(value);
            read.Kind.Should().Be(DateTimeKind.Utc);
            read.Should().Be(OldRead(text));
        }
    }

    [Theory]
    [InlineData("2026-11-21 10:00:30")]
    [InlineData("2026-11-21 10:00:30.5")]
    [InlineData("2026-11-21 10:00:30.1234567")]
    [InlineData("2024-02-29 23:59:59.9999999")]
    [InlineData("2026-11-21T10:00:30")]
    [InlineData("2026-11-21T10:00:30.120")]
    [InlineData("2026-11-21")]
    [InlineData("2026-11-21 10:00")]
    [InlineData("2026-11-21 10:00:30.")]
    [InlineData("2026-11-21 10:00:30.12345678")]
    [InlineData(" 2026-11-21 10:00:30")]
    [InlineData("11/21/2026 10:00:30")]
    public void AnyTextTheOldPathRead_ReadsTheSame(string text)
    {
        var read = SqliteUtcDateTimeText.Read(text);
        read.Should().Be(OldRead(text));
        read.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Theory]
    [InlineData("2026-02-29 10:00:00")]
    [InlineData("2026-13-01 10:00:00")]
    [InlineData("2026-11-21 24:00:00")]
    [InlineData("2026-11-21 10:60:00")]
    [InlineData("not a time")]
    public void TextThatIsNoTime_FailsAsItDidBefore(string text)
    {
        FluentActions.Invoking(() => OldRead(text)).Should().Throw<FormatException>();
        FluentActions.Invoking(() => SqliteUtcDateTimeText.Read(text)).Should().Throw<FormatException>()
            .Which.Message.Should().Contain(text);
    }

    [Fact]
    public async Task ThroughEf_WritesTheSameText_ComparesInSql_AndReadsHandWrittenRowsAsUtc()
    {
        var created = new DateTime(2026, 11, 21, 10, 0, 30, 120, DateTimeKind.Utc);
        await using (var db = Open())
        {
            await db.Database.MigrateAsync();
            db.Add(new Lead { Title = "Written by EF", CreatedAt = created, UpdatedAt = created, StatusChangedAt = created.ToLocalTime(), LastContactAt = null });
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "Lead" ("Title", "Status", "IsArchived", "CreatedAt", "UpdatedAt", "StatusChangedAt", "LastContactAt")
                VALUES ('Written by hand', 'New', 0, CURRENT_TIMESTAMP, '2026-11-22T08:00:00', '2026-11-22', '2026-11-22 08:00:00.5');
                """);
        }

        await using var read = Open();
        var texts = await read.Database.SqlQueryRaw<string>("""SELECT "CreatedAt" || '|' || "StatusChangedAt" AS "Value" FROM "Lead" WHERE "Id" = 1""").SingleAsync();
        texts.Should().Be("2026-11-21 10:00:30.12|2026-11-21 10:00:30.12", "a local time is stored as its UTC, in the canonical text");

        var byEf = await read.Set<Lead>().AsNoTracking().SingleAsync(l => l.CreatedAt < created.AddMilliseconds(1) && l.CreatedAt > created.AddMilliseconds(-1));
        byEf.Title.Should().Be("Written by EF");
        byEf.CreatedAt.Should().Be(created);
        byEf.CreatedAt.Kind.Should().Be(DateTimeKind.Utc);
        byEf.LastContactAt.Should().BeNull();

        var byHand = await read.Set<Lead>().AsNoTracking().SingleAsync(l => l.Title == "Written by hand");
        byHand.CreatedAt.Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(1), "CURRENT_TIMESTAMP is UTC");
        byHand.UpdatedAt.Should().Be(new DateTime(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc));
        byHand.StatusChangedAt.Should().Be(new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc));
        byHand.LastContactAt.Should().Be(new DateTime(2026, 11, 22, 8, 0, 0, 500, DateTimeKind.Utc));
        byHand.LastContactAt!.Value.Kind.Should().Be(DateTimeKind.Utc);

        (await read.Set<Lead>().MaxAsync(l => l.LastContactAt)).Should().Be(new DateTime(2026, 11, 22, 8, 0, 0, 500, DateTimeKind.Utc));
    }

    public void Dispose() => _file.Dispose();
}
