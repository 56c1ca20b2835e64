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
}
