using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Tests.Api.Failures;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Chat;

public sealed class OpsChatApiTests(OpsChatApiTests.DemoFactory factory) : IClassFixture<OpsChatApiTests.DemoFactory>
{
    public sealed class DemoFactory : ConsoleFactory
    {
        public DemoFactory() => SeedDemo = true;
    }

    public static TheoryData<string> OperatorQuestions =>
    [
        "What is broken?",
        "Who is stale?",
        "What is the bottleneck and why?",
        "How much did we win?",
        "Which clients are off target?",
        "What is waiting for me?",
        "What changed since yesterday?",
        "How many leads are in each stage?",
        "How many proposals did we send?",
        "What is in the Build Ops queue?",
        "Which agent jobs are high risk?",
        "What is in the playbook?",
        "Which integrations are broken?",
    ];

    [Theory]
    [MemberData(nameof(OperatorQuestions))]
    public async Task BuiltInEngine_AnswersWithReceiptsWhoseSourcesAndLinksResolve(string question)
    {
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.PostJsonAsync("/api/ops/chat", new { question });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await response.ReadJsonAsync();
        json.GetProperty("engine").GetString().Should().Be("grounded");
        var known = json.GetProperty("receipts").GetProperty("known").EnumerateArray().ToList();
        known.Should().NotBeEmpty();
        known.Should().OnlyContain(k => k.GetProperty("verified").GetBoolean());
        known.Should().OnlyContain(k => !string.IsNullOrEmpty(k.GetProperty("label").GetString()), "a person reads the card's name, not its key");
        foreach (var link in known.Select(k => k.GetProperty("link").GetString()!))
        {
            await AssertLinkResolvesAsync(client, link);
        }

        json.GetProperty("answer").GetString().Should().NotContain("constraint.evidence").And.NotContain("failures.");
    }

    /// <summary>The page exists, and a /failures bucket link names a bucket the page actually reads.</summary>
    private static async Task AssertLinkResolvesAsync(HttpClient client, string link)
    {
        link.Should().StartWith("/");
        if (link.StartsWith("/failures?bucket=", StringComparison.Ordinal))
        {
            OperatorConsole.Domain.Failures.FailureBucketExtensions.FromCode(link["/failures?bucket=".Length..]).Should().NotBeNull($"{link} must name a bucket /failures reads");
        }

        (await client.GetAsync(link)).StatusCode.Should().Be(HttpStatusCode.OK, link);
    }

    [Fact]
    public async Task FailedRuns_CountAndNamesAgree_AndTheLinkUsesTheBucketCode()
    {
        var client = await factory.CreateOperatorClientAsync();
        var failures = await (await client.GetAsync("/api/failures")).ReadJsonAsync();
        var failedRuns = failures.GetProperty("counts").GetProperty("failedRuns").GetInt32();

        var json = await (await client.PostJsonAsync("/api/ops/chat", new { question = "How many runs failed?" })).ReadJsonAsync();

        json.GetProperty("answer").GetString().Should().StartWith($"{failedRuns} failed runs");
        var known = json.GetProperty("receipts").GetProperty("known").EnumerateArray().Single();
        known.GetProperty("link").GetString().Should().Be("/failures?bucket=failed_runs");
        known.GetProperty("label").GetString().Should().Be("Failures · Failed runs");
    }

    /// <summary>A period the question names to compare with is not "the period before" (it may come after: "Compare Q1 and Q2").</summary>
    [Theory]
    [InlineData("Compare Q1 and Q2 2026 won revenue", "Money scorecard (period compared)")]
    [InlineData("How much did we win this year?", "Money scorecard (period before)")]
    public async Task AComparedPeriodsReceipt_SaysWhichItIs(string question, string label)
    {
        var client = await factory.CreateOperatorClientAsync();

        var json = await (await client.PostJsonAsync("/api/ops/chat", new { question })).ReadJsonAsync();

        json.GetProperty("receipts").GetProperty("known").EnumerateArray().Select(k => k.GetProperty("label").GetString())
            .Should().Equal("Money scorecard", label);
    }

    [Fact]
    public async Task UnknownEntity_IsReportedAsUnknown_WithNoKnownFacts()
    {
        var client = await factory.CreateOperatorClientAsync();

        var json = await (await client.PostJsonAsync("/api/ops/chat", new { question = "How much did Acme Corp pay us last month?" })).ReadJsonAsync();

        json.GetProperty("receipts").GetProperty("known").GetArrayLength().Should().Be(0);
        json.GetProperty("receipts").GetProperty("missing").EnumerateArray().Select(m => m.GetString()).Should().Contain(m => m!.Contains("named \"Acme Corp\""));
    }

