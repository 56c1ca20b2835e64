using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OperatorConsole.Data.Import;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Import;

// Times the Maven CRM import (8,800 opportunities) into a fresh SQLite file, against two baselines measured in
// the same run on the same machine, so the ratios hold even when the machine is busy:
//   parse   — reading and mapping the CSV only (the floor: no database);
//   raw SQL — the same leads, status history and proposals inserted with prepared ADO.NET commands in one
//             transaction (what a hand-written bulk insert costs on this SQLite).
// The generic CSV path (issue 19) is timed the same way: sales_pipeline.csv + accounts.csv through the column and
// stage mapping guessed from their headers (what /import and POST /api/imports/leads do without a hand mapping),
// against a raw parse of both files with that mapping and prepared inserts of accounts, leads, history, proposals.
// Usage: dotnet run -c Release --project bench/OperatorConsole.Import.Bench -- [maven-folder] [runs] [all|generic]
var folder = args.Length > 0 ? args[0] : ImportSources.FindMavenFolder() ?? throw new InvalidOperationException("Maven CRM folder not found; pass it.");
var runs = args.Length > 1 ? int.Parse(args[1]) : 3;
var genericOnly = args.Length > 2 && args[2] == "generic";
Console.WriteLine($"Maven CRM import benchmark · {folder} · {runs} runs each · {Environment.ProcessorCount} cores");

var genericParse = new List<Sample>();
var genericRaw = new List<Sample>();
var genericImport = new List<Sample>();
for (var run = 0; run < runs; run++)
{
    genericParse.Add(Measure(() => { GenericRows(folder); return Task.CompletedTask; }));
    genericRaw.Add(await MeasureAsync(async () => await RawGenericInsertAsync(folder)));
    var (services, jobs) = await FreshConsoleAsync();
    genericImport.Add(await MeasureAsync(async () => await GenericImportAsync(jobs, folder)));
    await services.DisposeAsync();
}

Report("generic: parse + map (both files)", genericParse);
Report("generic: raw SQL insert (parse included)", genericRaw);
Report("generic: console import (accounts + deals)", genericImport);
Console.WriteLine($"generic import: {8800 / (Median(genericImport, s => s.Wall) / 1000):F0} rows/s; ratio import / raw SQL: {Median(genericImport, s => s.Wall) / Median(genericRaw, s => s.Wall):F2}x wall, {Median(genericImport, s => s.Cpu) / Median(genericRaw, s => s.Cpu):F2}x CPU");
if (genericOnly)
{
    return;
}

var parse = new List<Sample>();
var raw = new List<Sample>();
var import = new List<Sample>();
var warm = new List<Sample>();
for (var run = 0; run < runs; run++)
{
    parse.Add(Measure(() => { ImportSources.ReadMavenCrm(folder); return Task.CompletedTask; }));
    raw.Add(await MeasureAsync(async () => await RawInsertAsync(folder)));
    // The database is created and migrated before the clock starts: the benchmark times the import, not the schema.
    var (services, jobs) = await FreshConsoleAsync();
    import.Add(await MeasureAsync(async () => await ConsoleImportAsync(jobs, folder)));
    // Again in the same process and database (emptied): what a running console pays once EF has compiled its
    // queries and update commands for this model. The cold figure above is what the one-shot CLI pays.
    await using (var db = await services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ConsoleDbContext>>().CreateDbContextAsync())
    {
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database,
            "DELETE FROM Proposal; DELETE FROM LeadStatusChange; DELETE FROM Lead; DELETE FROM ImportJob;");
    }

    warm.Add(await MeasureAsync(async () => await ConsoleImportAsync(jobs, folder)));
    await services.DisposeAsync();
}

