namespace SignOnLetters.Web.Pages.Signatures.Importing;

/// <summary>
/// <c>dotnet run --project src/SignOnLetters.Web -- import-signatures &lt;slug&gt; &lt;file.csv&gt;</c>:
/// the site's administrator imports a CSV file with our own header
/// (<see cref="ImportMapping.OurHeader"/>) into a letter, with the server's configuration and
/// database, through the same <see cref="SignatureImporter"/> as the coordinators' page. Signatures
/// are approved on the administrator's authority ("by the administrator on the command line" in
/// their history). Prints each refused row as it meets it, then one summary line; exit code 0 when the file was imported (refused rows are
/// listed, with their lines and reasons), 1 when the arguments, the letter or the file are wrong.
/// </summary>
public static class ImportSignaturesVerb
{
    public const string Verb = "import-signatures";

    /// <summary>Refused rows named in the summary line itself; the rest follow it, one a line.</summary>
    private const int RefusalsInSummary = 20;

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0].Equals(Verb, StringComparison.OrdinalIgnoreCase);

    /// <summary>The arguments the web host must not read as configuration.</summary>
    public static string[] HostArguments(string[] args) => IsRequested(args) ? args.Skip(Math.Min(args.Length, 3)).ToArray() : args;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (args.Length < 3)
        {
            await error.WriteLineAsync($"Usage: {Verb} <letter-slug> <file.csv>  (header: {string.Join(',', ImportMapping.OurHeader)})");
            return 1;
        }
        var (slug, path) = (args[1], args[2]);
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"No file at {path}.");
            return 1;
        }
        // Messages in English, whatever the machine's locale: the interface's own sentences.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<SignatureImporter>();
        // The first refused rows for the summary; every one is printed as it comes, so memory stays flat.
        var refused = new List<RefusedRow>();
        void Refuse(RefusedRow row)
        {
            if (refused.Count < RefusalsInSummary)
                refused.Add(row);
            output.WriteLine($"line {row.Line}: {row.Reason}");
        }
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var file = SignatureFile.Open(stream);
            var mapping = new ImportMapping(OurColumns(file.Header), RowDefaults.None);
            var summary = await importer.ImportAsync(slug, file, mapping, coordinatorUserId: null, ImportSignatures.CleanFileName(path), Refuse, cancellationToken,
                ImportTuning.CommandLine);
            await output.WriteLineAsync(Summary(summary, refused));
            return 0;
        }
        catch (NotFoundException)
        {
            await error.WriteLineAsync($"No letter at /letters/{slug} (or it is still a draft). Nothing was imported.");
            return 1;
        }
        catch (DomainRuleException rule)
        {
            await error.WriteLineAsync($"{rule.Message} ({path})");
            return 1;
        }
    }

    /// <summary>Our header's columns in the file's order; a column we do not know is refused, not ignored, so a typo cannot drop a field silently.</summary>
    private static List<ImportField> OurColumns(IReadOnlyList<string> header)
    {
        var proposed = ImportMapping.Propose(header);
        var unknown = header.Where((name, i) => proposed[i] == ImportField.Ignore || !ImportMapping.OurHeader.Contains(name.Trim().ToLowerInvariant())).ToList();
        if (unknown.Count > 0)
            throw new DomainRuleException("The header has columns the command line does not know: {0}. Use {1}.",
                string.Join(", ", unknown), string.Join(',', ImportMapping.OurHeader));
        return proposed.ToList();
    }

    private static string Summary(ImportSummary summary, List<RefusedRow> refused)
    {
        var line = $"Imported {summary.Imported:N0}, duplicates skipped {summary.Duplicates:N0}, refused {summary.Refused:N0}";
        if (refused.Count == 0)
            return line + ".";
        var named = string.Join("; ", refused.Select(r => $"line {r.Line}: {r.Reason.TrimEnd('.')}"));
        return $"{line}: {named}{(summary.Refused > refused.Count ? $"; and {summary.Refused - refused.Count:N0} more (listed above)" : string.Empty)}";
    }
}