    [Fact]
    public async Task OutOfScopeQuestion_GetsMissingOnly_NamingWhatIsNotRecorded()
    {
        var client = await factory.CreateOperatorClientAsync();

        var json = await (await client.PostJsonAsync("/api/ops/chat", new { question = "What is the favourite colour of the cat owned by client X?" })).ReadJsonAsync();

        var receipts = json.GetProperty("receipts");
        receipts.GetProperty("known").GetArrayLength().Should().Be(0);
        receipts.GetProperty("inferred").GetArrayLength().Should().Be(0);
        var missing = string.Join(" ", receipts.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        missing.Should().Contain("\"X\"").And.Contain("colour").And.Contain("cat");
    }

    /// <summary>An empty queue said "0 build tasks: ." — a colon and nothing after it.</summary>
    [Fact]
    public async Task EmptyBuildQueue_IsOneShortSentence()
    {
        using var empty = new ConsoleFactory();
        var client = await empty.CreateOperatorClientAsync();

        var json = await (await client.PostJsonAsync("/api/ops/chat", new { question = "How many build tasks do we have?" })).ReadJsonAsync();

        json.GetProperty("answer").GetString().Should().Be("The build queue is empty (0 build tasks).");
        json.GetProperty("receipts").GetProperty("known").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("verified").GetBoolean().Should().BeTrue();
    }

    /// <summary>
    /// "Why are we losing deals?" was answered with the number of deals in Lost. It is the reasons people recorded:
    /// when moving a deal to Lost, else on its lost proposal; grouped as written (case aside), most frequent first,
    /// and the deals with none named under Missing. An import's placeholder outcome reason is no reason.
    /// </summary>
    [Fact]
    public async Task WhyWeLoseDeals_IsTheReasonsPeopleRecorded_AndTheDealsWithoutOneAreMissing()
    {
        using var empty = new ConsoleFactory();
        var client = await empty.CreateOperatorClientAsync();
        async Task<int> LoseAsync(string title, string? reason)
        {
            var id = (await (await empty.CreateAgentClient().PostJsonAsync("/api/leads", new { title })).ReadJsonAsync()).GetProperty("id").GetInt32();
            (await client.PostJsonAsync($"/api/leads/{id}/status", new { status = "lost", reason })).EnsureSuccessStatusCode();
            return id;
        }

        await LoseAsync("Portal", "Chose an in-house team");
        await LoseAsync("Kiosk", "chose an in-house team");
        await LoseAsync("Bot", "Budget cut");
        await LoseAsync("Silent", null);
        var priced = await LoseAsync("Quote", null);
        var imported = await LoseAsync("From the CRM", null);
        await using (var db = empty.CreateDbContext())
        {
            db.AddRange(
                Proposal(priced, "Price too high"),
                Proposal(imported, OperatorConsole.Data.Import.LeadImportWriter.ImportedOutcomeReason));
            await db.SaveChangesAsync();
        }

        var json = await (await client.PostJsonAsync("/api/ops/chat", new { question = "Why are we losing deals?" })).ReadJsonAsync();

        json.GetProperty("answer").GetString().Should().Be(
            "Reasons recorded for 4 of the 6 lost deals: \"Chose an in-house team\" (2), \"Budget cut\" (1), \"Price too high\" (1).");
        json.GetProperty("receipts").GetProperty("known").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("verified").GetBoolean().Should().BeTrue();
        json.GetProperty("receipts").GetProperty("missing").EnumerateArray().Select(m => m.GetString()).Should().ContainSingle()
            .Which.Should().StartWith("Why these deals were lost: no reason is recorded for 2 of them.");
    }

    /// <summary>
    /// "Which accounts have we not touched in 30 days?" was answered with the stale leads and the clients off target.
    /// It is the Clients page's last touch per account, said once though two topics ("touched", "accounts") answer it.
    /// </summary>
    [Fact]
    public async Task AccountsNotTouched_AreTheAccountsWhoseLastTouchIsOlderThanThePeriod_NeverTouchedFirst()
    {
        using var empty = new ConsoleFactory();
        var client = await empty.CreateOperatorClientAsync();
        var now = empty.Clock.GetUtcNow().UtcDateTime;
        async Task TouchAsync(string title, string company, int? daysAgo)
        {
            var id = await empty.PostLeadAsync(title, company);
            if (daysAgo is { } d)
            {
                (await client.PostJsonAsync($"/api/leads/{id}/touches", new { channel = "call", direction = "outbound", occurredAt = now.AddDays(-d) })).EnsureSuccessStatusCode();
            }
        }

        await TouchAsync("Portal", "Quail Ltd", 3);
        await TouchAsync("Kiosk", "Heron plc", 40);
        await TouchAsync("Bot", "Ibis Co", null);
        await TouchAsync("Bot v2", "Ibis Co", null);

        var json = await (await client.PostJsonAsync("/api/ops/chat", new { question = "Which accounts have we not touched in 30 days?" })).ReadJsonAsync();

        json.GetProperty("answer").GetString().Should().Be(
            "2 of 3 accounts have had no touch in the last 30 days (26 Oct 2026 – 25 Nov 2026), 2 of them with open deals; 1 of them has none logged at all; " +
            "longest untouched first: \"Ibis Co\" (2 open deals), \"Heron plc\" (last touched 16 Oct 2026, 1 open deal).");
        json.GetProperty("receipts").GetProperty("known").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("verified").GetBoolean().Should().BeTrue();
        json.GetProperty("receipts").GetProperty("missing").EnumerateArray().Should().BeEmpty();

        // An account named: its last touch is part of its figures ("When did we last contact…" got the deals and no date).
        var heron = await (await client.PostJsonAsync("/api/ops/chat", new { question = "When did we last contact Heron plc?" })).ReadJsonAsync();
        heron.GetProperty("answer").GetString().Should().EndWith("; last touch 16 Oct 2026.");
        var ibis = await (await client.PostJsonAsync("/api/ops/chat", new { question = "When did we last talk to Ibis Co?" })).ReadJsonAsync();
        ibis.GetProperty("answer").GetString().Should().EndWith("; no touch logged on any of its deals.");

        // "Reached" measures and "called" names: neither makes a question about touches.
        var target = await (await client.PostJsonAsync("/api/ops/chat", new { question = "Which clients have reached their target?" })).ReadJsonAsync();
        target.GetProperty("answer").GetString().Should().NotContain("touch");
    }

    /// <summary>
    /// Sectors are the accounts' own: "How many accounts are in retail?" reported "retail" as unrecorded and answered
    /// with every account. A ranking that names a sector, an account or an owner ranks within it; "Who is the owner
    /// of …?" names the owners of its deals; a sector's name read as an ordinary word is no sector.
    /// </summary>
    [Fact]
    public async Task Sectors_AreAnsweredFromTheirAccounts_RankingsNamingOneRankWithinIt_AndOwnersAreNamed()
    {
        using var empty = new ConsoleFactory();
        var client = await empty.CreateOperatorClientAsync();
        Task<int> AccountAsync(string name, string sector) => CreateAccountAsync(client, name, sector);
        async Task DealAsync(string title, int accountId, string company, string owner, decimal? won)
        {
            var id = (await (await empty.CreateAgentClient().PostJsonAsync("/api/leads", new { title, company, accountId, owner, estimatedValue = 100m })).ReadJsonAsync()).GetProperty("id").GetInt32();
            if (won is { } value)
            {
                var proposal = Proposal(id, "");
                proposal.Outcome = OperatorConsole.Domain.Proposals.ProposalOutcome.Won;
                proposal.OutcomeValue = value;
                proposal.OutcomeReason = null;
                await using var db = empty.CreateDbContext();
                db.Add(proposal);
                await db.SaveChangesAsync();
            }
        }

        var quail = await AccountAsync("Quail Ltd", "Retail");
        var heron = await AccountAsync("Heron plc", "retail");
        var ibis = await AccountAsync("Ibis Co", "services");
        await DealAsync("Portal", quail, "Quail Ltd", "Ann", 1000);
        await DealAsync("Kiosk", quail, "Quail Ltd", "Ann", null);
        await DealAsync("Till", heron, "Heron plc", "Bob", 5000);
        await DealAsync("Bot", ibis, "Ibis Co", "Bob", 9000);

        async Task<string> AskAsync(string question) =>
            (await (await client.PostJsonAsync("/api/ops/chat", new { question })).ReadJsonAsync()).GetProperty("answer").GetString()!;

        // One sector however its accounts spell its case, named as the first account spells it.
        (await AskAsync("How many accounts are in retail?")).Should().StartWith("Sector \"Retail\" has 2 accounts and 3 deals").And.Contain("won 6,000 USD from 2 deals");
        (await AskAsync("Which owner won the most in retail?")).Should().Be(
            "By won value, highest first, of 2 owners, on the Retail sector's deals only: 1. Bob won 5,000 USD from 1 deal (of 1 deal); 2. Ann won 1,000 USD from 1 deal (of 2 deals).");
        (await AskAsync("Which owner won the most?")).Should().StartWith("By won value, highest first, of 2 owners: 1. Bob won 14,000 USD");
        (await AskAsync("Who won the most at Quail Ltd?")).Should().Contain("on Quail Ltd's deals only: 1. Ann won 1,000 USD");
        (await AskAsync("Who is the owner of Quail Ltd?")).Should().EndWith("; owner: Ann (2 deals).");
        (await AskAsync("Who manages Quail Ltd?")).Should().EndWith("; owner: Ann (2 deals).");
        // The open deals' estimates when the pipeline is asked; a possessive names the owner, not a name two typos away.
        (await AskAsync("How much pipeline does Quail Ltd have?")).Should().Contain("2 open, worth 200 USD estimated");
        var ann = await (await client.PostJsonAsync("/api/ops/chat", new { question = "What is Bob's win rate?" })).ReadJsonAsync();
        ann.GetProperty("answer").GetString().Should().StartWith("Owner \"Bob\" has 2 deals");
        ann.GetProperty("receipts").GetProperty("inferred").EnumerateArray().Should().NotContain(i => i.GetString()!.Contains("typo"));
        (await AskAsync("Who owns the services companies?")).Should().StartWith("Sector \"services\" has 1 account and 1 deal").And.EndWith("; owner: Bob (1 deal).");
        // "services" is an ordinary word here, not the services sector.
        (await AskAsync("What services do we offer?")).Should().NotContain("Sector");
    }

    /// <summary>
    /// Questions that were answered with another question's figures: accounts by their open deals (every stage's
    /// count), a forecast (this month's won deals), a sector's stuck deals (its totals only).
    /// </summary>
    [Fact]
    public async Task AccountsWithOpenDeals_Forecasts_AndAnEntitysStuckDeals_AreAnsweredAsAsked()
    {
        using var empty = new ConsoleFactory();
        var client = await empty.CreateOperatorClientAsync();
        Task<int> AccountAsync(string name, string sector) => CreateAccountAsync(client, name, sector);
        async Task DealAsync(string title, int? accountId, string? company) =>
            (await empty.CreateAgentClient().PostJsonAsync("/api/leads", new { title, company, accountId, estimatedValue = 100m })).EnsureSuccessStatusCode();

        var quail = await AccountAsync("Quail Ltd", "Retail");
        var heron = await AccountAsync("Heron plc", "retail");
        await AccountAsync("Ibis Co", "services");
        await DealAsync("Portal", quail, "Quail Ltd");
        await DealAsync("Kiosk", quail, "Quail Ltd");
        await DealAsync("Till", heron, "Heron plc");
        await DealAsync("Walk-in", null, null);

        Task<JsonElement> AskAsync(string question) => AskJsonAsync(client, question);

        var accounts = await AskAsync("How many accounts have open deals?");
        accounts.GetProperty("answer").GetString().Should().Be("2 of 3 accounts have open deals, 3 open deals between them; most first: \"Quail Ltd\" (2), \"Heron plc\" (1).");
        Missing(accounts).Should().Contain("1 open deal belongs to: none is recorded");

        var forecast = await AskAsync("Which deals are closing this month?");
        forecast.GetProperty("answer").GetString().Should().StartWith("4 open deals worth 400 USD estimated");
        Missing(forecast).Should().Contain("no open deal records an expected close date");
        // A period ahead is said to be ahead first (ADR 243), then the same open deals.
        (await AskAsync("Which deals will close next quarter?")).GetProperty("answer").GetString().Should()
            .StartWith("Next quarter (1 Jan 2027 – 31 Mar 2027) is still to come").And.Contain("4 open deals worth 400 USD estimated could close in it");
        // "Closing rate" is a win rate, not a forecast.
        (await AskAsync("What is our closing rate?")).GetProperty("answer").GetString().Should().NotContain("open deals");

        // The accounts with none of a figure, an account with no deal at all among them (it ranked the ones with most).
        (await AskAsync("Which accounts have no open deals?")).GetProperty("answer").GetString().Should().Be("1 of 3 accounts has no open deal: Ibis Co.");
        (await AskAsync("Which account has not bought anything?")).GetProperty("answer").GetString().Should().Be("3 of 3 accounts won no deal: Heron plc, Ibis Co, Quail Ltd.");
        (await AskAsync("Which retail accounts have no deals?")).GetProperty("answer").GetString().Should().Be("2 of 2 accounts have deals, on the Retail sector's deals only.");

        var stuck = (await AskAsync("Which retail deals are stuck?")).GetProperty("answer").GetString();
        stuck.Should().StartWith("Sector \"Retail\" has 2 accounts and 3 deals").And.Contain("The oldest open deals of sector \"Retail\" by creation date: \"Portal\" in New");
        stuck.Should().NotContain("Walk-in");

        // An account's oldest open deals link to its open deals on the Leads list, oldest first.
        var quailStuck = await AskAsync("Which Quail Ltd deals are stuck?");
        var oldestLink = quailStuck.GetProperty("receipts").GetProperty("known").EnumerateArray()
            .Select(k => k.GetProperty("link").GetString()).Should().Contain(l => l!.EndsWith("&status=open&sort=createdAt")).Subject!;
        (await (await client.GetAsync("/api" + oldestLink)).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("title").GetString()).Should().Equal("Portal", "Kiosk");
    }

    /// <summary>
    /// Where leads came from: a source is a name the chat knows, read as one after "from", "via" or "through", before a
    /// lead word, or with "source" or "channel"; "came in from" asks a source even where the word is also a sector.
    /// </summary>
    [Fact]
    public async Task LeadSources_AreNamesAndARanking_AndComingFromASectorIsNoSectorQuestion()
    {
        using var empty = new ConsoleFactory();
        var client = await empty.CreateOperatorClientAsync();
        await CreateAccountAsync(client, "Quail Ltd", "marketing");
        async Task LeadAsync(string title, string? source) =>
            (await empty.CreateAgentClient().PostJsonAsync("/api/leads", new { title, source, company = "Quail Ltd" })).EnsureSuccessStatusCode();
        await LeadAsync("Portal", "referral");
        await LeadAsync("Kiosk", "Referral");
        await LeadAsync("Till", "website");
        await LeadAsync("Bot", null);

        Task<JsonElement> AskAsync(string question) => AskJsonAsync(client, question);

        // One source however its leads spell its case, named as the first lead spells it; leads without one are said.
        var where = await AskAsync("Where do our leads come from?");
        where.GetProperty("answer").GetString().Should().Be(
            "By deals, highest first, of 2 lead sources: 1. referral has 2 deals (2 open, 0 won, 0 lost); 2. website has 1 deal (1 open, 0 won, 0 lost).");
        Missing(where).Should().Contain("1 deal has no lead source recorded");
        (await AskAsync("How many leads came from referral?")).GetProperty("answer").GetString().Should().StartWith("Source \"referral\" has 2 deals (2 New; 2 open)");
        (await AskAsync("How many website leads do we have?")).GetProperty("answer").GetString().Should().StartWith("Source \"website\" has 1 deal");

        // "Came in from marketing" asks where leads came from: marketing is no source here, and the answer says so.
        var marketing = await AskAsync("Which leads came in from marketing?");
        marketing.GetProperty("answer").GetString().Should().StartWith("By deals, highest first, of 2 lead sources").And.NotContain("Sector");
        Missing(marketing).Should().Contain("\"marketing\"");
        (await AskAsync("How many accounts are in marketing?")).GetProperty("answer").GetString().Should().StartWith("Sector \"marketing\" has 1 account");
        // An ordinary word that is also a source is not the source unless the question reads it as one.
        (await AskAsync("Is the website healthy?")).GetProperty("answer").GetString().Should().NotContain("Source");
    }

    /// <summary>
    /// "What was our biggest win?" ("win" a noun) got this month's total; it is every won deal, largest first, and its
    /// link is the Leads list sorted by won value, which shows the same deals in the same order.
    /// </summary>
    [Fact]
    public async Task BiggestWin_IsTheLargestWonDeal_AndItsLinkListsTheWinsInThatOrder()
    {
        using var empty = new ConsoleFactory();
        var client = await empty.CreateOperatorClientAsync();
        var now = empty.Clock.GetUtcNow().UtcDateTime;
        await using (var db = empty.CreateDbContext())
        {
            foreach (var (title, estimate, won, daysAgo) in new (string, decimal, decimal, int)[] { ("Portal", 1_000m, 4_200m, 200), ("Kiosk", 9_000m, 3_100m, 3), ("Till", 500m, 700m, 40) })
            {
                var lead = new Lead { Title = title, Status = LeadStatus.Approved, EstimatedValue = estimate, CreatedAt = now.AddDays(-300), UpdatedAt = now, StatusChangedAt = now.AddDays(-daysAgo) };
                db.Add(lead);
                await db.SaveChangesAsync();
                db.Add(new OperatorConsole.Domain.Proposals.Proposal
                {
                    LeadId = lead.Id, Title = title, Status = OperatorConsole.Domain.Proposals.ProposalStatus.Closed, Outcome = OperatorConsole.Domain.Proposals.ProposalOutcome.Won,
                    OutcomeAt = now.AddDays(-daysAgo), OutcomeValue = won, CreatedAt = now.AddDays(-300), UpdatedAt = now, CreatedById = "op", CreatedByName = "Op",
                });
            }

            db.Add(new Lead { Title = "Open and larger", Status = LeadStatus.Qualified, EstimatedValue = 50_000m, CreatedAt = now, UpdatedAt = now, StatusChangedAt = now });
            await db.SaveChangesAsync();
        }

        var answer = await AskJsonAsync(client, "What was our biggest win?");
        answer.GetProperty("answer").GetString().Should().StartWith("Every deal won to").And.Contain("won 8,000 USD from 3 deals; largest first: \"Portal\" 4,200 USD");
        var link = answer.GetProperty("receipts").GetProperty("known")[0].GetProperty("link").GetString()!;
        link.Should().Be("/leads?status=won&sort=-wonValue");
        (await (await client.GetAsync("/api" + link)).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("title").GetString()).Should().Equal("Portal", "Kiosk", "Till");
    }

    /// <summary>
    /// "Which deals are worth more than …": the deals in the value range, counted as the Leads list's value filter counts
    /// them (its link shows the same rows), by stage, the largest named; it was answered with this month's money.
    /// </summary>
    [Fact]
    public async Task DealsInAValueRange_AreCountedAsTheirListLinkShowsThem_AndWhatIsNotAppliedIsMissing()
    {
        using var empty = new ConsoleFactory();
        var client = await empty.CreateOperatorClientAsync();
        foreach (var (title, value, status) in new (string, decimal?, string)[]
                 {
                     ("Portal", 550m, "new"), ("Kiosk", 10_000m, "qualified"), ("Till", 26_768m, "approved"), ("Bot", 12_000m, "lost"), ("Walk-in", null, "new"),
                 })
        {
            (await empty.CreateAgentClient().PostJsonAsync("/api/leads", new { title, estimatedValue = value, status })).EnsureSuccessStatusCode();
        }

        Task<JsonElement> AskAsync(string question) => AskJsonAsync(client, question);

        var over = await AskAsync("Which deals are worth more than 10,000 USD?");
        over.GetProperty("answer").GetString().Should().Be(
            "3 deals have an estimated value of 10,000 USD or more, 48,768 USD together (1 Qualified, 1 Approved, 1 Lost); "
            + "largest first: \"Till\" 26,768 USD (Approved), \"Bot\" 12,000 USD (Lost), \"Kiosk\" 10,000 USD (Qualified).");
        var known = over.GetProperty("receipts").GetProperty("known")[0];
        var link = known.GetProperty("link").GetString()!;
        link.Should().Be("/leads?minValue=10000&sort=-estimatedValue");
        (await (await client.GetAsync("/api" + link)).ReadJsonAsync()).GetProperty("total").GetInt32().Should().Be(3);
        Missing(over).Should().Contain("1 deal has no estimated value, so it is in no range and not counted.");

        var open = await AskAsync("Show me open deals over $5k");
        open.GetProperty("answer").GetString().Should().StartWith("1 open deal has an estimated value of 5,000 USD or more, 10,000 USD together;");
        // The open deals' own list (status=open), not the range over every stage.
        var openLink = open.GetProperty("receipts").GetProperty("known")[0].GetProperty("link").GetString()!;
        openLink.Should().Be("/leads?minValue=5000&status=open&sort=-estimatedValue");
        (await (await client.GetAsync("/api" + openLink)).ReadJsonAsync()).GetProperty("total").GetInt32().Should().Be(1);
        (await AskAsync("How many deals are between 500 and 1000 dollars?")).GetProperty("answer").GetString().Should().StartWith("1 deal has an estimated value of between 500 and 1,000 USD");

        // A period or a ranking does not read the bound, and the answer says so rather than drop it.
        Missing(await AskAsync("Which deals over 5k came in this month?")).Should().Contain("the period is not applied");
        Missing(await AskAsync("Which owner has the most deals worth over 5,000?")).Should().Contain("The bound on value (5,000 USD or more) is not applied");
    }

    /// <summary>
    /// "Which sector grew the most?": won value in the last 90 days against the 90 before, by the change; it asked which
    /// figure to rank by. A fall reads from the largest fall, and a question with no earlier wins says each rise is whole.
    /// </summary>
    [Fact]
    public async Task Growth_RanksTheChangeInWonValue_AgainstTheEquallyLongPeriodBefore()
    {
        using var empty = new ConsoleFactory();
        var client = await empty.CreateOperatorClientAsync();
        // The console's clock (the factory's), not the machine's.
        var today = empty.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.Date;
        async Task WinAsync(string title, string company, decimal value, int daysAgo)
        {
            var id = (await (await empty.CreateAgentClient().PostJsonAsync("/api/leads", new { title, company })).ReadJsonAsync()).GetProperty("id").GetInt32();
            await using var db = empty.CreateDbContext();
            db.Add(new OperatorConsole.Domain.Proposals.Proposal
            {
                LeadId = id, Title = "Offer", Status = OperatorConsole.Domain.Proposals.ProposalStatus.Closed, Outcome = OperatorConsole.Domain.Proposals.ProposalOutcome.Won,
                OutcomeValue = value, OutcomeAt = today.AddDays(-daysAgo), CreatedAt = today.AddDays(-daysAgo), UpdatedAt = today.AddDays(-daysAgo),
                CreatedById = "op", CreatedByName = "Operator",
            });
            await db.SaveChangesAsync();
        }

        await CreateAccountAsync(client, "Quail Ltd", "retail");
        await CreateAccountAsync(client, "Ibis Co", "services");
        await WinAsync("Till", "Quail Ltd", 300m, daysAgo: 120);
        await WinAsync("Kiosk", "Quail Ltd", 100m, daysAgo: 5);
        await WinAsync("Portal", "Ibis Co", 500m, daysAgo: 5);

        Task<JsonElement> AskAsync(string question) => AskJsonAsync(client, question);

        var grew = (await AskAsync("Which sector grew the most?")).GetProperty("answer").GetString();
        grew.Should().StartWith("By growth in won value, the last 90 days").And.Contain("largest rise first, of 2 sectors with a win in either: "
            + "1. services won 500 USD in the last 90 days, up 500 USD on 0 USD in the period before; 2. retail won 100 USD in the last 90 days, down 200 USD (−66.7 %) on 300 USD in the period before.");
        (await AskAsync("Which account declined the most?")).GetProperty("answer").GetString().Should().Contain("largest fall first").And.Contain("1. Quail Ltd won 100 USD");

        today.DayOfYear.Should().BeGreaterThan(120, "every win here is this year");
        // This year so far against as many months before it (ADR 225's comparison): none of them had a win.
        Missing(await AskAsync("Which sector grew the most this year?")).Should().Contain("No sector won a deal in the ").And.Contain(" before, so each rise is its whole won value this year.");
    }

    private static async Task<int> CreateAccountAsync(HttpClient client, string name, string sector) =>
        (await (await client.PostJsonAsync("/api/accounts", new { name, sector })).ReadJsonAsync()).GetProperty("id").GetInt32();

    /// <summary>
    /// "Who hasn't been contacted in two weeks?" got every stale deal, those quiet 9 days among them; and a stale deal
    /// someone acknowledged was named among the ones counted. The answer is the counted deals quiet for the days asked,
    /// and what the bucket leaves out is said.
    /// </summary>
    [Fact]
    public async Task NotContactedInNDays_IsTheCountedStaleDealsQuietThatLong_AcknowledgedOnesLeftOut()
    {
        using var empty = new ConsoleFactory();
        var client = await empty.CreateOperatorClientAsync();
        await empty.AddLeadAsync("Quiet twenty", LeadStatus.Qualified, 40, 20);
        await empty.AddLeadAsync("Quiet nine", LeadStatus.Qualified, 40, 9);
        var snoozed = await empty.AddLeadAsync("Quiet thirty, acknowledged", LeadStatus.Qualified, 40, 30);
        (await client.PostJsonAsync("/api/failures/acknowledgements", new { bucket = "stale_by_touch", key = "lead:" + snoozed.Id, kind = "ack", reason = "They are on holiday" }))
            .EnsureSuccessStatusCode();

        var quiet = await AskJsonAsync(client, "Who hasn't been contacted in two weeks?");
        quiet.GetProperty("answer").GetString().Should().StartWith("1 of the 2 stale by touch have had no touch for 14 days or more: Quiet twenty: no next step, no touch for 20 d")
            .And.NotContain("Quiet nine").And.NotContain("acknowledged");
        Missing(quiet).Should().Contain("next step is planned and not yet due");
        quiet.GetProperty("receipts").GetProperty("known")[0].GetProperty("verified").GetBoolean().Should().BeTrue();

        var stale = (await AskJsonAsync(client, "Who is stale?")).GetProperty("answer").GetString();
        stale.Should().StartWith("2 stale by touch").And.NotContain("acknowledged");
    }

    /// <summary>
    /// "What is the next step for Quail Ltd?" got the account's totals and no step: its open deals' next steps, the
    /// overdue first, then the planned ones; an account with none says so.
    /// </summary>
    [Fact]
    public async Task AnAccountsNextSteps_AreItsOpenDealsSteps_OverdueFirst()
    {
        using var empty = new ConsoleFactory();
        var client = await empty.CreateOperatorClientAsync();
        var now = empty.Clock.GetUtcNow().UtcDateTime;
        var quail = await CreateAccountAsync(client, "Quail Ltd", "Retail");
        await CreateAccountAsync(client, "Heron plc", "Retail");
        var ids = new Dictionary<string, int>();
        foreach (var title in new[] { "Portal", "Kiosk", "Till" })
        {
            ids[title] = (await (await client.PostJsonAsync("/api/leads", new { title, company = "Quail Ltd", accountId = quail, status = "qualified" })).ReadJsonAsync()).GetProperty("id").GetInt32();
        }

        (await client.PutAsJsonAsync($"/api/leads/{ids["Kiosk"]}/next-step", new { what = "Send the quote", dueAt = now.AddDays(3) })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"/api/leads/{ids["Portal"]}/next-step", new { what = "Call back", dueAt = now.AddDays(1) })).EnsureSuccessStatusCode();
        await using (var db = empty.CreateDbContext())
        {
            var portal = await db.Set<Lead>().SingleAsync(l => l.Id == ids["Portal"]);
            portal.NextStepDueAt = now.AddDays(-2);
            await db.SaveChangesAsync();
        }

        var answer = (await AskJsonAsync(client, "What is the next step for Quail Ltd?")).GetProperty("answer").GetString();
        answer.Should().StartWith("Account \"Quail Ltd\" has 3 deals").And.EndWith(
            "; next steps: 1 overdue, oldest first: \"Portal\": \"Call back\" due 23 Nov 2026 (2 d overdue); 1 planned, soonest first: \"Kiosk\": \"Send the quote\" due 28 Nov 2026.");
        (await AskJsonAsync(client, "What are Heron plc's next steps?")).GetProperty("answer").GetString().Should().EndWith("; no open deal of it has a next step planned.");
        (await AskJsonAsync(client, "How many deals does Quail Ltd have?")).GetProperty("answer").GetString().Should().NotContain("next step");
    }

