#!/usr/bin/env bash
# app.sh ROOT DB PORT [args...]: the Release web app of ROOT on the SQLite file DB (benchmark settings).
root=$1; db=$2; port=$3; shift 3
cd $root/src/SignOnLetters.Web
export ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 App__PublicBaseUrl=http://127.0.0.1:$port Security__SecureCookies=false
export Sealing__KeyDirectory=/tmp/signonletters-seal-$port Sealing__CreateKeyIfMissing=true
export Database__Provider=${PROVIDER:-Sqlite} ConnectionStrings__Default="${CONN:-Data Source=$db}" Email__PickupDirectory=/tmp/signonletters-mail-$port
export Signing__RateLimit__Enabled=false Security__TokenLinkRateLimit__Enabled=false Outbox__Enabled=false Logging__LogLevel__Default=Warning
export Security__RequireTwoFactorForPersonalData=false
if [ "$1" = import-signatures ]; then exec dotnet bin/Release/net10.0/SignOnLetters.Web.dll "$@"; fi
exec dotnet bin/Release/net10.0/SignOnLetters.Web.dll "$@" --urls http://127.0.0.1:$port