Report("parse (CsvHelper + mapping)", parse);
Report("raw SQL bulk insert (parse included)", raw);
Report("console import, cold (new process/CLI)", import);
Report("console import, warm (running server)", warm);
Console.WriteLine($"ratio import / raw SQL: {Median(import, s => s.Wall) / Median(raw, s => s.Wall):F2}x wall, {Median(import, s => s.Cpu) / Median(raw, s => s.Cpu):F2}x CPU");
Console.WriteLine($"ratio warm import / raw SQL: {Median(warm, s => s.Wall) / Median(raw, s => s.Wall):F2}x wall, {Median(warm, s => s.Cpu) / Median(raw, s => s.Cpu):F2}x CPU");
Console.WriteLine($"ratio import / parse:   {Median(import, s => s.Wall) / Median(parse, s => s.Wall):F2}x wall, {Median(import, s => s.Cpu) / Median(parse, s => s.Cpu):F2}x CPU");
return;

static async Task ConsoleImportAsync(ImportJobService jobs, string folder)
{
    var result = await jobs.RunMavenNowAsync(folder, DuplicateMode.Skip, Actor.System);
    if (result.Value is not { CreatedCount: 8800 })
    {
        throw new InvalidOperationException($"Import wrote {result.Value?.CreatedCount} leads, expected 8,800.");
    }
}

static async Task GenericImportAsync(ImportJobService jobs, string folder)
{
    var result = await jobs.RunCsvNowAsync(Path.Combine(folder, MavenCrmMapping.PipelineFile), Path.Combine(folder, MavenCrmMapping.AccountsFile), null, DuplicateMode.Skip, Actor.System);
    if (result.Value is not { CreatedCount: 8800, ErrorCount: 0, AccountsCreatedCount: 85 })
    {
        throw new InvalidOperationException($"Generic import: {result.Value?.CreatedCount} leads, {result.Value?.AccountsCreatedCount} accounts, {result.Value?.ErrorCount} errors ({result.Message}); expected 8,800, 85, 0.");
    }
}

/// <summary>Both files read and mapped as the generic import maps them (guessed columns and stage values).</summary>
static (List<AccountSourceRow> Accounts, List<SourceRow> Deals) GenericRows(string folder)
{
    using var accountsFile = File.OpenRead(Path.Combine(folder, MavenCrmMapping.AccountsFile));
    var accountColumns = AccountCsvMapping.Guess(ImportSources.ReadHeader(accountsFile));
    accountsFile.Position = 0;
    var accounts = ImportSources.ReadAccountsCsv(accountsFile, accountColumns, TimeProvider.System.GetUtcNow().Year);
    using var dealsFile = File.OpenRead(Path.Combine(folder, MavenCrmMapping.PipelineFile));
    var columns = LeadCsvMapping.Guess(ImportSources.ReadHeader(dealsFile));
    dealsFile.Position = 0;
    var stages = LeadCsvMapping.GuessStages(ImportSources.DistinctValues(dealsFile, columns["status"]).Select(v => v.Value));
    dealsFile.Position = 0;
    var deals = ImportSources.ReadLeadsCsv(dealsFile, new LeadCsvImportSpec(columns, stages), DateTime.UtcNow, keepCells: false);
    return (accounts, deals);
}