    /// <summary>
    /// A period still to come (ADR 243): "How much will we win next week?" was answered with this week's wins, as if
    /// "next" had not been asked. It is said to be ahead, with the next steps planned in it and the open deals any win
    /// would come from; nothing is forecast, and that is Missing. A question about something else ahead stays unanswered.
    /// </summary>
    [Fact]
    public async Task APeriodAhead_IsSaidToBeAhead_WithTheStepsPlannedInIt_AndTheOpenDeals()
    {
        using var empty = new ConsoleFactory();
        var client = await empty.CreateOperatorClientAsync();
        var now = empty.Clock.GetUtcNow().UtcDateTime;
        var ids = new Dictionary<string, int>();
        foreach (var (title, status, value) in new[] { ("Portal", "qualified", 100m), ("Kiosk", "new", 250m), ("Till", "approved", 900m), ("Walk-in", "lost", 50m) })
        {
            ids[title] = (await (await client.PostJsonAsync("/api/leads", new { title, status, estimatedValue = value })).ReadJsonAsync()).GetProperty("id").GetInt32();
        }

        var nextWeek = OperatorConsole.Domain.Scorecard.ScorecardCalculator.WeekStart(now).AddDays(7);
        (await client.PutAsJsonAsync($"/api/leads/{ids["Kiosk"]}/next-step", new { what = "Call Kiosk", dueAt = nextWeek.AddDays(1).AddHours(10) })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"/api/leads/{ids["Portal"]}/next-step", new { what = "Call Portal", dueAt = now.AddHours(2) })).EnsureSuccessStatusCode();

