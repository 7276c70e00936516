namespace SignOnLetters.Web.Pages.Signing;

/// <summary>The letter as signing needs it: its terms on the latest version, the titles of its language versions and its (primary) language.</summary>
/// <param name="Titles">The latest version's title in each language, the main language's first.</param>
/// <param name="AliasKeys">The letter's organisation aliases by alias key, so signing applies one without a query per signature.</param>
internal sealed record LetterForSigning(SigningTerms Terms, IReadOnlyList<LetterTitle> Titles, string Language, IReadOnlyDictionary<string, OrganisationAlias> AliasKeys)
{
    /// <summary>The main language's title (for coordinators' own pages and mailings).</summary>
    public string Title => TitleFor(null);

    /// <summary>The title a reader of <paramref name="language"/> reads (<see cref="LetterLanguageVersions.ForReader"/>).</summary>
    public string TitleFor(string? language) => LetterLanguageVersions.ForReader(Titles, t => t.Language, language, Language).Title;

    /// <summary>What an e-mail to a signer is written in: their interface language (else the letter's) and the title of their language version.</summary>
    public (string Language, string Title) ForSigner(string? signerLanguage) =>
        (ReaderLanguage.For(signerLanguage, Language), TitleFor(signerLanguage));

    /// <summary>An organisation signing under one of the letter's aliases claims the organisation's own name (<see cref="SignatureClaims.ApplyAliasAsync"/>).</summary>
    public void ApplyAlias(Signature signature)
    {
        if (signature is { Kind: SignerKind.Organisation, OrganisationKey: { } key } && AliasKeys.TryGetValue(key, out var alias))
            signature.ClaimAliasedOrganisation(alias);
    }

    /// <summary>The letter by slug; drafts do not exist publicly (404), other states answer with their rule.</summary>
    public static async Task<LetterForSigning> FindAsync(AppDbContext db, string slug, CancellationToken cancellationToken)
    {
        if (!LetterSlug.IsWellFormed(slug))
            throw new NotFoundException("The letter");
        var letter = await db.Letters.AsNoTracking()
            .Where(l => l.Slug == slug && l.Status != LetterStatus.Draft)
            .Select(l => new
            {
                Terms = new SigningTerms(l.Id, l.Status, l.WhoMaySign, l.Moderation, l.IndividualsMustGiveOrganisation,
                    l.Versions.Where(v => v.Number == l.LatestVersionNumber).Select(v => v.Id).FirstOrDefault()),
                Titles = l.Versions.Where(v => v.Number == l.LatestVersionNumber)
                    .SelectMany(v => v.Texts.Select(t => new LetterTitle(t.LanguageCode, t.Title)))
                    .ToList(),
                l.PrimaryLanguage,
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The letter");
        var aliases = (await db.OrganisationAliases.AsNoTracking().Where(a => a.LetterId == letter.Terms.LetterId).OrderBy(a => a.Id)
                .ToListAsync(cancellationToken))
            .DistinctBy(a => a.AliasKey, StringComparer.Ordinal)
            .ToDictionary(a => a.AliasKey, StringComparer.Ordinal);
        IReadOnlyList<LetterTitle> titles = letter.Titles.Count > 0 ? letter.Titles : [new LetterTitle(letter.PrimaryLanguage, slug)];
        return new LetterForSigning(letter.Terms, titles, letter.PrimaryLanguage, aliases);
    }
}
