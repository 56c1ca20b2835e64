using OperatorConsole.Tests.Api.Foundation;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Contract;

/// <summary>A query value the framework cannot bind is a 400 whose <c>errors</c> names the parameter (it used to be <c>errors: {}</c>).</summary>
public sealed class QueryParameterTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Theory]
    [InlineData("/api/leads?page=abc", "page")]
    [InlineData("/api/leads?pageSize=1.5", "pageSize")]
    [InlineData("/api/constraint?periodDays=abc", "periodDays")]
    [InlineData("/api/leads?includeArchived=maybe", "includeArchived")]
    public async Task UnbindableQueryValue_Gets400NamingTheParameter(string url, string parameter)
    {
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.GetAsync(url);

        await response.ShouldHaveFieldErrorAsync(parameter, 400);
    }

    /// <summary>
    /// A query parameter an operation does not read is a 400 naming it, with a "did you mean" and the known names:
    /// <c>?sorce=referral</c> answered every lead, as if they all matched. Every GET without a path parameter in the
    /// served document is tried, so an endpoint added later is held to it too; names compare without case.
    /// </summary>
    [Fact]
    public async Task UnknownQueryParameter_IsA400NamingIt_OnEveryListOperation_AndAKnownOneInAnyCaseIsRead()
    {
        var client = await factory.CreateOperatorClientAsync();
        var document = await OpenApiDocument.LoadAsync(factory);

        var typo = await client.GetAsync("/api/leads?sorce=referral");
        await typo.ShouldHaveFieldErrorAsync("sorce", 400);
        var message = (await typo.ReadJsonAsync()).GetProperty("errors").GetProperty("sorce")[0].GetString();
        message.Should().Contain("did you mean 'source'?").And.Contain("Known: accountId, expectedClose, expectedCloseFrom, expectedCloseTo, includeArchived, manager, maxValue, minValue");
        (await client.GetAsync("/api/leads?SOURCE=referral&PageSize=1")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);

        var gets = document.Operations().Where(o => o.Method == "GET" && !o.Path.Contains('{')).Select(o => o.Path).ToList();
        gets.Should().HaveCountGreaterThan(20);
        foreach (var path in gets)
        {
            var response = await client.GetAsync(path + "?zzNotAParameter=1");
            await response.ShouldHaveFieldErrorAsync("zzNotAParameter", 400);
        }
    }

    /// <summary>On an item's route the id is the route's: "?id=" is unknown there, and a write with an unknown key writes nothing.</summary>
    [Fact]
    public async Task UnknownQueryParameter_OnAnItemOrAWrite_IsRefused_AndNothingIsWritten()
    {
        var client = await factory.CreateOperatorClientAsync();
        var lead = await (await factory.CreateAgentClient().PostJsonAsync("/api/leads", new { title = "Query rules" })).ReadJsonAsync();
        var id = lead.GetProperty("id").GetInt32();

        var item = await client.GetAsync($"/api/leads/{id}?id={id}");
        await item.ShouldHaveFieldErrorAsync("id", 400);
        (await item.ReadJsonAsync()).GetProperty("errors").GetProperty("id")[0].GetString().Should().Contain("reads no query parameter");

        var before = await factory.CountRowsAsync();
        var write = await factory.CreateAgentClient().PostJsonAsync("/api/leads?dryRun=true", new { title = "Not written" });
        await write.ShouldHaveFieldErrorAsync("dryRun", 400);
        (await factory.CountRowsAsync()).Should().Be(before);
    }
}