        var answer = await AskJsonAsync(client, "How much will we win next week?");
        answer.GetProperty("answer").GetString().Should().Be(
            "Next week (30 Nov 2026 – 6 Dec 2026) is still to come: nothing in it is won, lost or created yet. "
            + "1 planned next step is due next week (30 Nov 2026 – 6 Dec 2026), soonest first: \"Kiosk\": \"Call Kiosk\" due 1 Dec 2026. "
            + "2 open deals worth 350 USD estimated could close in it; no open deal records an expected close date, so the console does not say which.");
        Missing(answer).Should().Contain("What next week will bring").And.Contain("makes no forecast");
        answer.GetProperty("receipts").GetProperty("known").EnumerateArray().Select(k => k.GetProperty("link").GetString())
            .Should().Contain("/leads?status=open&sort=-estimatedValue");
        (await (await client.GetAsync("/api/leads?status=open&sort=-estimatedValue")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("title").GetString()).Should().Equal("Kiosk", "Portal");

        // The next 30 days are many days: "in them". A forecast asked by that word gets the same answer, not "forecast" unknown.
        var month = await AskJsonAsync(client, "What's the forecast for the next 30 days?");
        month.GetProperty("answer").GetString().Should().StartWith("The next 30 days (25 Nov 2026 – 25 Dec 2026) are still to come: nothing in them")
            .And.Contain("2 planned next steps are due in the next 30 days").And.Contain("could close in them");
        Missing(month).Should().NotContain("\"forecast\"");
        // A comparison with a period ahead is said not to be made (the other side was dropped with nothing said).
        Missing(await AskJsonAsync(client, "Compare next month with this month")).Should().Contain("The comparison with this month is not made: next month has not happened yet.");
        // What has begun is answered as before; something else ahead is not the console's.
        (await AskJsonAsync(client, "How much did we win this week?")).GetProperty("answer").GetString().Should().NotContain("still to come");
        (await AskJsonAsync(client, "What's the weather tomorrow?")).GetProperty("answer").GetString().Should().Be("The console's data does not answer this question.");
        (await AskJsonAsync(client, "Which next steps are due next week?")).GetProperty("answer").GetString()
            .Should().StartWith("1 planned next step is due next week (30 Nov 2026 – 6 Dec 2026)");
    }

