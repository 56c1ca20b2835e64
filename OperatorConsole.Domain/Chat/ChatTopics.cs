namespace OperatorConsole.Domain.Chat;

/// <summary>The areas of the console's data a question can be about; each has one typed fact source.</summary>
public enum ChatTopic
{
    Failures,
    Pipeline,
    Proposals,
    Approvals,
    BuildOps,
    AgentJobs,
    Results,
    Money,
    Constraint,
    Learning,
    Integrations,
    Brief,
    Ranking,
    Entity,
}

/// <summary>
/// What each topic is about, twice: example questions (matched by meaning through sentence embeddings) and the
/// word stems that belong to it (matched exactly; they also decide which words of a question the console can
/// answer at all, so the rest is named under Missing).
/// </summary>
public static class ChatTopicCatalog
{
    public sealed record TopicInfo(ChatTopic Topic, string[] Examples, string[] Words);

    public static readonly IReadOnlyList<TopicInfo> Topics =
    [
        new(ChatTopic.Failures,
            ["What is broken?", "What needs a person right now?", "How many runs failed?", "Which leads are stale?", "Who should I follow up with?", "What failed recently?",
             "What should I work on today?", "What should I do first?"],
            ["broken", "break", "fail", "failure", "failed", "failing", "error", "wrong", "problem", "stale", "quiet", "ghost", "follow", "touch", "contact", "talk", "talked", "spoke", "spoken", "intervention", "run", "runs", "need", "needs", "person", "attention", "fix"]),
        new(ChatTopic.Pipeline,
            ["How many leads are in each stage?", "How many leads are in Proposal?", "What does the pipeline look like?", "How many open leads do we have?"],
            ["lead", "leads", "pipeline", "stage", "stages", "funnel", "open", "new", "qualified", "proposal", "approved", "building", "shipped", "lost", "lose", "losing", "reason", "reasons", "move", "moved", "enter", "entered", "created", "came", "arrived", "added", "oldest", "longest", "deal", "deals", "opportunity", "opportunities", "prospect", "prospects", "each", "worth", "value",
             // A deal's next step ("Which leads have no next step?"): the Leads list's filter, counted here (ADR 236).
             "step", "steps", "due", "overdue", "planned", "scheduled",
             // Time in a stage ("How long do deals stay in Qualified?").
             "stay", "stays", "stayed", "sit", "sits", "sitting", "remain", "remains",
             // The weighted pipeline ("What is our weighted pipeline?", ADR 248).
             "weighted", "weight", "probability", "probabilities"]),
        new(ChatTopic.Proposals,
            ["How many proposals did we send?", "How many proposals are drafted?", "Which proposals await approval?", "How many proposals were won or lost?"],
            ["proposal", "proposals", "send", "sent", "draft", "drafted", "drafts", "await", "awaiting", "outcome", "outcomes", "answer", "response", "won", "lost", "quote"]),
        new(ChatTopic.Approvals,
            ["What is waiting for my approval?", "How many approvals are pending?", "What is waiting for a decision?", "What is the oldest approval?"],
            ["approval", "approvals", "approve", "pending", "waiting", "wait", "decide", "decision", "decisions", "sign", "queue", "review"]),
        new(ChatTopic.BuildOps,
            ["What is in the Build Ops queue?", "How many build tasks are in progress?", "Which builds are in review?"],
            ["build", "builds", "task", "tasks", "queue", "queued", "progress", "review", "ops", "backlog", "work"]),
        new(ChatTopic.AgentJobs,
            ["How many agent jobs failed?", "Which agent jobs are high risk?", "What did the coding agent do?", "Which agent changes need review?"],
            ["agent", "agents", "job", "jobs", "coding", "risk", "risky", "high", "change", "changes", "deploy", "deployed", "test", "tests", "branch"]),
        new(ChatTopic.Results,
            ["Which clients are off target?", "How are our clients doing?", "What result did the client get?", "Which clients are on track?"],
            ["client", "clients", "off", "customer", "customers", "account", "accounts", "companies", "result", "results", "target", "targets", "track", "metric", "baseline", "ledger", "outcome", "roi", "measured"]),
        new(ChatTopic.Money,
            ["How much did we win this month?", "What is our win rate?", "What is the average deal size?", "How long is the sales cycle?", "How much revenue did we make?",
             "How did we do last quarter?", "How are we doing?", "How long does it take to close a deal?", "Compare this month with last month", "Which month did we win the most?"],
            ["win", "won", "revenue", "money", "much", "earn", "earned", "make", "made", "rate", "percentage", "percent", "conversion", "ratio", "average", "avg", "median", "typical", "size", "cycle", "long", "usd", "dollars", "value", "worth", "sales", "sold", "income", "book", "booked", "close", "closed", "buy", "bought", "pay", "paid", "spend", "spent"]),
        new(ChatTopic.Constraint,
            ["What is the bottleneck and why?", "Where is the pipeline constrained?", "What slows us down?"],
            ["bottleneck", "constraint", "constrained", "slow", "slows", "stuck", "why", "block", "blocked", "blocking"]),
        new(ChatTopic.Learning,
            ["What is in the playbook?", "How many learning proposals are open?", "What did we learn?", "What lessons are waiting to be promoted?"],
            ["learning", "learn", "learned", "entry", "entries", "lesson", "lessons", "playbook", "promote", "promoted", "suggestion", "suggestions", "transcript", "transcripts"]),
        new(ChatTopic.Integrations,
            ["Which integrations are broken?", "Is any integration silent?", "Are the integrations healthy?"],
            ["integration", "integrations", "silent", "heartbeat", "healthy", "health", "sync", "connector", "webhook"]),
        // A ranking is recognised by the question's structure (ChatRanking), not by words or meaning alone: its examples
        // describe the tool to a model, and its word list is empty so no keyword makes a question a ranking.
        new(ChatTopic.Ranking,
            ["Which sales agent won the most?", "Which account has the most lost deals?", "Who closed the most deals this year?", "What is the win rate by offer type?"],
            []),
        new(ChatTopic.Brief,
            ["What changed since yesterday?", "What happened in the last 24 hours?", "What is new today?"],
            ["changed", "happened", "happen", "brief", "new", "today", "yesterday", "since"]),
    ];

    /// <summary>Words about an entity's own figures ("what stage is X in", "how much is X worth").</summary>
    public static readonly IReadOnlySet<string> EntityWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "stage", "worth", "value", "contact", "contacted", "last", "owner", "status", "about", "account", "company", "lead", "deal", "deals",
        "owners", "owns", "manage", "manages", "managed", "handle", "handles", "handled", "responsible",
    };

    /// <summary>Words that describe periods (handled by the period parser, never "missing").</summary>
    public static readonly IReadOnlySet<string> PeriodWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "today", "yesterday", "week", "weeks", "month", "months", "year", "years", "quarter", "day", "days", "since", "period", "ago", "past",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "q1", "q2", "q3", "q4",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tomorrow", "tonight", "morning",
        "previous", "prior", "during", "between", "compared", "compare", "versus", "vs", "before", "after", "quarters", "next", "upcoming",
        "weekly", "monthly", "quarterly", "yearly", "annual", "annually",
        // A part of a period: "the second half of 2017", "the final week of December".
        "half", "halves", "second", "third", "fourth", "fifth", "final", "opening", "closing",
        // A span by its ends: "since the start of the year", "from March through June", "YTD".
        "start", "beginning", "until", "till", "through", "thru", "ytd", "mtd", "qtd", "wtd",
    };
}
