#!/usr/bin/env bash
# Re-creates the initial migration for both providers from the current model.
# Until the first production release there is one InitialCreate per provider; after it, add
# incremental migrations instead:  dotnet ef migrations add <Name> --context SqliteConsoleDbContext --output-dir Migrations/Sqlite
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
rm -rf OperatorConsole.Data/Migrations OperatorConsole.Data/OperatorConsole
for ctx in Sqlite SqlServer; do
  dotnet ef migrations add InitialCreate \
    --project OperatorConsole.Data --startup-project OperatorConsole.Data \
    --context ${ctx}ConsoleDbContext --output-dir Migrations/${ctx}
done
