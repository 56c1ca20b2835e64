using OperatorConsole.Domain.Runs;

namespace OperatorConsole.Tests.Domain.Runs;

public sealed class RunErrorExplanationTests
{
    [Theory]
    [InlineData("fetch: HTTP 429 from the enrichment provider", "rate-limited")]
    [InlineData("Too Many Requests", "rate-limited")]
    [InlineData("crm-webhook: 401 Unauthorized: the CRM token expired", "unauthorized")]
    [InlineData("status code 401", "unauthorized")]
    [InlineData("HTTP 403 Forbidden", "forbidden")]
    [InlineData("The operation has timed out.", "timeout")]
    [InlineData("upstream returned (504)", "timeout")]
    [InlineData("HTTP 502 from the scraper", "unavailable")]
    [InlineData("Connection refused (api.example.com:443)", "unavailable")]
    [InlineData("GET /v2/companies/77 → HTTP 404", "not-found")]
    public void Explain_RecognisesTheCommonCases(string error, string kind) =>
        RunErrorExplanation.Explain(error)!.Kind.Should().Be(kind);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("score below threshold for 4 of 10 leads")]
    // A number that is not a status (a count, a port) is not read as one.
    [InlineData("parsed 4290 rows, 401 skipped as duplicates")]
    public void Explain_DoesNotGuess_ForOtherErrors(string? error) =>
        RunErrorExplanation.Explain(error).Should().BeNull();

    [Fact]
    public void Explain_SaysWhatToDo()
    {
        var help = RunErrorExplanation.Explain("HTTP 429")!;
        help.Cause.Should().Contain("rate-limiting");
        help.WhatToDo.Should().Contain("run again");
    }
}