static async Task RawGenericInsertAsync(string folder)
{
    var db = FreshDatabase();
    var (accounts, rows) = GenericRows(folder);
    await using var connection = new SqliteConnection($"Data Source={db}");
    await connection.OpenAsync();
    await Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    await Exec(connection, """
        CREATE TABLE Accounts (Id INTEGER PRIMARY KEY, Name TEXT, NameKey TEXT, Sector TEXT, Employees INTEGER, Revenue TEXT, CreatedAt TEXT);
        CREATE UNIQUE INDEX IX_Accounts_NameKey ON Accounts(NameKey);
        CREATE TABLE Leads (Id INTEGER PRIMARY KEY, Title TEXT, Company TEXT, AccountId INTEGER, Owner TEXT, Source TEXT, EstimatedValue TEXT,
          ExternalId TEXT, Status TEXT, CreatedAt TEXT, UpdatedAt TEXT, StatusChangedAt TEXT);
        CREATE UNIQUE INDEX IX_Leads_ExternalId ON Leads(ExternalId);
        CREATE INDEX IX_Leads_AccountId ON Leads(AccountId);
        CREATE TABLE LeadStatusChanges (Id INTEGER PRIMARY KEY, LeadId INTEGER, FromStatus TEXT, ToStatus TEXT, ChangedAt TEXT, ActorName TEXT);
        CREATE INDEX IX_Changes ON LeadStatusChanges(LeadId, ChangedAt);
        CREATE TABLE Proposals (Id INTEGER PRIMARY KEY, LeadId INTEGER, Title TEXT, Outcome TEXT, OutcomeAt TEXT, OutcomeValue TEXT, Amount TEXT);
        CREATE INDEX IX_Proposals ON Proposals(LeadId);
        """);
    await using var tx = connection.BeginTransaction();
    var account = Command(connection, tx, "INSERT INTO Accounts (Name, NameKey, Sector, Employees, Revenue, CreatedAt) VALUES ($1,$2,$3,$4,$5,$6) RETURNING Id", 6);
    var ids = new Dictionary<string, long>(StringComparer.Ordinal);
    foreach (var row in accounts)
    {
        var a = row.Result.Account!;
        var key = OperatorConsole.Domain.Accounts.AccountRules.NameKey(a.Name)!;
        Set(account, a.Name, key, a.Sector, a.Employees, a.Revenue?.ToString(), DateTime.UtcNow.ToString("O"));
        ids[key] = (long)(await account.ExecuteScalarAsync())!;
    }

    var lead = Command(connection, tx, "INSERT INTO Leads (Title, Company, AccountId, Owner, Source, EstimatedValue, ExternalId, Status, CreatedAt, UpdatedAt, StatusChangedAt) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10) RETURNING Id", 10);
    var change = Command(connection, tx, "INSERT INTO LeadStatusChanges (LeadId, FromStatus, ToStatus, ChangedAt, ActorName) VALUES ($1,$2,$3,$4,'bench')", 4);
    var proposal = Command(connection, tx, "INSERT INTO Proposals (LeadId, Title, Outcome, OutcomeAt, OutcomeValue, Amount) VALUES ($1,$2,$3,$4,$5,$6)", 6);
    foreach (var row in rows)
    {
        var l = row.Result.Lead!;
        long? accountId = OperatorConsole.Domain.Accounts.AccountRules.NameKey(l.Company) is { } k && ids.TryGetValue(k, out var found) ? found : null;
        Set(lead, l.Title, l.Company, accountId, l.Owner, l.Source, l.EstimatedValue?.ToString(), l.ExternalId, l.Status.ToString(), l.CreatedAt.ToString("O"), l.StatusChangedAt.ToString("O"));
        var id = (long)(await lead.ExecuteScalarAsync())!;
        string? from = null;
        foreach (var step in l.History)
        {
            Set(change, id, from, step.Status.ToString(), step.At.ToString("O"));
            await change.ExecuteNonQueryAsync();
            from = step.Status.ToString();
        }

        if (l.Outcome is { } o)
        {
            Set(proposal, id, l.Title, o.Outcome.ToString(), o.At.ToString("O"), o.Value?.ToString(), o.Amount?.ToString());
            await proposal.ExecuteNonQueryAsync();
        }
    }

    await tx.CommitAsync();
}

static async Task<(ServiceProvider Services, ImportJobService Jobs)> FreshConsoleAsync()
{
    var db = FreshDatabase();
    var services = new ServiceCollection()
        .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
        .AddData(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:OperatorConsole"] = $"Data Source={db}",
            ["Storage:Root"] = Path.GetDirectoryName(db),
        }).Build())
        .BuildServiceProvider();
    await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
    return (services, services.GetRequiredService<ImportJobService>());
}

