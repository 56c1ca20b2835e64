#!/usr/bin/env bash
# Adds one migration for both providers from the current model:  scripts/add-migration.sh <Name>
# The console has been released (InitialCreate is in the field), so model changes are incremental migrations;
# never regenerate InitialCreate. Review both generated files: a data backfill has to be written by hand.
set -euo pipefail
name="${1:?usage: scripts/add-migration.sh <MigrationName>}"
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for ctx in Sqlite SqlServer; do
  dotnet ef migrations add "$name" \
    --project OperatorConsole.Data --startup-project OperatorConsole.Data \
    --context ${ctx}ConsoleDbContext --output-dir Migrations/${ctx}
done
