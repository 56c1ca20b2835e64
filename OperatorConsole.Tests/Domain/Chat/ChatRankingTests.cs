using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Semantic;

namespace OperatorConsole.Tests.Domain.Chat;

/// <summary>
/// Which questions ask for a ranking, and of what. A ranking needs a cue, a dimension the console records on a deal
/// and a measure; the questions other topics answer (agent jobs, off-target clients, leads per stage) stay theirs.
/// </summary>
public sealed class ChatRankingTests
{
    private static RankingRequest? Parse(string question) => ChatRanking.Parse(TextTokens.Words(question).ToList());

    [Theory]
    [InlineData("Which sales agent won the most?", RankBy.Owner, RankMeasure.WonValue, false)]
    [InlineData("Who closed the most deals in 2017?", RankBy.Owner, RankMeasure.WonDeals, false)]
    [InlineData("Which rep has the most sales?", RankBy.Owner, RankMeasure.WonValue, false)]
    [InlineData("Which owner has the fewest deals?", RankBy.Owner, RankMeasure.Deals, true)]
    // An agent measured by a sales figure is a sales agent; it got the win rate of every deal.
    [InlineData("Which agent has the worst win rate?", RankBy.Owner, RankMeasure.WinRate, true)]
    [InlineData("Which agent won the most deals?", RankBy.Owner, RankMeasure.WonDeals, false)]
    [InlineData("Which account has the highest conversion?", RankBy.Account, RankMeasure.WinRate, false)]
    // A dimension and nothing else asked: the groups themselves, by their deals (it got agent jobs and this month's wins).
    [InlineData("Who are the sales agents?", RankBy.Owner, RankMeasure.Deals, false)]
    [InlineData("What are our sectors?", RankBy.Sector, RankMeasure.Deals, false)]
    [InlineData("List our accounts", RankBy.Account, RankMeasure.Deals, false)]
    [InlineData("Which account has the most lost deals?", RankBy.Account, RankMeasure.LostDeals, false)]
    [InlineData("Which customer bought the most?", RankBy.Account, RankMeasure.WonValue, false)]
    [InlineData("Which account has the lowest win rate?", RankBy.Account, RankMeasure.WinRate, true)]
    [InlineData("Which accounts have the most open deals?", RankBy.Account, RankMeasure.OpenDeals, false)]
    [InlineData("Won value by account", RankBy.Account, RankMeasure.WonValue, false)]
    [InlineData("What is the win rate per offer type?", RankBy.OfferType, RankMeasure.WinRate, false)]
    [InlineData("Which account is the worst at losing deals?", RankBy.Account, RankMeasure.LostDeals, false)]
    [InlineData("Which sector buys the most?", RankBy.Sector, RankMeasure.WonValue, false)]
    [InlineData("Which country has the most won revenue?", RankBy.Country, RankMeasure.WonValue, false)]
    [InlineData("Which countries do we sell to?", RankBy.Country, RankMeasure.WonValue, false)]
    [InlineData("How many countries are our accounts in?", RankBy.Country, RankMeasure.Deals, false)]
    [InlineData("Win rate by headquarters", RankBy.Country, RankMeasure.WinRate, false)]
    [InlineData("Which industry has the best win rate?", RankBy.Sector, RankMeasure.WinRate, false)]
    // An imported CRM's products are service packages (ADR 235): it was answered under Missing.
    [InlineData("Which product sells best?", RankBy.Package, RankMeasure.WonValue, false)]
    [InlineData("Which package has the highest win rate?", RankBy.Package, RankMeasure.WinRate, false)]
    [InlineData("What are our products?", RankBy.Package, RankMeasure.Deals, false)]
    [InlineData("Which products have the fewest won deals?", RankBy.Package, RankMeasure.WonDeals, true)]
    [InlineData("Which product is most popular in the retail sector?", RankBy.Package, RankMeasure.WonDeals, false)]
    // How many groups there are: it got the agent jobs and this month's money, or nothing ("How many accounts" has its summary).
    [InlineData("How many sales agents do we have?", RankBy.Owner, RankMeasure.Deals, false)]
    [InlineData("How many products are there?", RankBy.Package, RankMeasure.Deals, false)]
    [InlineData("How many lead sources do we have?", RankBy.Source, RankMeasure.Deals, false)]
    // Where leads came from: a source or channel named, or "come from" asked.
    [InlineData("Where do our leads come from?", RankBy.Source, RankMeasure.Deals, false)]
    [InlineData("Which leads came in from marketing?", RankBy.Source, RankMeasure.Deals, false)]
    [InlineData("What is the win rate by lead source?", RankBy.Source, RankMeasure.WinRate, false)]
    [InlineData("Which channel brings the most revenue?", RankBy.Source, RankMeasure.WonValue, false)]
    [InlineData("Who are the customers with the most lost deals?", RankBy.Account, RankMeasure.LostDeals, false)]
    [InlineData("Who won the most?", RankBy.Owner, RankMeasure.WonValue, false)]
    // The ordering words are the ones a period ranking reads too: "weakest" and "smallest" order from the bottom.
    [InlineData("Which is our weakest account by win rate?", RankBy.Account, RankMeasure.WinRate, true)]
    [InlineData("Smallest accounts by won value", RankBy.Account, RankMeasure.WonValue, true)]
    [InlineData("Our strongest sales agent by deals won", RankBy.Owner, RankMeasure.WonDeals, false)]
    // The account's own record (AccountFigures): "annual revenue" was ranked by won value, employees were "not recorded".
    [InlineData("Which customers have the highest annual revenue?", RankBy.Account, RankMeasure.AnnualRevenue, false)]
    [InlineData("Which account has the largest turnover?", RankBy.Account, RankMeasure.AnnualRevenue, false)]
    [InlineData("Which are our biggest customers by headcount?", RankBy.Account, RankMeasure.Employees, false)]
    [InlineData("Which account has the fewest employees?", RankBy.Account, RankMeasure.Employees, true)]
    [InlineData("What is the average company size of our customers?", RankBy.Account, RankMeasure.Employees, false)]
    // Our money from them stays won value: "from", "we" and "us" make revenue ours.
    [InlineData("Which customer brought us the most annual revenue?", RankBy.Account, RankMeasure.WonValue, false)]
    [InlineData("What is the average deal size by company?", RankBy.Account, RankMeasure.AverageDeal, false)]
    public void ARankingQuestion_IsReadAsItsDimensionAndMeasure(string question, RankBy by, RankMeasure measure, bool ascending)
    {
        Parse(question).Should().Be(new RankingRequest(by, measure, ascending), question);
    }