static async Task RawInsertAsync(string folder)
{
    var db = FreshDatabase();
    var rows = ImportSources.ReadMavenCrm(folder);
    await using var connection = new SqliteConnection($"Data Source={db}");
    await connection.OpenAsync();
    await Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    await Exec(connection, """
        CREATE TABLE Leads (Id INTEGER PRIMARY KEY, Title TEXT, Company TEXT, ContactName TEXT, Source TEXT, EstimatedValue TEXT,
          ExternalId TEXT, Status TEXT, CreatedAt TEXT, UpdatedAt TEXT, StatusChangedAt TEXT);
        CREATE UNIQUE INDEX IX_Leads_ExternalId ON Leads(ExternalId);
        CREATE TABLE LeadStatusChanges (Id INTEGER PRIMARY KEY, LeadId INTEGER, FromStatus TEXT, ToStatus TEXT, ChangedAt TEXT, ActorName TEXT);
        CREATE INDEX IX_Changes ON LeadStatusChanges(LeadId, ChangedAt);
        CREATE TABLE Proposals (Id INTEGER PRIMARY KEY, LeadId INTEGER, Title TEXT, Outcome TEXT, OutcomeAt TEXT, OutcomeValue TEXT, Amount TEXT);
        CREATE INDEX IX_Proposals ON Proposals(LeadId);
        """);
    await using var tx = connection.BeginTransaction();
    var lead = Command(connection, tx, "INSERT INTO Leads (Title, Company, ContactName, Source, EstimatedValue, ExternalId, Status, CreatedAt, UpdatedAt, StatusChangedAt) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8,$9) RETURNING Id", 9);
    var change = Command(connection, tx, "INSERT INTO LeadStatusChanges (LeadId, FromStatus, ToStatus, ChangedAt, ActorName) VALUES ($1,$2,$3,$4,'bench')", 4);
    var proposal = Command(connection, tx, "INSERT INTO Proposals (LeadId, Title, Outcome, OutcomeAt, OutcomeValue, Amount) VALUES ($1,$2,$3,$4,$5,$6)", 6);
    foreach (var row in rows)
    {
        var l = row.Result.Lead!;
        Set(lead, l.Title, l.Company, l.ContactName, l.Source, l.EstimatedValue?.ToString(), l.ExternalId, l.Status.ToString(), l.CreatedAt.ToString("O"), l.StatusChangedAt.ToString("O"));
        var id = (long)(await lead.ExecuteScalarAsync())!;
        string? from = null;
        foreach (var step in l.History)
        {
            Set(change, id, from, step.Status.ToString(), step.At.ToString("O"));
            await change.ExecuteNonQueryAsync();
            from = step.Status.ToString();
        }

        if (l.Outcome is { } o)
        {
            Set(proposal, id, l.Title, o.Outcome.ToString(), o.At.ToString("O"), o.Value?.ToString(), o.Amount?.ToString());
            await proposal.ExecuteNonQueryAsync();
        }
    }

    await tx.CommitAsync();
}

static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql, int parameters)
{
    var command = connection.CreateCommand();
    command.Transaction = tx;
    command.CommandText = sql;
    for (var i = 1; i <= parameters; i++)
    {
        command.Parameters.Add(new SqliteParameter("$" + i, null));
    }

    command.Prepare();
    return command;
}

static void Set(SqliteCommand command, params object?[] values)
{
    for (var i = 0; i < values.Length; i++)
    {
        command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }
}

static async Task Exec(SqliteConnection connection, string sql)
{
    await using var command = connection.CreateCommand();
    command.CommandText = sql;
    await command.ExecuteNonQueryAsync();
}

static string FreshDatabase()
{
    var dir = Path.Combine(Path.GetTempPath(), "oc-import-bench", Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(dir);
    return Path.Combine(dir, "console.db");
}

static Sample Measure(Func<Task> action) => MeasureAsync(action).GetAwaiter().GetResult();

static async Task<Sample> MeasureAsync(Func<Task> action)
{
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    await action();
    wall.Stop();
    return new Sample(wall.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
}

static double Median(List<Sample> samples, Func<Sample, double> pick)
{
    var sorted = samples.Select(pick).Order().ToList();
    return sorted[sorted.Count / 2];
}

static void Report(string name, List<Sample> samples) =>
    Console.WriteLine($"{name,-40} median {Median(samples, s => s.Wall),8:F0} ms wall, {Median(samples, s => s.Cpu),8:F0} ms CPU   (runs: {string.Join(", ", samples.Select(s => s.Wall.ToString("F0")))})");

internal readonly record struct Sample(double Wall, double Cpu);
