# SignOnLetters web app on .NET 10 and Ubuntu 24.04 "Noble".  Build: docker build -t signonletters .
# Why these images, what the runtime image holds and weighs: docs/decisions/0010-container-image.md.
# Checked without an engine by tests/SignOnLetters.Tests/Deployment/DockerfileTests.cs and
# .ci/check-published-app.sh (the published app run as this image runs it).

# Build on the machine's own platform (the SDK cross-publishes); the app is published for linux-x64.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
# Restore from the project files and the central package versions alone (Directory.Packages.props
# pins every version), so this layer is reused until a project or a version changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/SignOnLetters.Data/SignOnLetters.Data.csproj src/SignOnLetters.Data/
COPY src/SignOnLetters.Pdf/SignOnLetters.Pdf.csproj src/SignOnLetters.Pdf/
COPY src/SignOnLetters.Migrations.Sqlite/SignOnLetters.Migrations.Sqlite.csproj src/SignOnLetters.Migrations.Sqlite/
COPY src/SignOnLetters.Migrations.Postgres/SignOnLetters.Migrations.Postgres.csproj src/SignOnLetters.Migrations.Postgres/
COPY src/SignOnLetters.Migrations.SqlServer/SignOnLetters.Migrations.SqlServer.csproj src/SignOnLetters.Migrations.SqlServer/
COPY src/SignOnLetters.Web/SignOnLetters.Web.csproj src/SignOnLetters.Web/
RUN dotnet restore src/SignOnLetters.Web/SignOnLetters.Web.csproj -r linux-x64
COPY src/ src/
RUN dotnet publish src/SignOnLetters.Web/SignOnLetters.Web.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /app \
 && mkdir /app-data

# The shared libraries the chiseled image lacks: SkiaSharp's libSkiaSharp.so is linked against
# fontconfig (libfontconfig.so.1), which needs FreeType, Expat, libpng, Brotli, bzip2 and zlib.
# They are taken from Noble's own packages here and copied, file by file, into the runtime image:
# nothing is installed there, and the runtime image keeps no package manager and no shell.
FROM --platform=linux/amd64 mcr.microsoft.com/dotnet/runtime-deps:10.0-noble AS native-libraries
ARG NATIVE_LIBRARIES="libfontconfig.so.1 libfreetype.so.6 libexpat.so.1 libpng16.so.16 libbrotlidec.so.1 libbrotlicommon.so.1 libbz2.so.1.0 libz.so.1"
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends libfontconfig1 \
 && mkdir -p /rootfs/usr/lib/x86_64-linux-gnu /rootfs/etc/fonts \
 && for library in $NATIVE_LIBRARIES; do cp -L "/usr/lib/x86_64-linux-gnu/$library" /rootfs/usr/lib/x86_64-linux-gnu/ || exit 1; done \
 && cp /etc/fonts/fonts.conf /rootfs/etc/fonts/ \
 && rm -rf /var/lib/apt/lists/*

# Run: ASP.NET Core on chiseled Noble with ICU and time zones ("extra"): no shell, no package
# manager, a non-root user (app, 1654). The fonts of the PDF letters ship inside the app.
FROM --platform=linux/amd64 mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
COPY --from=native-libraries /rootfs/ /
WORKDIR /app
COPY --from=build /app ./
# App_Data (SQLite file, e-mail pickup folder) is the one place the app writes when configured to;
# owned by the app user so a container without SQL Server or SMTP still works (mount a volume there).
COPY --from=build --chown=1654:1654 /app-data /app/App_Data
ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false
EXPOSE 8080
USER 1654
# The app is its own probe (no curl here): GET /healthz on the address above, exit 0 when healthy.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["dotnet", "SignOnLetters.Web.dll", "--health-check"]
ENTRYPOINT ["dotnet", "SignOnLetters.Web.dll"]