    /// <summary>A negated figure asks for the groups with none of it: it answered with the accounts that bought the most.</summary>
    [Theory]
    [InlineData("Which account has not bought anything this year?", RankBy.Account, RankMeasure.WonValue)]
    [InlineData("Which accounts didn't buy anything last week?", RankBy.Account, RankMeasure.WonValue)]
    [InlineData("Which accounts have no open deals?", RankBy.Account, RankMeasure.OpenDeals)]
    [InlineData("Which owner has never lost a deal?", RankBy.Owner, RankMeasure.LostDeals)]
    [InlineData("Which accounts have no deals?", RankBy.Account, RankMeasure.Deals)]
    public void ANegatedFigure_AsksForTheGroupsWithNone(string question, RankBy by, RankMeasure measure)
    {
        Parse(question).Should().Be(new RankingRequest(by, measure, false, Lacking: true), question);
        // With an ordering word or a rate it is an ordinary ranking.
        Parse("Which account with no open deals won the most?")!.Lacking.Should().BeFalse();
        Parse("Which account does not have the best win rate?")!.Lacking.Should().BeFalse();
    }

    [Theory]
    [InlineData("Which agent jobs are high risk?")]
    [InlineData("How many agent jobs failed?")]
    [InlineData("Which agent runs have the highest risk rate?")]
    [InlineData("How many accounts do we have?")]
    [InlineData("Who is the owner of Kan-code?")]
    [InlineData("Which clients are off target?")]
    [InlineData("How are our clients doing?")]
    [InlineData("How many leads are in each stage?")]
    [InlineData("Who should I follow up with?")]
    [InlineData("Who is stale?")]
    [InlineData("How much did we win in 2017?")]
    [InlineData("How many deals does Cancity have?")]
    [InlineData("How many employees does the company have in Berlin?")]
    [InlineData("What is the favourite colour of the cat owned by client X?")]
    public void AQuestionOtherTopicsAnswer_IsNotARanking(string question)
    {
        Parse(question).Should().BeNull(question);
    }

