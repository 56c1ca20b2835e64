using System.Collections.Concurrent;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Api.Foundation;

/// <summary>
/// Recording a run or a touch changes only a lead's derived activity: it is published as
/// <see cref="Lead.ActivityTopic"/>, so the many screens about stages and values do not reload for it, while an
/// edit of the lead itself is still "Lead".
/// </summary>
public sealed class LeadActivityTopicTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task ATouch_AndARun_ArePublishedAsLeadActivity_NotAsALeadChange()
    {
        var lead = await factory.CreateLeadAsync();
        var heard = Listen(out var subscription);
        using (subscription)
        {
            var agent = factory.CreateAgentClient();
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            (await agent.PostRawAsync($"/api/leads/{lead.Id}/touches", $$"""{"channel":"email","direction":"outbound","summary":"Sent the recap","occurredAt":"{{now:O}}"}""")).EnsureSuccessStatusCode();
            (await agent.PostRawAsync("/api/pipeline-runs", $$"""{"leadId":{{lead.Id}},"kind":"research","startedAt":"{{now.AddMinutes(-1):O}}","finishedAt":"{{now:O}}","steps":[{"name":"fetch","success":false,"error":"503"}]}""")).EnsureSuccessStatusCode();

            await WaitForAsync(() => heard.Count(t => t == Lead.ActivityTopic) >= 2);
            heard.Should().NotContain(nameof(Lead));
        }
    }

    [Fact]
    public async Task EditingTheLead_IsStillALeadChange()
    {
        var lead = await factory.CreateLeadAsync();
        var heard = Listen(out var subscription);
        using (subscription)
        {
            var client = await factory.CreateOperatorClientAsync();
            var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/leads/{lead.Id}")
            {
                Content = new StringContent("""{"title":"Renamed lead"}""", System.Text.Encoding.UTF8, "application/json"),
            });
            response.EnsureSuccessStatusCode();

            await WaitForAsync(() => heard.Contains(nameof(Lead)));
            heard.Should().NotContain(Lead.ActivityTopic);
        }
    }

    [Fact]
    public async Task TheFailuresReport_StillHearsActivity()
    {
        var cache = factory.Services.GetRequiredService<OperatorConsole.Web.Features.Failures.FailuresReportCache>();
        cache.Topics.Should().Contain([nameof(Lead), Lead.ActivityTopic]);
        await Task.CompletedTask;
    }

    private ConcurrentQueue<string> Listen(out IDisposable subscription)
    {
        var heard = new ConcurrentQueue<string>();
        subscription = factory.Services.GetRequiredService<ConsoleEvents>().Subscribe([], changes =>
        {
            foreach (var change in changes)
            {
                heard.Enqueue(change.Topic);
            }

            return Task.CompletedTask;
        });
        return heard;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        condition().Should().BeTrue();
    }
}
