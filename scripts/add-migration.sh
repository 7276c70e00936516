#!/usr/bin/env bash
# Adds a migration with the same name for each of the three providers.
# Usage: scripts/add-migration.sh AddLetters
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/SignOnLetters.Web -v q -nologo >/dev/null
for provider in Sqlite Postgres SqlServer; do
  project=src/SignOnLetters.Migrations.$provider
  dotnet ef migrations add "$name" --no-build --project "$project" --startup-project "$project" --output-dir Migrations ||
  dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations
done