    /// <summary>Sectors and countries by their accounts: counted when the question counts or ranks accounts and asks no deal figure.</summary>
    [Theory]
    [InlineData("Which sector has the most accounts?", RankBy.Sector, false)]
    [InlineData("Which sector has the fewest customers?", RankBy.Sector, true)]
    [InlineData("How many accounts do we have in each country?", RankBy.Country, false)]
    [InlineData("How many clients per industry?", RankBy.Sector, false)]
    [InlineData("Which sector has the most accounts in the United States?", RankBy.Sector, false)]
    public void AccountsCountedPerSectorOrCountry_AreARankingByNumberOfAccounts(string question, RankBy by, bool ascending)
    {
        Parse(question).Should().Be(new RankingRequest(by, RankMeasure.Accounts, ascending), question);
        ChatRanking.DimensionWithoutMeasure(TextTokens.Words(question).ToList()).Should().BeNull("the figure is the number of accounts");
    }

    [Theory]
    [InlineData("How many countries are our accounts in?")] // counts the countries
    [InlineData("Which countries are our customers in?")] // lists them
    [InlineData("Which accounts in the software sector won the most?")] // a deal figure, per account
    [InlineData("Which sector has the most won deals?")]
    [InlineData("Which accounts in the retail sector have the most employees?")] // the accounts' own figure, per account
    public void AQuestionThatDoesNotCountAccountsPerPlace_IsNotThatRanking(string question)
    {
        Parse(question)?.Measure.Should().NotBe(RankMeasure.Accounts, question);
    }

    [Fact]
    public void EmployeesOrAnnualRevenue_PerSectorOrCountry_AreThatSectorsAccountsFiguresAddedUp()
    {
        Parse("Which sector has the most employees?").Should().Be(new RankingRequest(RankBy.Sector, RankMeasure.Employees, false));
        Parse("Which country has the highest annual revenue?").Should().Be(new RankingRequest(RankBy.Country, RankMeasure.AnnualRevenue, false));
        ChatRanking.AskForMeasure(RankBy.Sector).Should().Contain("the number of accounts, their employees or annual revenue");
    }

    [Theory]
    [InlineData("Who is our best salesperson?", RankBy.Owner)]
    [InlineData("Which account is the biggest?", RankBy.Account)]
    [InlineData("Who are our biggest clients?", RankBy.Account)] // a leading "who" is a person only when no dimension is named
    [InlineData("Which sector is the best?", RankBy.Sector)]
    [InlineData("Who is our strongest salesperson?", RankBy.Owner)]
    public void ARankingWithoutItsFigure_NamesTheDimension_SoTheAnswerCanAskForTheFigure(string question, RankBy by)
    {
        var words = TextTokens.Words(question).ToList();

        ChatRanking.Parse(words).Should().BeNull();
        ChatRanking.DimensionWithoutMeasure(words).Should().Be(by);
        ChatRanking.AskForMeasure(by).Should().Contain("won value, deals won, deals lost, win rate, deals or open deals");
    }

    /// <summary>
    /// "What did we sell to Betasoloin?" was answered with the account's totals: it asks which packages (products), all of
    /// them, by what they brought. A period breakdown of what was sold stays a period breakdown.
    /// </summary>
    [Theory]
    [InlineData("What did we sell to Betasoloin?")]
    [InlineData("What has Kan-code bought?")]
    [InlineData("What does Kan-code buy from us?")]
    [InlineData("What did Acme purchase in 2017?")]
    public void WhatWasSold_RanksEveryPackageByWonValue(string question) =>
        Parse(question).Should().Be(new RankingRequest(RankBy.Package, RankMeasure.WonValue, false, Count: ChatRanking.MaxCount), question);

    [Theory]
    [InlineData("What did we sell each week this quarter?")]
    [InlineData("What did we sell in 2017?")]
    [InlineData("How much did Kan-code buy?")]
    public void WhatWasSold_WithoutBuyerOrBuyingVerb_IsNoPackageRanking(string question) => Parse(question).Should().BeNull(question);

    /// <summary>How many to name: "Show me the top 10 accounts by won value" named three. A period's length is not a count.</summary>
    [Theory]
    [InlineData("Show me the top 10 accounts by won value", 10)]
    [InlineData("Who are the 5 best owners by win rate?", 5)]
    [InlineData("Top three sectors by revenue", 3)]
    [InlineData("Which accounts won the most in the first 30 days of 2017?", null)]
    [InlineData("Which account won the most in 2017?", null)]
    [InlineData("Which owner won the most in the last 90 days?", null)]
    public void TheCountAsked_IsRead(string question, int? count) => Parse(question)!.Count.Should().Be(count, question);