    /// <summary>
    /// "What is our weighted pipeline?" is the Command Center's weighted value (ADR 248): each open stage's estimate times
    /// its win rate, with the rate's sample; a stage with open deals and too few closed is named under Missing.
    /// </summary>
    [Fact]
    public async Task TheWeightedPipeline_WeighsEachStageByItsMeasuredRate_AndNamesAStageWithoutOne()
    {
        using var empty = new ConsoleFactory();
        var client = await empty.CreateOperatorClientAsync();
        var leads = Enumerable.Range(0, 10).Select(i => ($"Closed {i}", i < 6 ? "approved" : "lost", 500m))
            .Append(("Open new", "new", 1000m)).Append(("Open proposal", "proposal", 2000m));
        foreach (var (title, status, value) in leads)
        {
            (await client.PostJsonAsync("/api/leads", new { title, status, estimatedValue = value })).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var answer = await AskJsonAsync(client, "What is our weighted pipeline?");

        answer.GetProperty("answer").GetString().Should().Be(
            "The open pipeline weighted by each stage's win rate is worth 600 USD of 3,000 USD estimated "
            + "(New 1,000 USD × 60 % (won 6 of the 10 closed deals that were in it) = 600 USD).");
        Missing(answer).Should().Contain("A win rate for Proposal: 0 closed deals were in it and a rate takes 10, so its 1 deal, worth 2,000 USD, is not weighted.");
        answer.GetProperty("receipts").GetProperty("known")[0].GetProperty("link").GetString().Should().Be("/");

        // A named open deal's chances are its stage's rate, with the sample; a stage without a rate says so.
        (await AskJsonAsync(client, "What are the chances we win Open new?")).GetProperty("answer").GetString().Should().EndWith(
            "; New's win rate: 60 % (won 6 of the 10 closed deals that were in it), weighted 600 USD.");
        (await AskJsonAsync(client, "How likely is Open proposal to close?")).GetProperty("answer").GetString().Should().EndWith(
            "; Proposal has no measured win rate yet: 0 closed deals were in it and a rate takes 10.");
    }

    /// <summary>
    /// With expected close dates (ADR 245) the period-ahead answer says which open deals are expected to close in it,
    /// soonest first, and counts those without a date and those past theirs; its receipt opens the list filtered to
    /// those days, which gives the same deals. A won deal's date is not counted. Missing still says no forecast is made.
    /// </summary>
    [Fact]
    public async Task APeriodAhead_NamesTheOpenDealsExpectedToCloseInIt_WhenDealsHaveExpectedCloseDates()
    {
        using var empty = new ConsoleFactory();
        var client = await empty.CreateOperatorClientAsync();
        foreach (var (title, company, status, value, on) in new[]
                 {
                     ("Portal", "Acme", "proposal", (decimal?)1200m, "2026-12-18"), ("Kiosk", (string?)null, "qualified", 300m, "2026-12-01"),
                     ("Till", "Acme", "new", (decimal?)null, "2026-12-31"), ("Later", "Bolt", "proposal", 999m, "2027-01-02"),
                     ("Slipped", "Bolt", "qualified", 50m, "2026-11-20"), ("Undated", "Bolt", "new", 70m, (string?)null), ("Won", "Bolt", "approved", 5000m, "2026-12-10"),
                 })
        {
            (await client.PostJsonAsync("/api/leads", new { title, company, status, estimatedValue = value, expectedCloseOn = on })).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var answer = await AskJsonAsync(client, "Which deals will close next month?");
        answer.GetProperty("answer").GetString().Should().Be(
            "Next month (1 Dec 2026 – 31 Dec 2026) is still to come: nothing in it is won, lost or created yet. "
            + "No planned next step is due next month (1 Dec 2026 – 31 Dec 2026). "
            + "3 open deals of 6, worth 1,500 USD estimated, are expected to close in it, soonest first: "
            + "\"Kiosk\" (1 Dec 2026, 300 USD); \"Portal\" (Acme, 18 Dec 2026, 1,200 USD); \"Till\" (Acme, 31 Dec 2026, no estimate); "
            + "1 open deal has no expected close date; 1 open deal is past the day it was expected to close.");
        Missing(answer).Should().Contain("the expected close dates are what people set").And.Contain("does not weigh the estimates");
        var link = answer.GetProperty("receipts").GetProperty("known").EnumerateArray().Select(k => k.GetProperty("link").GetString())
            .Single(l => l!.Contains("expectedClose"));
        link.Should().Be("/leads?status=open&expectedCloseFrom=2026-12-01&expectedCloseTo=2026-12-31&sort=expectedCloseOn");
        (await (await client.GetAsync("/api" + link)).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("title").GetString()).Should().Equal("Kiosk", "Portal", "Till");

        (await AskJsonAsync(client, "What will close next week?")).GetProperty("answer").GetString()
            .Should().Contain("1 open deal of 6, worth 300 USD estimated, is expected to close in it, soonest first: \"Kiosk\" (1 Dec 2026, 300 USD);");
        (await AskJsonAsync(client, "What will close tomorrow?")).GetProperty("answer").GetString()
            .Should().Contain("None of the 6 open deals is expected to close in it by its expected close date; 1 open deal has no expected close date");

        // A period that has begun reads from today to its end; the days before are past. No period: from today on.
        var thisMonth = await AskJsonAsync(client, "Which deals are closing this month?");
        thisMonth.GetProperty("answer").GetString().Should().Be(
            "None of the 6 open deals is expected to close in the rest of this month (25 Nov 2026 – 30 Nov 2026) by its expected close date; "
            + "1 open deal has no expected close date; 1 open deal is past the day it was expected to close.");
        Missing(thisMonth).Should().NotContain("no open deal records");
        (await AskJsonAsync(client, "What's closing soon?")).GetProperty("answer").GetString().Should().StartWith(
            "4 open deals of 6, worth 2,499 USD estimated, are expected to close from today on, soonest first: \"Kiosk\" (1 Dec 2026, 300 USD);");
        var past = await AskJsonAsync(client, "Which deals are past their expected close date?");
        past.GetProperty("answer").GetString().Should().Be(
            "1 open deal of 6 is past the day it was expected to close, longest past first: \"Slipped\" (Bolt, 20 Nov 2026, 5 d past, 50 USD).");
        past.GetProperty("receipts").GetProperty("known")[0].GetProperty("link").GetString().Should().Be("/leads?status=open&expectedCloseTo=2026-11-24&sort=expectedCloseOn");

        // A named deal or account answers with its own dates, and "expected" is not named as unrecorded.
        var portal = await AskJsonAsync(client, "What is the expected close date of Portal?");
        portal.GetProperty("answer").GetString().Should().Contain(", expected to close 18 Dec 2026.");
        Missing(portal).Should().NotContain("\"expected\"");
        (await AskJsonAsync(client, "When will Bolt's deals close?")).GetProperty("answer").GetString().Should().EndWith(
            "; expected close dates of its open deals: 1 past its date, longest past first: \"Slipped\" (Bolt, 20 Nov 2026, 5 d past, 50 USD); "
            + "1 expected to close, soonest first: \"Later\" (Bolt, 2 Jan 2027, 999 USD).");
    }

    /// <summary>
    /// "Which next steps are due this week?" got every stage's count and "due" named as not recorded, and "What's
    /// overdue?" no answer: the planned steps due in the week (to its calendar end), soonest first, and the overdue ones.
    /// </summary>
    [Fact]
    public async Task NextStepsDue_AreThePlannedStepsByDueDate_AndTheOverdueOnes()
    {
        using var empty = new ConsoleFactory();
        var client = await empty.CreateOperatorClientAsync();
        var now = empty.Clock.GetUtcNow().UtcDateTime;
        var ids = new Dictionary<string, int>();
        foreach (var title in new[] { "Soon", "Later", "Far", "Late" })
        {
            ids[title] = (await (await client.PostJsonAsync("/api/leads", new { title, status = "qualified" })).ReadJsonAsync()).GetProperty("id").GetInt32();
        }

        // This week's calendar end (ISO weeks start on Monday), so "Soon" and "Later" fall inside it and "Far" after it.
        var weekEnd = OperatorConsole.Domain.Scorecard.ScorecardCalculator.WeekStart(now).AddDays(7);
        foreach (var (title, due) in new[] { ("Soon", now.AddMinutes(30)), ("Later", weekEnd.AddMinutes(-30)), ("Far", weekEnd.AddDays(3)), ("Late", now.AddDays(1)) })
        {
            (await client.PutAsJsonAsync($"/api/leads/{ids[title]}/next-step", new { what = "Call " + title, dueAt = due })).EnsureSuccessStatusCode();
        }

        await using (var db = empty.CreateDbContext())
        {
            // A step planned earlier whose day has passed (the API takes no due date in the past).
            var late = await db.Set<Lead>().SingleAsync(l => l.Id == ids["Late"]);
            late.NextStepDueAt = now.AddDays(-2);
            await db.SaveChangesAsync();
        }

        var week = (await AskJsonAsync(client, "Which next steps are due this week?")).GetProperty("answer").GetString();
        week.Should().StartWith("2 planned next steps are due this week").And.Contain("soonest first: \"Soon\": \"Call Soon\"")
            .And.Contain("\"Later\"").And.NotContain("\"Far\"").And.Contain("1 open deal has an overdue next step, oldest first: \"Late\": \"Call Late\"");
        week.IndexOf("\"Soon\"", StringComparison.Ordinal).Should().BeLessThan(week.IndexOf("\"Later\"", StringComparison.Ordinal));
        // "Today" runs to midnight, not to now: a step due this afternoon is due today.
        (await AskJsonAsync(client, "Which next steps are due today?")).GetProperty("answer").GetString()
            .Should().StartWith("1 planned next step is due today (25 Nov 2026), soonest first: \"Soon\"");
        var overdue = await AskJsonAsync(client, "What's overdue?");
        overdue.GetProperty("answer").GetString().Should().StartWith("1 open deal has an overdue next step").And.Contain("(2 d overdue)").And.NotContain("planned");
        overdue.GetProperty("receipts").GetProperty("known")[0].GetProperty("link").GetString().Should().Be("/leads?nextStep=overdue");
    }

    private static async Task<JsonElement> AskJsonAsync(HttpClient client, string question) =>
        await (await client.PostJsonAsync("/api/ops/chat", new { question })).ReadJsonAsync();

    /// <summary>An answer's Missing receipts, one string.</summary>
    private static string Missing(JsonElement answer) =>
        string.Join(" | ", answer.GetProperty("receipts").GetProperty("missing").EnumerateArray().Select(m => m.GetString()));

    private static OperatorConsole.Domain.Proposals.Proposal Proposal(int leadId, string reason) => new()
    {
        LeadId = leadId, Title = "Offer", Status = OperatorConsole.Domain.Proposals.ProposalStatus.Closed,
        Outcome = OperatorConsole.Domain.Proposals.ProposalOutcome.Lost, OutcomeAt = DateTime.UtcNow, OutcomeReason = reason,
        CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, CreatedById = "op", CreatedByName = "Operator",
    };

    [Fact]
    public async Task PartlyAnswerableQuestion_AnswersThePartItCan_AndNamesTheRest()
    {
        var client = await factory.CreateOperatorClientAsync();
        var approved = (await (await client.GetAsync("/api/leads?status=proposal&pageSize=1")).ReadJsonAsync()).GetProperty("total").GetInt32();

        var json = await (await client.PostJsonAsync("/api/ops/chat", new { question = "How many leads are in Proposal and what is their horoscope?" })).ReadJsonAsync();

        json.GetProperty("answer").GetString().Should().StartWith($"{approved} lead");
        json.GetProperty("receipts").GetProperty("missing").EnumerateArray().Select(m => m.GetString()).Should().Contain(m => m!.Contains("horoscope"));
    }

    [Fact]
    public async Task Chat_EmptyQuestion_Is422_AndApiKeyIs403_AndViewerMayAsk()
    {
        var client = await factory.CreateOperatorClientAsync();
        (await client.PostJsonAsync("/api/ops/chat", new { question = "  " })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await factory.CreateAgentClient().PostJsonAsync("/api/ops/chat", new { question = "What is broken?" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var viewer = await factory.CreateViewerClientAsync();
        (await viewer.PostJsonAsync("/api/ops/chat", new { question = "What is broken?" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var history = await (await viewer.GetAsync("/api/ops/chat/history")).ReadJsonAsync();
        history.EnumerateArray().Should().Contain(h => h.GetProperty("question").GetString() == "What is broken?");
    }

    [Fact]
    public async Task AzurePath_TheModelCallsTools_ReceiptsComeFromToolResults_AndInventedNumbersAreFlagged()
    {
        var model = new ToolCallingModel("failures", "How many runs failed?", reply: "There are 97 failed runs.");
        using var azure = new ConsoleFactory
        {
            SeedDemo = true,
            ConfigureServices = services => services.AddSingleton<IChatClient>(model),
        };
        var client = await azure.CreateOperatorClientAsync();
        var failedRuns = (await (await client.GetAsync("/api/failures")).ReadJsonAsync()).GetProperty("counts").GetProperty("failedRuns").GetInt32();

        var json = await (await client.PostJsonAsync("/api/ops/chat", new { question = "How many runs failed?" })).ReadJsonAsync();

        model.ToolNames.Should().Contain(["failures", "pipeline", "money", "entity"], "every fact source is offered as a tool");
        json.GetProperty("engine").GetString().Should().Be("azure_openai");
        json.GetProperty("answer").GetString().Should().Be("There are 97 failed runs.");
        var known = json.GetProperty("receipts").GetProperty("known").EnumerateArray().ToList();
        known.Should().Contain(k => k.GetProperty("source").GetString() == "failures.failed_runs" && k.GetProperty("verified").GetBoolean()
            && k.GetProperty("fact").GetString()!.StartsWith($"{failedRuns} failed runs"), "the receipt is the tool's result, not the model's prose");
        if (failedRuns != 97)
        {
            known.Should().Contain(k => k.GetProperty("fact").GetString() == "The answer states 97" && !k.GetProperty("verified").GetBoolean());
        }
    }

    [Fact]
    public async Task AzurePath_AModelThatCallsNoTool_GetsNoKnownFacts_AndSaysSo()
    {
        using var azure = new ConsoleFactory
        {
            ConfigureServices = services => services.AddSingleton<IChatClient>(new ToolCallingModel(null, "", reply: "Everything is fine.")),
        };
        var client = await azure.CreateOperatorClientAsync();

        var json = await (await client.PostJsonAsync("/api/ops/chat", new { question = "Is anything broken?" })).ReadJsonAsync();

        json.GetProperty("receipts").GetProperty("known").GetArrayLength().Should().Be(0);
        json.GetProperty("receipts").GetProperty("missing")[0].GetString().Should().Contain("called no console tool");
    }

    [Fact]
    public void WhenAzureOpenAIIsConfigured_TheRealAzureClientIsWiredAsTheChatClient()
    {
        using var configured = new ConsoleFactory();
        configured.Settings["Chat:AzureOpenAI:Endpoint"] = "https://contoso-test.openai.azure.com/";
        configured.Settings["Chat:AzureOpenAI:Deployment"] = "gpt-4o-mini";
        configured.Settings["Chat:AzureOpenAI:ApiKey"] = "not-a-real-key";

        var client = configured.Services.GetRequiredService<IChatClient>();

        // Building the client contacts nothing; it is the Azure OpenAI SDK behind Microsoft.Extensions.AI.
        var metadata = client.GetService<ChatClientMetadata>();
        metadata.Should().NotBeNull();
        metadata!.ProviderUri!.Host.Should().Be("contoso-test.openai.azure.com");
        metadata.DefaultModelId.Should().Be("gpt-4o-mini");
        configured.Services.GetRequiredService<OperatorConsole.Web.Features.Chat.OpsChatService>().UsesModel.Should().BeTrue();
        factory.Services.GetService<IChatClient>().Should().BeNull("without configuration the built-in grounded engine answers");
    }

    /// <summary>A fake model that calls one tool first (as Azure OpenAI does with function calling), then answers.</summary>
    private sealed class ToolCallingModel(string? tool, string argument, string reply) : IChatClient
    {
        public List<string> ToolNames { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            ToolNames.Clear();
            ToolNames.AddRange(options?.Tools?.Select(t => t.Name) ?? []);
            var calledAlready = messages.Any(m => m.Contents.OfType<FunctionResultContent>().Any());
            if (tool is not null && !calledAlready)
            {
                return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant,
                    [new FunctionCallContent("call-1", tool, new Dictionary<string, object?> { ["question"] = argument })])));
            }

            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)));
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var response = await GetResponseAsync(messages, options, cancellationToken);
            foreach (var update in response.ToChatResponseUpdates())
            {
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
