using OperatorConsole.Domain.Chat;

namespace OperatorConsole.Tests.Domain.Chat;

/// <summary>Question → topic, entity, period and uncovered words, per intent (the lexical half; no model needed).</summary>
public sealed class QuestionAnalyzerTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>The question's period runs from <paramref name="from"/> to <paramref name="to"/> (dates) and is called <paramref name="label"/>.</summary>
    private static void ShouldRead(string question, string from, string to, string label)
    {
        var period = ChatPeriods.Parse(question, Now)!;

        period.From.Date.Should().Be(DateTime.Parse(from, System.Globalization.CultureInfo.InvariantCulture));
        period.To.Date.Should().Be(DateTime.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
        period.Label.Should().Be(label);
    }

    private static readonly KnownEntity[] Entities =
    [
        new(EntityKind.Lead, "Harbor Realty lead-gen bot", "1", "/leads/1"),
        new(EntityKind.Account, "Harbor Realty", "Harbor Realty", "/leads?q=Harbor%20Realty"),
        new(EntityKind.Account, "Cancity", "Cancity", "/leads?q=Cancity"),
        new(EntityKind.Integration, "HubSpot sync", "HubSpot sync", "/integrations"),
    ];

    private static QuestionAnalysis Analyze(string question) =>
        QuestionAnalyzer.Analyze(question, Entities, new Dictionary<ChatTopic, float>(), Now);

    [Theory]
    [InlineData("What is broken?", ChatTopic.Failures)]
    [InlineData("How many runs failed?", ChatTopic.Failures)]
    [InlineData("Who is stale?", ChatTopic.Failures)]
    [InlineData("How many leads are in each stage?", ChatTopic.Pipeline)]
    [InlineData("How many proposals did we send?", ChatTopic.Proposals)]
    [InlineData("How many approvals are pending?", ChatTopic.Approvals)]
    [InlineData("What is in the build queue?", ChatTopic.BuildOps)]
    [InlineData("Which agent jobs are high risk?", ChatTopic.AgentJobs)]
    [InlineData("Which clients are off target?", ChatTopic.Results)]
    [InlineData("How much revenue did we make this month?", ChatTopic.Money)]
    [InlineData("What is the bottleneck?", ChatTopic.Constraint)]
    [InlineData("What is in the playbook?", ChatTopic.Learning)]
    [InlineData("Which integrations are silent?", ChatTopic.Integrations)]
    public void EachIntent_IsRecognisedAsItsTopic(string question, ChatTopic expected)
    {
        var analysis = Analyze(question);

        analysis.Topics.Should().NotBeEmpty();
        analysis.Topics[0].Topic.Should().Be(expected);
        analysis.Uncovered.Should().BeEmpty("every word of a question the console answers is covered");
    }

    [Fact]
    public void SemanticSimilarity_AloneCanSelectATopic_AboveTheFloor()
    {
        var analysis = QuestionAnalyzer.Analyze("Anything on fire?", Entities,
            new Dictionary<ChatTopic, float> { [ChatTopic.Failures] = 0.7f, [ChatTopic.Money] = 0.3f }, Now);

        analysis.Topics.Select(t => t.Topic).Should().Equal(ChatTopic.Failures);
    }

    [Theory]
    [InlineData("What stage is Cancity in?", "Cancity", 0)]
    [InlineData("What stage is Cancty in?", "Cancity", 1)]
    [InlineData("how is harbor realty doing", "Harbor Realty", 0)]
    [InlineData("Is the Hubspot synk healthy?", "HubSpot sync", 1)]
    public void Entities_AreFoundExactlyOrWithTypos(string question, string name, int typos)
    {
        var analysis = Analyze(question);

        analysis.Entities.Should().ContainSingle(m => m.Entity.Name == name).Which.Typos.Should().Be(typos);
        analysis.UnknownNames.Should().BeEmpty();
    }

    [Theory]
    [InlineData("How much did Acme Corp pay us?", "Acme Corp")]
    [InlineData("Why did we lose the \"Globex\" deal?", "Globex")]
    [InlineData("What is the favourite colour of the cat owned by client X?", "X")]
    public void UnknownNames_AreReported(string question, string name)
    {
        var analysis = Analyze(question);

        analysis.Entities.Should().BeEmpty();
        analysis.UnknownNames.Should().Contain(name);
    }

    [Fact]
    public void OutOfScopeWords_AreListedAsUncovered()
    {
        Analyze("What will the weather be on Friday?").Uncovered.Should().Equal("weather");
        // Asking how long something takes, or comparing with the period before, is not out of scope in itself.
        Analyze("How long does it take to close a deal?").Uncovered.Should().BeEmpty();
        Analyze("How did we do last quarter compared to the one before?").Uncovered.Should().BeEmpty();
        Analyze("What is the favourite colour of the cat owned by client X?").Uncovered.Should().Contain(["favourite", "colour", "cat"]);
    }

    /// <summary>Q3 2017 was compared with 31 Mar – 30 Jun (92 days back), 2017 with 2 Jan – 31 Dec 2016.</summary>
    [Theory]
    [InlineData("How much did we win in Q3 2017?", "2017-04-01", "2017-07-01", "the quarter before")]
    [InlineData("How much did we win in 2017?", "2016-01-01", "2017-01-01", "the year before")]
    [InlineData("How much did we win in March 2017?", "2017-02-01", "2017-03-01", "the month before")]
    [InlineData("How much did we win this month?", "2026-10-01", "2026-11-01", "the month before")]
    [InlineData("How much did we win last quarter?", "2026-04-01", "2026-07-01", "the quarter before")]
    [InlineData("How much did we win in the last 30 days?", "2026-09-26", "2026-10-26", "the period before")]
    public void APeriodIsComparedWithTheOneBefore_CalendarMonthsByMonths(string question, string from, string to, string label)
    {
        var previous = ChatPeriods.Parse(question, Now)!.Previous();

        previous.From.Date.Should().Be(DateTime.Parse(from, System.Globalization.CultureInfo.InvariantCulture));
        previous.To.Date.Should().Be(DateTime.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
        previous.Label.Should().Be(label);
    }

    [Theory]
    [InlineData("How much did we win this month?", "2026-11-01", "2026-11-25", "this month")]
    [InlineData("How much did we win last month?", "2026-10-01", "2026-11-01", "last month")]
    [InlineData("How much did we win last week?", "2026-11-16", "2026-11-23", "last week")]
    [InlineData("How much did we win in 2017?", "2017-01-01", "2018-01-01", "2017")]
    [InlineData("How much did we win in Q2 2017?", "2017-04-01", "2017-07-01", "Q2 2017")]
    [InlineData("How much did we win in March 2017?", "2017-03-01", "2017-04-01", "March 2017")]
    [InlineData("How much did we win in the last 30 days?", "2026-10-26", "2026-11-25", "the last 30 days")]
    [InlineData("How much did we win this quarter?", "2026-10-01", "2026-11-25", "this quarter")]
    [InlineData("How did we do last quarter compared to the one before?", "2026-07-01", "2026-10-01", "the last quarter")]
    // "Compared to last month" names what the period is compared with: the period asked is this month.
    [InlineData("How are we doing compared to last month?", "2026-11-01", "2026-11-25", "this month")]
    [InlineData("What is our win rate versus the previous quarter?", "2026-10-01", "2026-11-25", "this quarter")]
    [InlineData("How did Q3 do compared with last quarter?", "2026-07-01", "2026-10-01", "Q3 2026")]
    // A month or quarter without its year is the latest one that has begun; the current one runs to now.
    [InlineData("How many deals did we lose in November?", "2026-11-01", "2026-11-25", "November 2026")]
    [InlineData("How much did we win in October?", "2026-10-01", "2026-11-01", "October 2026")]
    [InlineData("How much did we win in December?", "2025-12-01", "2026-01-01", "December 2025")]
    [InlineData("How much did we win during may?", "2026-05-01", "2026-06-01", "May 2026")]
    [InlineData("How much did we win in Q3?", "2026-07-01", "2026-10-01", "Q3 2026")]
    [InlineData("How much did we win in Q4?", "2026-10-01", "2026-11-25", "Q4 2026")]
    [InlineData("What did we win in q1?", "2026-01-01", "2026-04-01", "Q1 2026")]
    // "Not touched in 30 days" is the last 30 days: the chat answers what happened.
    [InlineData("Which accounts have we not touched in 30 days?", "2026-10-26", "2026-11-25", "the last 30 days")]
    [InlineData("Who has been quiet for 14 days?", "2026-11-11", "2026-11-25", "the last 14 days")]
    public void Periods_AreReadAgainstTheConsoleClock(string question, string from, string to, string label)
    {
        ShouldRead(question, from, to, label);
        ChatPeriods.Parse("How much did we win?", Now).Should().BeNull();
    }

    /// <summary>
    /// A period still to come (ADR 243): "next month" was read as this month and "next year" as this year, so "How much
    /// will we win next month?" got this month's wins. It is the calendar's next week (from Monday), month, quarter or
    /// year, or the next N units from now, marked as ahead; so is a period named by its date that begins after now.
    /// </summary>
    [Theory]
    [InlineData("How much will we win next month?", "2026-12-01", "2027-01-01", "next month")]
    [InlineData("Which deals close next week?", "2026-11-30", "2026-12-07", "next week")]
    [InlineData("What's the forecast for the coming quarter?", "2027-01-01", "2027-04-01", "next quarter")]
    [InlineData("What will we win next year?", "2027-01-01", "2028-01-01", "next year")]
    [InlineData("What is due tomorrow?", "2026-11-26", "2026-11-27", "tomorrow")]
    [InlineData("Which next steps are due in the next 30 days?", "2026-11-25", "2026-12-25", "the next 30 days")]
    [InlineData("What will close over the next two weeks?", "2026-11-25", "2026-12-09", "the next 2 weeks")]
    [InlineData("How much will we win in 2027?", "2027-01-01", "2028-01-01", "2027")]
    [InlineData("How much will we win in January 2027?", "2027-01-01", "2027-02-01", "January 2027")]
    public void APeriodAhead_IsReadAsAhead(string question, string from, string to, string label)
    {
        ShouldRead(question, from, to, label);
        ChatPeriods.Parse(question, Now)!.Ahead.Should().BeTrue();
    }

    [Theory]
    [InlineData("How much did we win this month?")]
    [InlineData("How much did we win in 2017?")]
    [InlineData("How much did we win in December?")]
    [InlineData("What did we win in the last 30 days?")]
    public void APeriodThatHasBegun_IsNotAhead(string question) => ChatPeriods.Parse(question, Now)!.Ahead.Should().BeFalse();

    [Theory]
    [InlineData("What is the next step for Harbor Realty?")]
    [InlineData("Which deals have no next step?")]
    public void NextWithoutAUnit_NamesNoPeriod(string question) => ChatPeriods.Parse(question, Now).Should().BeNull();

    /// <summary>
    /// A part of a period: "the first 10 days of December" was answered for all of December with nothing said, and "the
    /// last two weeks of December" the same. The part is cut from the period named, and "last N days" inside it is not
    /// the last N days to now.
    /// </summary>
    [Theory]
    [InlineData("Which deals did we win in the first 10 days of December?", "2025-12-01", "2025-12-11", "the first 10 days of December 2025")]
    [InlineData("How many deals did we lose in the last two weeks of December 2017?", "2017-12-18", "2018-01-01", "the last 2 weeks of December 2017")]
    [InlineData("What did we win in the last 10 days of March 2017?", "2017-03-22", "2017-04-01", "the last 10 days of March 2017")]
    [InlineData("What did we win in the first week of October?", "2026-10-01", "2026-10-08", "the first week of October 2026")]
    [InlineData("What did we win in the second week of October?", "2026-10-08", "2026-10-15", "the second week of October 2026")]
    [InlineData("Revenue in the first half of 2017", "2017-01-01", "2017-07-01", "the first half of 2017")]
    [InlineData("Revenue in the second half of 2017", "2017-07-01", "2018-01-01", "the second half of 2017")]
    [InlineData("What did we win in the first half of December 2017?", "2017-12-01", "2017-12-16", "the first half of December 2017")]
    [InlineData("What did we win in the second half of December 2017?", "2017-12-16", "2018-01-01", "the second half of December 2017")]
    [InlineData("How much did we win in the final 2 months of Q4 2017?", "2017-11-01", "2018-01-01", "the last 2 months of Q4 2017")]
    // A period still running is split as its calendar span and cut at now; "of the month" is this month.
    [InlineData("What did we win in the first half of this month?", "2026-11-01", "2026-11-16", "the first half of this month")]
    [InlineData("What did we win in the first 10 days of the month?", "2026-11-01", "2026-11-11", "the first 10 days of this month")]
    [InlineData("What did we win in the first half of the year?", "2026-01-01", "2026-07-01", "the first half of this year")]
    // The last N weeks or months to now, as the last N days are.
    [InlineData("How much did we win in the last 2 weeks?", "2026-11-11", "2026-11-25", "the last 2 weeks")]
    [InlineData("How much did we win over the past three months?", "2026-08-25", "2026-11-25", "the last 3 months")]
    public void APartOfAPeriod_IsThatPart(string question, string from, string to, string label)
    {
        ShouldRead(question, from, to, label);
    }

    /// <summary>A part is compared with the equally long period before it, not with the whole month before (unless it is whole months).</summary>
    [Fact]
    public void APartOfAPeriod_IsComparedWithTheEquallyLongPeriodBefore()
    {
        var previous = ChatPeriods.Parse("What did we win in the first 10 days of December 2017?", Now)!.Previous();

        (previous.From, previous.To).Should().Be((new DateTime(2017, 11, 21, 0, 0, 0, DateTimeKind.Utc), new DateTime(2017, 12, 1, 0, 0, 0, DateTimeKind.Utc)));
        // A part of whole months is compared by months: the second half of 2017 with the first.
        var firstHalf = ChatPeriods.Parse("How much did we win in the second half of 2017 compared to the first half?", Now)!.Previous();
        (firstHalf.From, firstHalf.To, firstHalf.Label).Should().Be((new DateTime(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2017, 7, 1, 0, 0, 0, DateTimeKind.Utc), "the 6 months before"));
        // The last 3 days of this month (28–30 November) have not begun: no period is made up for them. Its last week
        // has (24–30 November): so far, to now.
        ChatPeriods.Parse("What will we win in the last 3 days of this month?", Now).Should().BeNull();
        var lastWeek = ChatPeriods.Parse("What did we win in the last week of this month?", Now)!;
        (lastWeek.From, lastWeek.To).Should().Be((new DateTime(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc), Now.AddTicks(1)));
    }

    /// <summary>
    /// A span named by its ends: "since October 2017" was answered for October alone, "from March to June 2017" and
    /// "between July and September 2017" for the last month named, and "year to date" for this month with "date" named
    /// as not recorded. Now: from the first end's start to the second's end (or to now).
    /// </summary>
    [Theory]
    [InlineData("How much have we won since October 2017?", "2017-10-01", "2026-11-25", "since October 2017")]
    [InlineData("Which accounts haven't bought anything since June?", "2026-06-01", "2026-11-25", "since June 2026")]
    [InlineData("What was won since last month?", "2026-10-01", "2026-11-25", "since last month")]
    [InlineData("How many deals were won since Q3?", "2026-07-01", "2026-11-25", "since Q3 2026")]
    [InlineData("How much did we win from March to June 2017?", "2017-03-01", "2017-07-01", "from March 2017 to June 2017")]
    [InlineData("How many deals did we win between July and September 2017?", "2017-07-01", "2017-10-01", "from July 2017 to September 2017")]
    [InlineData("What did we win from December to February 2018 by product?", "2017-12-01", "2018-03-01", "from December 2017 to February 2018")]
    [InlineData("Revenue from Q1 through Q3 2017", "2017-01-01", "2017-10-01", "from Q1 2017 to Q3 2017")]
    [InlineData("How much did we win between 2016 and 2017?", "2016-01-01", "2018-01-01", "from 2016 to 2017")]
    [InlineData("How much revenue year to date?", "2026-01-01", "2026-11-25", "this year")]
    [InlineData("What is our YTD revenue?", "2026-01-01", "2026-11-25", "this year")]
    [InlineData("How many deals were lost since the start of the year?", "2026-01-01", "2026-11-25", "this year")]
    [InlineData("Won value quarter-to-date", "2026-10-01", "2026-11-25", "this quarter")]
    public void ASpanByItsEnds_RunsFromTheFirstToTheLast(string question, string from, string to, string label)
    {
        ShouldRead(question, from, to, label);
        Analyze(question).Uncovered.Should().BeEmpty();
    }

    /// <summary>"From" and "between" join a range only when both sides are periods: stages, values and names are not.</summary>
    [Theory]
    [InlineData("What is the conversion from qualified to won in 2017?", "2017-01-01", "2018-01-01")]
    [InlineData("How many leads moved from New to Qualified last month?", "2026-10-01", "2026-11-01")]
    [InlineData("How long since we last won a deal in 2017?", "2017-01-01", "2018-01-01")]
    public void FromAndBetween_WithoutTwoPeriods_AreNotARange(string question, string from, string to)
    {
        var period = ChatPeriods.Parse(question, Now)!;

        (period.From.Date, period.To.Date).Should().Be((DateTime.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateTime.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>A span says when on its own: "since June 2017 (…)", "From March 2017 to June 2017 (…)", never "in since".</summary>
    [Fact]
    public void ASpan_SaysWhenOnItsOwn()
    {
        ChatPeriods.Parse("What did we win since June 2017?", Now)!.When().Should().Be("since June 2017 (1 Jun 2017 – 25 Nov 2026)");
        ChatPeriods.Parse("What did we win from March to June 2017?", Now)!.WhenOpening().Should().Be("From March 2017 to June 2017 (1 Mar 2017 – 30 Jun 2017)");
    }

    /// <summary>Two periods set against each other: the first is asked, the second compared with (November was compared with October).</summary>
    [Theory]
    [InlineData("Did we win more in November or December?", "2026-11-01", "2025-12-01")]
    [InlineData("What was our win rate in Q3 vs Q2?", "2026-07-01", "2026-04-01")]
    [InlineData("How did 2017 compare against 2016?", "2017-01-01", "2016-01-01")]
    [InlineData("Did we sell more in March 2017 than in February 2017?", "2017-03-01", "2017-02-01")]
    // The verb first and a bare "with" / "to" / "and" between: it had no answer at all.
    [InlineData("Compare March 2017 with February 2017", "2017-03-01", "2017-02-01")]
    [InlineData("Compare Q3 to Q2", "2026-07-01", "2026-04-01")]
    [InlineData("Please compare 2017 and 2016.", "2017-01-01", "2016-01-01")]
    public void TwoPeriodsNamed_AreThePeriodAndWhatItIsComparedWith(string question, string first, string second)
    {
        var analysis = Analyze(question);

        analysis.Period!.From.Should().Be(DateTime.Parse(first, System.Globalization.CultureInfo.InvariantCulture));
        analysis.ComparedWith!.From.Should().Be(DateTime.Parse(second, System.Globalization.CultureInfo.InvariantCulture));
        analysis.Has(ChatTopic.Money).Should().BeTrue(question);
        // One period, or "compared to last month" (this month against last month, the period before): no second one.
        Analyze("How much did we win in November?").ComparedWith.Should().BeNull();
        Analyze("How are we doing compared to last month?").ComparedWith.Should().BeNull();
        Analyze("Which deals are worth between 1000 and 2000 dollars?").ComparedWith.Should().BeNull();
    }

    /// <summary>A negation is no subject: "haven't" was reported as something the console does not record.</summary>
    [Theory]
    [InlineData("Which customers haven't we talked to in the last 60 days?")]
    [InlineData("Which leads didn't we contact this week?")]
    public void Negations_AreNotUnrecordedWords(string question) => Analyze(question).Uncovered.Should().BeEmpty();

    [Theory]
    [InlineData("How many accounts do we have?")]
    [InlineData("How many clients do we have?")]
    [InlineData("How many companies do we work with?")]
    public void HowManyAccounts_IsTheResultsTopic_WithEveryWordCovered(string question)
    {
        var analysis = Analyze(question);

        analysis.Has(ChatTopic.Results).Should().BeTrue();
        analysis.Uncovered.Should().BeEmpty();
    }

    /// <summary>Periods ranked or listed by win rate (or loss rate), not by won value: "Which month had the lowest win rate?" was ranked by money.</summary>
    [Theory]
    [InlineData("Which month had the lowest win rate?", false, true, false)]
    [InlineData("What was our best quarter by conversion rate?", false, false, false)]
    [InlineData("Which month had the highest loss rate?", false, false, true)]
    [InlineData("What was our win rate per quarter?", true, false, false)]
    public void APeriodRanking_ByRate_IsARateRanking(string question, bool breakdown, bool ascending, bool loss)
    {
        var ranking = Analyze(question).PeriodRanking!;

        (ranking.Rate, ranking.Breakdown, ranking.Ascending, ranking.Loss).Should().Be((true, breakdown, ascending, loss), question);
        Analyze("Which month did we win the most?").PeriodRanking!.Rate.Should().BeFalse();
    }

    /// <summary>Periods ranked by what was won in each, not a period named: it answered "this month".</summary>
    [Theory]
    [InlineData("Which month did we win the most?", PeriodUnit.Month, false)]
    [InlineData("What was our best quarter?", PeriodUnit.Quarter, false)]
    [InlineData("Which week was the worst?", PeriodUnit.Week, true)]
    [InlineData("What year had the highest revenue?", PeriodUnit.Year, false)]
    // The ordering words are the rankings' own (ChatRanking), so they are known words too, not reported as unrecorded.
    [InlineData("What was our strongest month?", PeriodUnit.Month, false)]
    [InlineData("Which was our weakest quarter?", PeriodUnit.Quarter, true)]
    public void APeriodRanking_IsTheMoneyTopics(string question, PeriodUnit unit, bool ascending)
    {
        var analysis = Analyze(question);

        analysis.PeriodRanking.Should().Be(new PeriodRanking(unit, ascending));
        analysis.Has(ChatTopic.Money).Should().BeTrue();
        analysis.Uncovered.Should().BeEmpty();
    }

    /// <summary>Every period's wins, newest first ("per month", "monthly", "by quarter"): it answered this month alone.</summary>
    [Theory]
    [InlineData("How many deals did we win per month?", PeriodUnit.Month)]
    [InlineData("What is our monthly revenue?", PeriodUnit.Month)]
    [InlineData("Revenue by quarter in 2017", PeriodUnit.Quarter)]
    [InlineData("What did we sell each week this quarter?", PeriodUnit.Week)]
    [InlineData("How much do we sell annually?", PeriodUnit.Year)]
    public void APeriodBreakdown_ListsEveryPeriodsWins(string question, PeriodUnit unit)
    {
        var analysis = Analyze(question);

        analysis.PeriodRanking.Should().Be(new PeriodRanking(unit, false, Breakdown: true));
        analysis.Uncovered.Should().BeEmpty();
    }

    /// <summary>
    /// The leads that came in per period, listed or ranked: "How many leads came in per month?" got every stage's count
    /// as it stands. A question of wins stays one ("new deals we won per month").
    /// </summary>
    [Theory]
    [InlineData("How many leads came in per month?", PeriodUnit.Month, true, false)]
    [InlineData("New leads by week", PeriodUnit.Week, true, false)]
    [InlineData("How many deals were created each quarter?", PeriodUnit.Quarter, true, false)]
    [InlineData("Which month did we get the most new leads?", PeriodUnit.Month, false, false)]
    [InlineData("What was the worst month for new leads?", PeriodUnit.Month, false, true)]
    public void LeadsCreatedPerPeriod_AreListedOrRanked(string question, PeriodUnit unit, bool breakdown, bool ascending)
    {
        var analysis = Analyze(question);

        analysis.PeriodRanking.Should().Be(new PeriodRanking(unit, ascending, breakdown, Created: true), question);
        analysis.Uncovered.Should().BeEmpty();
        Analyze("How many new deals did we win per month?").PeriodRanking.Should().Be(new PeriodRanking(PeriodUnit.Month, false, Breakdown: true));
    }

    [Theory]
    [InlineData("How much did we win this month?")]
    [InlineData("Who won the most this month?")]
    [InlineData("What did we win last month?")]
    [InlineData("Which deals did we win this month?")]
    public void ANamedPeriod_IsNoPeriodRanking(string question) =>
        Analyze(question).PeriodRanking.Should().BeNull();

    /// <summary>"May" alone is a verb, and a month's name is a period only after "in", "during", "for" or "of".</summary>
    [Theory]
    [InlineData("What may be broken?")]
    [InlineData("Which deals may close soon?")]
    [InlineData("Is March Corp a client?")]
    public void AMonthNameThatIsNotAPeriod_IsNoPeriod(string question) =>
        ChatPeriods.Parse(question, Now).Should().BeNull();

    [Theory]
    [InlineData("Why are we losing deals?")]
    [InlineData("What are the reasons we lose deals?")]
    [InlineData("How many leads moved to Qualified this month?")]
    [InlineData("How many deals were created this month?")]
    [InlineData("How many new leads came in last month?")]
    [InlineData("Which deals have been open the longest?")]
    public void LossReasonsAndStageMoves_AreAnsweredByThePipeline(string question)
    {
        var analysis = Analyze(question);

        analysis.Has(ChatTopic.Pipeline).Should().BeTrue();
        analysis.Uncovered.Should().BeEmpty("the stage history answers every word of it");
    }
    private static readonly KnownEntity[] Sectors =
    [
        new(EntityKind.Sector, "retail", "retail", "/clients?q=retail"),
        new(EntityKind.Sector, "services", "services", "/clients?q=services"),
        new(EntityKind.Sector, "software", "software", "/clients?q=software"),
    ];

    /// <summary>A sector is an ordinary word: it is the sector where the question reads it as one, and only there.</summary>
    [Theory]
    [InlineData("How many accounts are in retail?", "retail")]
    [InlineData("What is our win rate in the software sector?", "software")]
    [InlineData("How much did we win from software companies?", "software")]
    [InlineData("How many retail deals did we win?", "retail")]
    [InlineData("Which services industry accounts lost the most?", "services")]
    [InlineData("What services do we offer?", null)]
    [InlineData("Which software do the agents run?", null)]
    public void Sector_IsNamed_OnlyWhereTheQuestionReadsItAsOne(string question, string? sector)
    {
        var analysis = QuestionAnalyzer.Analyze(question, Sectors, new Dictionary<ChatTopic, float>(), Now);

        analysis.Entities.Select(e => e.Entity.Name).Should().BeEquivalentTo(sector is null ? [] : new[] { sector });
    }

    /// <summary>"offer" stemmed to "off", a results word: "What services do we offer?" was about clients off target.</summary>
    [Fact]
    public void OfferAndDoing_AreNoResultsWords()
    {
        OperatorConsole.Domain.Semantic.TextTokens.Stem("offer").Should().Be("offer");
        OperatorConsole.Domain.Semantic.TextTokens.Stem("offers").Should().Be("offer");
        OperatorConsole.Domain.Semantic.TextTokens.Stem("customers").Should().Be(OperatorConsole.Domain.Semantic.TextTokens.Stem("customer"));
        Analyze("What services do we offer?").Topics.Should().NotContain(t => t.Topic == ChatTopic.Results);
        // "doing" said nothing about clients: "How are we doing?" was answered with the clients off target.
        Analyze("How are we doing compared to last month?").Topics.Should().NotContain(t => t.Topic == ChatTopic.Results);
        Analyze("How are our clients doing?").Topics.Should().Contain(t => t.Topic == ChatTopic.Results);
    }

    /// <summary>A period after a verb: "in 2017 (…)" but "last month (…)"; the answers read "won … in yesterday (30 Dec – 30 Dec)".</summary>
    [Theory]
    [InlineData("How much did we win last month?", "last month (1 Oct 2026 – 31 Oct 2026)", "Last month (1 Oct 2026 – 31 Oct 2026)")]
    [InlineData("How much did we win yesterday?", "yesterday (24 Nov 2026)", "Yesterday (24 Nov 2026)")]
    [InlineData("How much did we win in 2025?", "in 2025 (1 Jan 2025 – 31 Dec 2025)", "In 2025 (1 Jan 2025 – 31 Dec 2025)")]
    [InlineData("How much did we win last quarter?", "in the last quarter (1 Jul 2026 – 30 Sep 2026)", "In the last quarter (1 Jul 2026 – 30 Sep 2026)")]
    public void Period_ReadsAfterAVerb_AndOpensASentence(string question, string when, string opening)
    {
        var period = Analyze(question).Period!;

        period.When().Should().Be(when);
        period.WhenOpening().Should().Be(opening);
    }
}