    /// <summary>
    /// A share of money is the won value, and "comes from" followed by an account word names the accounts, not the lead
    /// source: "What percentage of our revenue comes from the top 10 accounts?" ranked the sources by win rate.
    /// </summary>
    [Theory]
    [InlineData("What percentage of our revenue comes from the top 10 accounts?", RankBy.Account, RankMeasure.WonValue, 10)]
    [InlineData("What share of sales comes from our top 5 sales agents?", RankBy.Owner, RankMeasure.WonValue, 5)]
    [InlineData("Which sector has the highest win rate?", RankBy.Sector, RankMeasure.WinRate, null)]
    [InlineData("What percentage of deals do owners win, highest first?", RankBy.Owner, RankMeasure.WinRate, null)]
    [InlineData("Where do our leads come from?", RankBy.Source, RankMeasure.Deals, null)]
    public void AShareOfMoney_IsWonValue_AndComesFromAnAccountIsNoSource(string question, RankBy by, RankMeasure measure, int? count)
    {
        var ranking = Parse(question)!;

        (ranking.By, ranking.Measure, ranking.Count).Should().Be((by, measure, count), question);
    }

    /// <summary>A change in won value, rises first; a fall ("declined", "grew the least", "didn't grow") from the lowest. Never "lacking".</summary>
    [Theory]
    [InlineData("Which sector grew the most?", RankBy.Sector, false)]
    [InlineData("Which account declined the most in Q4 2017?", RankBy.Account, true)]
    [InlineData("Which owner grew the least this year?", RankBy.Owner, true)]
    [InlineData("Which sector's revenue increased the most?", RankBy.Sector, false)]
    [InlineData("Which accounts didn't grow?", RankBy.Account, true)]
    public void Growth_IsAChangeRanking(string question, RankBy by, bool ascending) =>
        Parse(question).Should().Be(new RankingRequest(by, RankMeasure.Growth, ascending), question);

    /// <summary>An average won deal per group: "average deal size by sector" ranked the sectors by their number of deals.</summary>
    [Theory]
    [InlineData("What is the average deal size by sector?", RankBy.Sector, false)]
    [InlineData("Which owner has the highest average deal size in 2017?", RankBy.Owner, false)]
    [InlineData("Which account has the smallest average deal?", RankBy.Account, true)]
    public void AverageDeal_IsItsOwnFigure(string question, RankBy by, bool ascending) =>
        Parse(question).Should().Be(new RankingRequest(by, RankMeasure.AverageDeal, ascending), question);

    /// <summary>"bottom" orders from the lowest, like "worst".</summary>
    [Fact]
    public void Bottom_RanksLowestFirst() =>
        Parse("Who are the bottom 5 owners by win rate?").Should().Be(new RankingRequest(RankBy.Owner, RankMeasure.WinRate, true, Count: 5));

    [Fact]
    public void TheAnalysis_CarriesTheRanking_AndItsWordsAreNotReportedAsUnknown()
    {
        var analysis = QuestionAnalyzer.Analyze("Which salesperson has the best win rate?", [], new Dictionary<ChatTopic, float>(), new DateTime(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc));

        analysis.Ranking.Should().Be(new RankingRequest(RankBy.Owner, RankMeasure.WinRate, false));
        analysis.Has(ChatTopic.Ranking).Should().BeTrue();
        analysis.Uncovered.Should().BeEmpty();
    }

    /// <summary>
    /// What a question asks of a company's own record beyond its figures: its group ("Who owns Kan-code?" is the deals'
    /// owner, not a parent), its founding year, its place; and what "how many" counts is the word right after it.
    /// </summary>
    [Fact]
    public void AccountRecord_GroupFoundingAndPlace_AndHowManyCountsTheWordAfterIt()
    {
        static IReadOnlyList<string> W(string q) => TextTokens.Words(q).ToList();
        AccountFigures.AsksGroup(W("What are Sonron's subsidiaries?")).Should().BeTrue();
        AccountFigures.AsksGroup(W("Who is the parent company of Codehow?")).Should().BeTrue();
        AccountFigures.AsksGroup(W("Who owns Kan-code?")).Should().BeFalse("the owner of its deals, not a parent company");
        AccountFigures.AsksFounded(W("When was Acme Corporation established?")).Should().BeTrue();
        AccountFigures.AsksFounded(W("Which deal is the oldest?")).Should().BeFalse();
        AccountFigures.AsksPlace(W("Where is Betatech based?")).Should().BeTrue();
        AccountFigures.AsksRecord(W("How many deals does Acme have?")).Should().BeFalse();

        ChatRanking.CountsGroups(W("How many countries are our accounts in?")).Should().BeTrue();
        ChatRanking.CountsGroups(W("How many sales agents do we have?")).Should().BeTrue();
        ChatRanking.CountsGroups(W("How many accounts do we have?")).Should().BeFalse("the accounts' own summary answers it");
    }
}
