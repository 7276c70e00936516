#!/usr/bin/env bash
# The published app, run as the container image runs it (issue #24, docs/decisions/0010): no Docker
# engine runs on our machines, so this does what the image would do without one.
#  1. publishes as the Dockerfile does (-c Release -r linux-x64, framework-dependent);
#  2. checks that every shared library the published native code links to, transitively, is in the
#     chiseled runtime image or among the libraries the Dockerfile copies in (NATIVE_LIBRARIES);
#  3. runs `dotnet SignOnLetters.Web.dll --seed-demo` from the publish folder with the app
#     environment of docker-compose.yml (SQLite instead of SQL Server, the pickup folder instead of
#     Mailpit, a free port instead of 8080), in an otherwise empty environment whose PATH holds only
#     dotnet (the image has no shell tools) and whose FONTCONFIG_FILE lists no font directory;
#  4. waits for `--health-check` (compose's health check) to pass, checks the host filter, signs in as
#     the demo coordinator and fetches the demo letter's PDF: a PDF whose text (pdftotext, when
#     installed) holds demo signatories' names in several scripts.
# Usage: .ci/check-published-app.sh [work-folder]. Prints "ok:" per check; exits 0 when all passed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${1:-$(mktemp -d /tmp/sol-published.XXXXXX)}
mkdir -p "$work"
app_pid=
stop_app() { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null; app_pid=; }
trap stop_app EXIT
fail() { echo "FAILED: $*"; [ -f "$work/app.log" ] && { echo "--- last lines of the app's output"; tail -40 "$work/app.log"; }; exit 1; }
ok() { echo "ok: $*"; }
for tool in curl readelf; do
  command -v "$tool" >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$( [ "$tool" = readelf ] && echo binutils || echo curl )" >/dev/null 2>&1 || fail "$tool is needed"; }
done

# 1. Publish.
dotnet publish src/SignOnLetters.Web -c Release -r linux-x64 --self-contained false -o "$work/app" >"$work/publish.log" 2>&1 \
  || { tail -30 "$work/publish.log"; fail "dotnet publish"; }
ok "published to $work/app ($(du -sh "$work/app" | cut -f1))"

