using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Chat;

/// <summary>
/// "How many calls did we make …?": touches counted by channel, direction and deal, in the period asked and on the
/// deals named. "calls" was named as something the console does not record, beside the owner's deal totals.
/// </summary>
public sealed class TouchActivityChatTests(TouchActivityChatTests.OwnFactory factory) : IClassFixture<TouchActivityChatTests.OwnFactory>
{
    /// <summary>A database of its own: the counts below are exact.</summary>
    public sealed class OwnFactory : ConsoleFactory;

    private async Task<HttpClient> SeedAsync()
    {
        var client = await factory.CreateOperatorClientAsync();
        if ((await (await client.GetAsync("/api/leads?pageSize=1")).ReadJsonAsync()).GetProperty("total").GetInt32() > 0)
        {
            return client;
        }

        var agent = factory.CreateAgentClient();
        async Task<int> LeadAsync(string title, string owner) =>
            (await (await agent.PostJsonAsync("/api/leads", new { title, owner })).ReadJsonAsync()).GetProperty("id").GetInt32();
        async Task TouchAsync(int lead, string channel, string direction, string at) =>
            (await agent.PostJsonAsync($"/api/leads/{lead}/touches", new { channel, direction, occurredAt = at })).EnsureSuccessStatusCode();
        var ada = await LeadAsync("Ada's deal", "Ada Lovelace");
        var alan = await LeadAsync("Alan's deal", "Alan Turing");
        await TouchAsync(ada, "call", "outbound", "2026-11-03T10:00:00Z");
        await TouchAsync(ada, "call", "outbound", "2026-11-20T10:00:00Z");
        await TouchAsync(ada, "call", "inbound", "2026-10-14T10:00:00Z");
        await TouchAsync(ada, "email", "outbound", "2026-11-21T10:00:00Z");
        await TouchAsync(alan, "call", "outbound", "2026-11-05T10:00:00Z");
        await TouchAsync(alan, "meeting", "inbound", "2026-11-06T10:00:00Z");
        return client;
    }

    [Theory]
    [InlineData("How many calls did we make in November 2026?", "3 calls logged in November 2026", "on every deal: 3 outbound, 0 inbound, on 2 deals")]
    [InlineData("How many calls did Ada Lovelace make?", "3 calls logged on Ada Lovelace's deals", "2 outbound, 1 inbound, on 1 deal")]
    [InlineData("How many touches were logged in November 2026?", "5 touches logged in November 2026", "4 outbound, 1 inbound, on 2 deals")]
    [InlineData("What is the number of emails Ada Lovelace sent?", "1 email logged on Ada Lovelace's deals", "1 outbound, 0 inbound, on 1 deal")]
    [InlineData("How many meetings did Ada Lovelace have in October 2026?", "No meeting is logged in October 2026", "on Ada Lovelace's deals.")]
    public async Task TouchesAreCountedByChannel_InThePeriodAndOnTheDealsAsked(string question, string opening, string detail)
    {
        var client = await SeedAsync();

        var json = await (await client.PostJsonAsync("/api/ops/chat", new { question })).ReadJsonAsync();

        var answer = json.GetProperty("answer").GetString()!;
        answer.Should().StartWith(opening).And.Contain(detail);
        var receipts = json.GetProperty("receipts");
        receipts.GetProperty("known").EnumerateArray().Should().ContainSingle().Which.GetProperty("verified").GetBoolean().Should().BeTrue();
        receipts.GetProperty("missing").EnumerateArray().Select(m => m.GetString()).Should().NotContain(m => m!.Contains("Nothing in the console records"));
    }

    /// <summary>
    /// "Who made the most calls?" got "say by which figure" and "calls" named as not recorded: the owners (or accounts,
    /// or deals) ranked by the touches of that channel on their deals, each row verified and linked to its deals.
    /// </summary>
    [Theory]
    [InlineData("Who made the most calls?", "By calls logged on every deal, most first, of 2 owners with one logged: 1. Ada Lovelace: 3 calls (2 outbound, 1 inbound, on 1 deal); 2. Alan Turing: 1 call (1 outbound, 0 inbound, on 1 deal).", "/leads?owner=Ada%20Lovelace")]
    [InlineData("Which owner logged the most touches in November 2026?", "By touches logged in November 2026 (1 Nov 2026 – 30 Nov 2026) on every deal, most first, of 2 owners with one logged: 1. Ada Lovelace: 3 touches (3 outbound, 0 inbound, on 1 deal); 2. Alan Turing: 2 touches", "/leads?owner=Ada%20Lovelace")]
    [InlineData("Who had the most meetings?", "By meetings logged on every deal, most first, of 1 owner with one logged: 1. Alan Turing: 1 meeting (0 outbound, 1 inbound, on 1 deal).", "/leads?owner=Alan%20Turing")]
    [InlineData("Who sent the fewest emails?", "By emails logged on every deal, fewest first, of 2 owners: 1. Alan Turing: 0 emails; 2. Ada Lovelace: 1 email", "/leads?owner=Alan%20Turing")]
    [InlineData("Which deal had the most calls?", "By calls logged on every deal, most first, of 2 deals with one logged: 1. Ada's deal: 3 calls (2 outbound, 1 inbound); 2. Alan's deal: 1 call", "/leads/")]
    public async Task TouchesRankTheOwnersOrDeals_ByChannel(string question, string opening, string firstLink)
    {
        var client = await SeedAsync();

        var json = await (await client.PostJsonAsync("/api/ops/chat", new { question })).ReadJsonAsync();

        json.GetProperty("answer").GetString().Should().StartWith(opening);
        var receipts = json.GetProperty("receipts");
        var known = receipts.GetProperty("known").EnumerateArray().ToList();
        known.Should().NotBeEmpty().And.OnlyContain(k => k.GetProperty("verified").GetBoolean());
        known[0].GetProperty("link").GetString().Should().StartWith(firstLink);
        receipts.GetProperty("missing").EnumerateArray().Select(m => m.GetString()).Should().NotContain(m => m!.Contains("Nothing in the console records") || m.Contains("say by which figure"));
    }

    [Fact]
    public async Task ARankingWithNothingLogged_SaysSo_AndRanksNobody()
    {
        var client = await SeedAsync();

        var json = await (await client.PostJsonAsync("/api/ops/chat", new { question = "Who made the most calls in September 2026?" })).ReadJsonAsync();

        json.GetProperty("answer").GetString().Should().Be("No call is logged in September 2026 (1 Sep 2026 – 30 Sep 2026) on every deal, so no owner can be ranked by them.");
    }

    [Fact]
    public async Task AQuestionThatCountsLeads_IsNotATouchCount()
    {
        var client = await SeedAsync();

        var json = await (await client.PostJsonAsync("/api/ops/chat", new { question = "How many leads have no touch?" })).ReadJsonAsync();

        json.GetProperty("receipts").GetProperty("known").EnumerateArray().Select(k => k.GetProperty("source").GetString())
            .Should().NotContain(s => s!.StartsWith("touches.", StringComparison.Ordinal));
    }
}
