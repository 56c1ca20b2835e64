using System.Collections.Concurrent;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Api.Foundation;

/// <summary>
/// Saves inside a transaction reach the open screens only once it commits (a screen told earlier would reload
/// and not see the data yet), and never when it rolls back.
/// </summary>
public sealed class TransactionPublishingTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task ChangesSavedInATransaction_ArePublishedAtCommit_NotBefore()
    {
        var heard = Listen(out var subscription);
        using (subscription)
        {
            await using var db = factory.CreateDbContext();
            await using (var write = await WriteTransaction.BeginAsync(db, CancellationToken.None))
            {
                var lead = NewLead("published at commit");
                db.Add(lead);
                await db.SaveChangesAsync();
                await Task.Delay(200);
                heard.Should().NotContain(lead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "nothing is committed yet");

                await write.CommitAsync(CancellationToken.None);
                await WaitForAsync(() => heard.Contains(lead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
    }

    [Fact]
    public async Task ChangesOfARolledBackTransaction_AreNeverPublished_AndNothingIsStored()
    {
        var heard = Listen(out var subscription);
        using (subscription)
        {
            int id;
            await using (var db = factory.CreateDbContext())
            {
                await using var write = await WriteTransaction.BeginAsync(db, CancellationToken.None);
                var lead = NewLead("rolled back");
                db.Add(lead);
                await db.SaveChangesAsync();
                id = lead.Id;
            }

            await Task.Delay(200);
            heard.Should().NotContain(id.ToString(System.Globalization.CultureInfo.InvariantCulture));

            // The write slot was given back: another write goes through at once.
            await using (var db = factory.CreateDbContext())
            {
                db.Add(NewLead("after the rollback"));
                await db.SaveChangesAsync();
            }

            await using var check = factory.CreateDbContext();
            check.Set<Lead>().Any(l => l.Id == id && l.Title == "rolled back").Should().BeFalse();
        }
    }

    private ConcurrentBag<string> Listen(out IDisposable subscription)
    {
        var heard = new ConcurrentBag<string>();
        subscription = factory.Services.GetRequiredService<ConsoleEvents>().Subscribe([nameof(Lead)], changes =>
        {
            foreach (var change in changes)
            {
                heard.Add(change.RecordId ?? "");
            }

            return Task.CompletedTask;
        });
        return heard;
    }

    private Lead NewLead(string title)
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        return new Lead { Title = title, Status = LeadStatus.New, CreatedAt = now, UpdatedAt = now, StatusChangedAt = now };
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        condition().Should().BeTrue("the commit must be published");
    }
}