# 2. Shared libraries. What the chiseled-extra image has (libc6, libgcc-s1, libstdc++6, libssl3t64,
# libicu74; docs/decisions/0010), and what the Dockerfile copies in.
in_image=" libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 ld-linux-x86-64.so.2 libgcc_s.so.1 libstdc++.so.6 libssl.so.3 libcrypto.so.3 libicuuc.so.74 libicui18n.so.74 libicudata.so.74 "
copied=" $(sed -n 's/^ARG NATIVE_LIBRARIES="\(.*\)"$/\1/p' Dockerfile) "
[ "$copied" != "  " ] || fail "no ARG NATIVE_LIBRARIES=\"...\" line in the Dockerfile"
needed_by() { readelf -d "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }
declare -A seen=()
missing=()
queue=()
while IFS= read -r -d '' library; do queue+=("$library"); done < <(find "$work/app" -name '*.so' -print0)
[ ${#queue[@]} -gt 0 ] || fail "no native library in the publish folder"
while [ ${#queue[@]} -gt 0 ]; do
  file=${queue[0]}; queue=("${queue[@]:1}")
  for soname in $(needed_by "$file"); do
    [ -n "${seen[$soname]:-}" ] && continue
    seen[$soname]=1
    if [[ "$in_image" == *" $soname "* ]]; then continue; fi
    if [[ "$copied" == *" $soname "* ]]; then
      # Follow what the copied library links to, with this machine's copy (Debian's sonames are Noble's).
      path=$(ldconfig -p | awk -v s="$soname" '$1 == s && /x86-64/ { print $NF; exit }')
      [ -n "$path" ] || fail "$soname is copied by the Dockerfile but not installed here, so its own needs cannot be followed"
      queue+=("$path")
    elif [ -e "$work/app/$soname" ]; then
      continue
    else
      missing+=("$soname (needed by $(basename "$file"))")
    fi
  done
done
[ ${#missing[@]} -eq 0 ] || fail "not in the runtime image: ${missing[*]}"
ok "every shared library the native code links to is in the image (${#seen[@]} sonames)"

# 3. Run it. The compose file's app environment, ${VAR:-default} taken at its default.
declare -A environment=()
while IFS= read -r line; do
  key=${line%%:*}; key=${key//[[:space:]]/}
  value=${line#*:}; value=${value#"${value%%[![:space:]]*}"}
  value=${value#\"}; value=${value%\"}
  while [[ "$value" =~ \$\{[A-Za-z_]+:-([^}]*)\} ]]; do value=${value/"${BASH_REMATCH[0]}"/"${BASH_REMATCH[1]}"}; done
  while [[ "$value" =~ \$\{[A-Za-z_]+:\?[^}]*\} ]]; do value=${value/"${BASH_REMATCH[0]}"/unused}; done
  environment[$key]=$value
done < <(awk '/^  app:/ { app = 1; next } /^  [a-z]/ { app = 0 }
              app && /^    environment:/ { env = 1; next } app && /^    [a-z]/ { env = 0 }
              app && env && /^      [A-Za-z_]+:/ { print }' docker-compose.yml)
for key in Database__Provider ConnectionStrings__Default App__PublicBaseUrl AllowedHosts Email__Smtp__Host; do
  [ -n "${environment[$key]+set}" ] || fail "docker-compose.yml's app service does not set $key"
done
port=
for candidate in $(shuf -i 20000-40000 -n 20); do
  (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null || { port=$candidate; break; }
done
[ -n "$port" ] || fail "no free port"
environment[Database__Provider]=Sqlite
environment[ConnectionStrings__Default]="Data Source=$work/data/signonletters.db"
environment[Email__Smtp__Host]=
environment[Email__PickupDirectory]=$work/mail
environment[App__PublicBaseUrl]=${environment[App__PublicBaseUrl]/:8080/:$port}
# The Dockerfile's ENV, on our port.
environment[ASPNETCORE_URLS]=http://+:$port
environment[DOTNET_SYSTEM_GLOBALIZATION_INVARIANT]=false
mkdir -p "$work/bin" "$work/home" "$work/fontconfig-cache"
ln -sf "$(readlink -f "$(command -v dotnet)")" "$work/bin/dotnet"
printf '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><cachedir>%s</cachedir></fontconfig>\n' "$work/fontconfig-cache" >"$work/fonts.conf"
environment[FONTCONFIG_FILE]=$work/fonts.conf
environment[PATH]=$work/bin
environment[HOME]=$work/home
run_env=()
for key in "${!environment[@]}"; do run_env+=("$key=${environment[$key]}"); done
host=${environment[AllowedHosts]%%;*}
base="http://$host:$port"
[ "$host" != "*" ] || base="http://localhost:$port"

(cd "$work/app" && exec env -i "${run_env[@]}" dotnet SignOnLetters.Web.dll --seed-demo) >"$work/app.log" 2>&1 &
app_pid=$!

# 4. Health, as compose asks it.
healthy=
for _ in $(seq 1 90); do
  kill -0 "$app_pid" 2>/dev/null || fail "the app stopped while starting"
  if (cd "$work/app" && env -i "${run_env[@]}" dotnet SignOnLetters.Web.dll --health-check) >"$work/health.log" 2>&1; then healthy=1; break; fi
  sleep 2
done
[ -n "$healthy" ] || { cat "$work/health.log"; fail "--health-check did not pass within 3 minutes"; }
ok "--health-check: $(cat "$work/health.log")"

status=$(curl -s -o "$work/demo.html" -w '%{http_code}' "$base/letters/demo")
[ "$status" = 200 ] && grep -qE '[0-9]+ signatories from [0-9]+ countries' "$work/demo.html" || fail "GET /letters/demo answered $status"
ok "GET /letters/demo answered 200"
if [ "$host" != "*" ]; then
  status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: not-this-app.example' "$base/letters/demo")
  [ "$status" = 400 ] || fail "a request for another host name answered $status, expected 400 (AllowedHosts=${environment[AllowedHosts]})"
  ok "AllowedHosts refuses other host names"
fi

password=$(sed -n 's/.*Sign in as demo@example\.org with the password: \([^[:space:]]*\).*/\1/p' "$work/app.log" | head -1)
[ -n "$password" ] || fail "the demo coordinator's password was not printed"
jar="$work/cookies.txt"
curl -s -c "$jar" -b "$jar" -o "$work/login.html" "$base/Identity/Account/Login"
token=$(sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' "$work/login.html" | head -1)
[ -n "$token" ] || fail "no antiforgery token on the sign-in page"
status=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' \
  --data-urlencode "Input.Email=demo@example.org" --data-urlencode "Input.Password=$password" \
  --data-urlencode "Input.RememberMe=false" --data-urlencode "__RequestVerificationToken=$token" \
  "$base/Identity/Account/Login")
[[ "$status" == 302* && "$status" != *LoginWith2fa* && "$status" != *Lockout* ]] || fail "signing in answered $status"
ok "signed in as the demo coordinator"

status=$(curl -s -b "$jar" -o "$work/demo.pdf" -w '%{http_code} %{content_type}' "$base/letters/demo/pdf")
[ "${status%% *}" = 200 ] || fail "GET /letters/demo/pdf answered $status"
[ "$(head -c 5 "$work/demo.pdf")" = "%PDF-" ] || fail "GET /letters/demo/pdf is not a PDF ($status)"
ok "GET /letters/demo/pdf is a PDF ($(stat -c %s "$work/demo.pdf") bytes)"
if command -v qpdf >/dev/null; then
  qpdf --check "$work/demo.pdf" >"$work/qpdf.log" 2>&1 || { tail -5 "$work/qpdf.log"; fail "qpdf --check"; }
  ok "qpdf --check"
fi
if command -v pdftotext >/dev/null; then
  pdftotext -enc UTF-8 "$work/demo.pdf" "$work/demo.txt" || fail "pdftotext"
  # Shaped Arabic may read back as presentation forms: compare in NFKC, as the PDF tests do.
  if command -v python3 >/dev/null; then
    python3 -c 'import sys, unicodedata; sys.stdout.write(unicodedata.normalize("NFKC", sys.stdin.read()))' <"$work/demo.txt" >"$work/demo.nfkc.txt" \
      && mv "$work/demo.nfkc.txt" "$work/demo.txt"
  fi
  # One named demo signatory per script, from src/SignOnLetters.Web/Infrastructure/Seeding/DemoSignatories.cs.
  for name in "Harm Reduction Australia" "Харм Редукшн Украина" "Γιατροί του Κόσμου Ελλάδας" "الجمعية اللبنانية للحد من الضرر" "日本ハームリダクション協会"; do
    grep -qF "$name" "$work/demo.txt" || fail "the PDF's text lacks the signatory '$name'"
  done
  ok "the PDF's text names demo signatories in Latin, Cyrillic, Greek, Arabic and Japanese script"
fi
stop_app
echo "all checks of the published app passed"
