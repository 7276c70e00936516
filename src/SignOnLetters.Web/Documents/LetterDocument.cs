using SignOnLetters.Pdf.Fluent;

namespace SignOnLetters.Web.Documents;

/// <summary>Writing direction and the few colours the letter uses, shared by its parts.</summary>
internal sealed class LetterStyle(bool rightToLeft, bool labelsRightToLeft)
{
    public const string LinkColour = "#2B6CB0";
    public const string AccentColour = "#2B6CB0";
    public const string MutedColour = "#4A5568";

    public bool RightToLeft { get; } = rightToLeft;

    /// <summary>
    /// Every block gets the letter's direction explicitly: left to automatic detection, an Arabic
    /// name in an English list would be right-aligned in its column.
    /// </summary>
    public TextDescriptor Paragraph(TextDescriptor text) =>
        text.Direction(RightToLeft ? TextDirection.RightToLeft : TextDirection.LeftToRight);

    /// <summary>
    /// A label of the interface (a heading, "To:", a date, page numbers) as it is set in the letter.
    /// When the interface lacks the letter's language the labels come in another one, often of the
    /// other direction (English in a Hebrew letter); isolated, they keep their own order (":To" and
    /// "November 2026 3" otherwise) and still sit on the letter's side of the page.
    /// </summary>
    public string Label(string text) => LabelIsolates.Open + text + LabelIsolates.Close;

    public (string Open, string Close) LabelIsolates { get; } =
        rightToLeft == labelsRightToLeft ? ("", "") : (labelsRightToLeft ? "\u2067" : "\u2066", "\u2069");

    /// <summary>Aligns to the side lines end on: where the date line goes.</summary>
    public TextDescriptor AlignEnd(TextDescriptor text) => RightToLeft ? text.AlignLeft() : text.AlignRight();
}

/// <summary>
/// The final signed letter as a PDF: letterhead, date, addressees, title, the Markdown text, the
/// closing, then the signatories counted, sorted for the letter's language and set in columns.
/// </summary>
public static class LetterDocument
{
    private const float BodyFontSize = 10.5f;
    private const float SignatoryFontSize = 8.5f;

    public static byte[] Generate(LetterDocumentModel model, LetterDocumentTexts? texts = null)
    {
        using var output = new MemoryStream();
        // Composed here for this one file: its list can go before the file is finished (ADR 0028).
        Compose(model, texts).GenerateOnce(output);
        return output.ToArray();
    }

    public static Document Compose(LetterDocumentModel model, LetterDocumentTexts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        texts ??= LetterDocumentTexts.English;
        Validate(model);
        var style = new LetterStyle(IsRightToLeft(model.LanguageCode), texts.Culture.TextInfo.IsRightToLeft);
        return Document.Create(document => document.Page(page =>
        {
            page.Size(model.Options.PageSize);
            page.Margin(56, 48, 56, 44);
            page.DefaultTextStyle(new TextStyle { FontSize = BodyFontSize, Color = "#1A202C", LineHeight = 1.1f, Language = model.LanguageCode });
            page.Content().Column(column =>
            {
                column.Spacing(8);
                Letterhead(column.Item(), model, texts, style);
                column.Item().Text(text => style.AlignEnd(style.Paragraph(text)).Span(DateLine(model.DateLine, texts, style, model.LanguageCode)));
                if (model.Addressees.Count > 0)
                    Addressees(column.Item(), model.Addressees, model.Options.ArabicComma, texts, style);
                column.Item().KeepWithNext().Bookmark(model.Title).PaddingTop(6).Heading(1).Text(text =>
                {
                    style.Paragraph(text);
                    text.Span(model.Title).FontSize(17).Bold();
                });
                var body = new MarkdownBody(style, model.LanguageCode);
                body.Compose(column, model.BodyMarkdown);
                if (!string.IsNullOrWhiteSpace(model.Closing))
                    column.Item().PaddingTop(4).Text(text => style.Paragraph(text).Span(model.Closing.Trim()));
                // Link addresses and footnotes, after the closing and before the signatories: part of the letter's text.
                body.ComposeNotes(column, texts.NotesHeading);
                Signatories(column, model, texts, style);
            });
            // From page 2 a running head says which letter a loose page belongs to.
            page.Header().ShowOnPages((number, _) => number > 1).PaddingBottom(10).Text(text =>
                style.Paragraph(text).Span($"{model.Title} — {model.LeadOrganisation.Name}").FontSize(8).FontColor(LetterStyle.MutedColour));
            // The version is for the record, not for the minister: a discreet footer and the
            // metadata, not a line under the title. A one-page letter has no page numbers.
            page.Footer().PaddingTop(8).Column(footer =>
            {
                footer.Item().ShowOnPages((_, total) => total > 1).AlignCenter().Text(text =>
                {
                    text.DefaultTextStyle(new TextStyle { FontSize = 8, Color = "#718096" });
                    // One isolate around the whole "Page 2 of 5".
                    var (open, close) = style.LabelIsolates;
                    text.Span(open + texts.PageNumberPrefix);
                    text.CurrentPageNumber();
                    text.Span(texts.PageNumberSeparator);
                    text.TotalPages();
                    text.Span(close);
                });
                footer.Item().AlignCenter().Text(text =>
                    text.Span(style.Label(texts.VersionLine(model.Version, texts.Culture))).FontSize(6.5f).FontColor("#A0AEC0"));
                if (model.Seal is { } seal)
                    SealFooter(footer.Item().ShowOnPages((number, total) => number == total), model, seal, texts, style);
            });
        })).WithMetadata(new DocumentMetadata
        {
            Title = model.Title,
            Author = string.Join(", ", new[] { model.LeadOrganisation }.Concat(model.CoAuthors).Select(organisation => organisation.Name)),
            Subject = $"{(model.Kind == LetterKind.Petition ? texts.PetitionSubject : texts.LetterSubject)}. {texts.VersionLine(model.Version, texts.Culture)}",
            CreationDate = model.Options.CreationDate,
            Language = string.IsNullOrWhiteSpace(model.LanguageCode) ? null : model.LanguageCode,
            Version = model.Version.Number.ToString(CultureInfo.InvariantCulture),
            ChangeNote = model.Version.ChangeNote,
            // The office a letter goes to can sort, count and file the signatories without retyping them.
            Attachments = [SignatoryCsv.Attachment(model, texts)],
            Seal = model.Seal?.Seal,
        });
    }

    /// <summary>
    /// The last page says what this file is and where to check it: the counts, the edition, the
    /// verify page's short address and its QR code, and the record's head when there is one.
    /// </summary>
    private static void SealFooter(IContainer container, LetterDocumentModel model, LetterSeal seal, LetterDocumentTexts texts, LetterStyle style)
    {
        var qr = QRCoder.PngByteQRCodeHelper.GetQRCode(seal.VerifyUrl, QRCoder.QRCodeGenerator.ECCLevel.M, 4);
        container.PaddingTop(4).Row(row =>
        {
            row.Spacing(6);
            row.ConstantItem(34).Image(qr).Width(34); // in the footer, an artifact: the line beside it says where it goes
            row.RelativeItem().Column(lines =>
            {
                void Line(string line) => lines.Item().Text(text =>
                    style.Paragraph(text).Span(style.Label(line)).FontSize(6.5f).FontColor(LetterStyle.MutedColour));
                Line($"{texts.CountsLine(model.Signatories.Counts)} · {texts.EditionLine(seal.EditionNumber)}");
                Line(texts.CheckAt(ShortUrl(seal.VerifyUrl)));
                if (seal.RecordHead is { } head)
                    Line(texts.RecordLine(head));
            });
        });
    }

    /// <summary>"letters.example.org/letters/x/verify": short enough to type from paper.</summary>
    private static string ShortUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host + (uri.IsDefaultPort ? "" : ":" + uri.Port) + uri.AbsolutePath : url;

    private static void Validate(LetterDocumentModel model)
    {
        if (model.Options.Columns is not (2 or 3))
            throw new ArgumentOutOfRangeException(nameof(model), model.Options.Columns, "The signatory list is set in 2 or 3 columns.");
        var counts = model.Signatories.Counts;
        // The counts include signatories who are counted but not named, so they can only be larger.
        if (counts.Organisations < model.Signatories.Organisations.Count || counts.Individuals < model.Signatories.Individuals.Count)
            throw new ArgumentException("The signatory counts are smaller than the lists of named signatories.", nameof(model));
    }

    /// <summary>The letter language's culture; the invariant one for a code .NET does not know.</summary>
    internal static CultureInfo CultureOf(string languageCode)
    {
        if (string.IsNullOrWhiteSpace(languageCode))
            return CultureInfo.InvariantCulture;
        try
        {
            return CultureInfo.GetCultureInfo(languageCode);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    private static bool IsRightToLeft(string languageCode) => CultureOf(languageCode).TextInfo.IsRightToLeft;

    private static string DateLine(LetterDateLine dateLine, LetterDocumentTexts texts, LetterStyle style, string languageCode)
    {
        var date = style.Label(texts.FormatDate(dateLine.Date, texts.Culture));
        return string.IsNullOrWhiteSpace(dateLine.Place) ? date
            : $"{dateLine.Place.Trim()}{Localisation.ListComma(CultureOf(languageCode))}{date}";
    }

    private static void Letterhead(IContainer container, LetterDocumentModel model, LetterDocumentTexts texts, LetterStyle style) => container.PaddingBottom(6).Column(letterhead =>
    {
        letterhead.Item().Row(row =>
        {
            row.Spacing(12);
            var parts = new List<Action>
            {
                () =>
                {
                    if (model.LeadOrganisation.LogoPng is { } logo)
                        row.ConstantItem(44).Tag(StructureTag.Figure(model.LeadOrganisation.Name)).Image(logo).Width(44).MaxHeight(44);
                },
                () => row.RelativeItem().Column(names =>
                {
                    names.Item().Text(text => style.Paragraph(text).Span(model.LeadOrganisation.Name).Bold().FontSize(13).FontColor(LetterStyle.AccentColour));
                    if (model.CoAuthors.Count > 0)
                        names.Item().Text(text => style.Paragraph(text).Span(string.Join(" · ", model.CoAuthors.Select(author => author.Name))).FontSize(8.5f).FontColor(LetterStyle.MutedColour));
                    // Each address line is its own paragraph in the letter's direction: a line typed in
                    // another script keeps its own order, and no line can push its neighbours around.
                    foreach (var line in (model.Contact.Address ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                        names.Item().Text(text => style.Paragraph(text).Span(line).FontSize(8.5f).FontColor(LetterStyle.MutedColour));
                    if (model.Contact.ReplyTo is { Length: > 0 } replyTo)
                        names.Item().Text(text => style.Paragraph(text).Span(style.Label(texts.ReplyToLabel) + " " + replyTo).FontSize(8.5f).FontColor(LetterStyle.MutedColour));
                }),
                () =>
                {
                    foreach (var author in model.CoAuthors.Where(author => author.LogoPng is not null))
                        row.ConstantItem(30).Tag(StructureTag.Figure(author.Name)).Image(author.LogoPng!).Width(30).MaxHeight(30);
                },
            };
            // Rows lay out from the left: a right-to-left letterhead starts with the lead's logo on the right.
            if (style.RightToLeft)
                parts.Reverse();
            foreach (var part in parts)
                part();
        });
        letterhead.Item().PaddingTop(6).LineHorizontal(0.75f, LetterStyle.AccentColour);
    });

    private static void Addressees(IContainer container, IReadOnlyList<LetterAddressee> addressees, bool arabicComma, LetterDocumentTexts texts, LetterStyle style) =>
        container.Column(block =>
        {
            block.Spacing(2);
            block.Item().Text(text => style.Paragraph(text).Span(style.Label(texts.AddresseesLabel)).Bold());
            foreach (var addressee in addressees)
            {
                var parts = new[] { addressee.Name, addressee.Title, addressee.Institution }.Where(part => !string.IsNullOrWhiteSpace(part)).Select(part => part!.Trim()).ToList();
                var line = string.Join(Comma(parts, arabicComma), parts);
                block.Item().Text(text => style.Paragraph(text).Span(line));
            }
        });

    private static void Signatories(ColumnDescriptor column, LetterDocumentModel model, LetterDocumentTexts texts, LetterStyle style)
    {
        var signatories = model.Signatories;
        // Asterisks only mean something once there is a delivery date to refer to.
        var markLate = model.Edition is not null;
        // The heading block (heading, counts, kind) is kept with the first names: never alone at a page foot.
        column.Item().KeepWithNext().Bookmark(texts.SignatoriesHeading).PaddingTop(14).Heading(2).Text(text => style.Paragraph(text).Span(style.Label(texts.SignatoriesHeading)).FontSize(14).Bold());
        column.Item().KeepWithNext().Text(text => style.Paragraph(text).Span(style.Label(texts.CountsLine(signatories.Counts))).Bold().FontColor(LetterStyle.AccentColour));
        var options = model.Options;
        CountNotes(column, model, texts, style);

        if (model.LogoWall.Count > 0)
            LogoWall(column, model.LogoWall, style);

        using var arrangement = new SignatoryArrangement(model.LanguageCode, texts);
        if (signatories.Organisations.Count > 0)
        {
            column.Item().KeepWithNext().Bookmark(texts.OrganisationsHeading, level: 1).PaddingTop(6).Heading(3).Text(text => style.Paragraph(text).Span(style.Label(texts.OrganisationsHeading)).FontSize(12).Bold());
            var groups = arrangement.Arrange(
                signatories.Organisations.Select(o => (o.Name, o.CountryCode, SignerDetail(o.Signer, options.ArabicComma), markLate && o.SignedAfterDelivery, o.Unverified)),
                options.Grouping);
            SignatoryColumns(column.Item(), groups, options, style);
        }
        if (options.IndividualsCountedOnly && signatories.Counts.Individuals > 0)
        {
            // Counted, not named: the heading and how many, so the total above still adds up on paper.
            column.Item().KeepWithNext().Bookmark(texts.IndividualsHeading, level: 1).PaddingTop(10).Heading(3).Text(text => style.Paragraph(text).Span(style.Label(texts.IndividualsHeading)).FontSize(12).Bold());
            column.Item().Text(text => style.Paragraph(text).Span(style.Label(texts.IndividualsCountLine(signatories.Counts.Individuals))));
        }
        else if (signatories.Individuals.Count > 0)
        {
            column.Item().KeepWithNext().Bookmark(texts.IndividualsHeading, level: 1).PaddingTop(10).Heading(3).Text(text => style.Paragraph(text).Span(style.Label(texts.IndividualsHeading)).FontSize(12).Bold());
            if (signatories.Individuals.Any(individual => !string.IsNullOrWhiteSpace(individual.Organisation)))
                column.Item().KeepWithNext().Text(text => style.Paragraph(text).Span(style.Label(texts.IdentificationOnlyNote)).Italic().FontSize(8.5f).FontColor(LetterStyle.MutedColour));
            var groups = arrangement.Arrange(
                signatories.Individuals.Select(i => (i.Name, i.CountryCode, NullIfBlank(i.Organisation), markLate && i.SignedAfterDelivery, false)),
                options.Grouping);
            SignatoryColumns(column.Item(), groups, options, style);
        }
    }

    /// <summary>
    /// What the counts and marks mean, under the counts line and kept with the list that follows: set
    /// after the list, a legend could stand alone on a last page, cut off from the names it explains.
    /// </summary>
    private static void CountNotes(ColumnDescriptor column, LetterDocumentModel model, LetterDocumentTexts texts, LetterStyle style)
    {
        var signatories = model.Signatories;
        var options = model.Options;
        // As on the public list: the counts include people who asked not to be named, and the page says so.
        var unnamed = signatories.Counts.Organisations - signatories.Organisations.Count
            + (options.IndividualsCountedOnly ? 0 : signatories.Counts.Individuals - signatories.Individuals.Count);
        if (unnamed > 0)
            column.Item().KeepWithNext().Text(text => style.Paragraph(text).Span(style.Label(texts.UnnamedLine(unnamed))).Italic().FontColor(LetterStyle.MutedColour));

        var markLate = model.Edition is not null;
        if (markLate && (signatories.Organisations.Any(o => o.SignedAfterDelivery) || signatories.Individuals.Any(i => i.SignedAfterDelivery)))
        {
            var deliveredOn = texts.FormatDate(DateOnly.FromDateTime(model.Edition!.DeliveredAt.DateTime), texts.Culture);
            column.Item().KeepWithNext().Text(text => style.Paragraph(text).Span("* " + style.Label(texts.LateSignatureNote(deliveredOn))).FontSize(8.5f).FontColor(LetterStyle.MutedColour));
        }
        if (signatories.Organisations.Any(o => o.Unverified))
            column.Item().KeepWithNext().Text(text => style.Paragraph(text).Span(UnverifiedMark + " " + style.Label(texts.UnverifiedNote)).FontSize(8.5f).FontColor(LetterStyle.MutedColour));
    }

    /// <summary>
    /// Marks an organisation signature nobody verified (issue 18 row 3): a dagger after the name and
    /// a legend below the list. Discreet rather than omitted, so the minister reads every organisation
    /// the counts include, and knows which ones the letter's coordinators could not vouch for.
    /// </summary>
    internal const string UnverifiedMark = "\u2020";

    internal static string? SignerDetail(SignerLine? signer, bool arabicComma) =>
        signer is null || string.IsNullOrWhiteSpace(signer.Name) ? null
        : string.IsNullOrWhiteSpace(signer.Role) ? signer.Name.Trim()
        : $"{signer.Name.Trim()}{Comma([signer.Name, signer.Role], arabicComma)}{signer.Role.Trim()}";

    /// <summary>
    /// The comma that joins the parts of one line: "، " when any part is in Arabic script (Arabic,
    /// Persian, Urdu…) and the coordinators kept the Arabic comma, else ", ". Decided by the line, not
    /// the letter: an Arabic name in an English letter takes "،", a Latin one in an Arabic letter ",".
    /// </summary>
    internal static string Comma(IEnumerable<string?> parts, bool arabicComma) =>
        arabicComma && parts.Any(part => part is not null && part.Any(IsArabicScript)) ? "\u060C " : ", ";

    private static bool IsArabicScript(char c) =>
        c is (>= '\u0600' and <= '\u06FF') or (>= '\u0750' and <= '\u077F') or (>= '\u08A0' and <= '\u08FF')
            or (>= '\uFB50' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF');

    /// <summary>
    /// The signing organisations' logos, in rows under the counts: each a figure named after its
    /// organisation. Rows fill from the side lines start on.
    /// </summary>
    private static void LogoWall(ColumnDescriptor column, IReadOnlyList<LetterOrganisation> organisations, LetterStyle style)
    {
        const int PerRow = 8;
        const float Cell = 44;
        column.Item().PaddingTop(6).Column(wall =>
        {
            wall.Spacing(8);
            foreach (var chunk in organisations.Where(o => o.LogoPng is not null).Chunk(PerRow))
                wall.Item().ShowEntire().Row(row =>
                {
                    row.Spacing(10);
                    var cells = style.RightToLeft ? chunk.Reverse() : chunk;
                    if (style.RightToLeft)
                        row.RelativeItem();
                    foreach (var organisation in cells)
                        row.ConstantItem(Cell).Tag(StructureTag.Figure(organisation.Name)).Image(organisation.LogoPng!).Width(Cell).MaxHeight(Cell);
                });
        });
    }

    internal static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// The list in columns. Its entries are composed as their pages are laid out (Items(count,
    /// compose)), not all at once: a list of 1,000,000 names as composed elements is gigabytes.
    /// </summary>
    private static void SignatoryColumns(IContainer container, IReadOnlyList<SignatoryGroup> groups, LetterDocumentOptions options, LetterStyle style)
    {
        // Where each group's entries start in the list: an entry's group is found by a binary search
        // (a pair per entry was 16 MB at 1,000,000 signatories, held through the whole render).
        var nonEmpty = groups.Where(group => group.Signatories.Count > 0).ToArray();
        var starts = new int[nonEmpty.Length];
        var count = 0;
        for (var g = 0; g < nonEmpty.Length; g++)
        {
            starts[g] = count;
            count += nonEmpty[g].Signatories.Count;
        }
        container.MultiColumn(options.Columns, spacing: 14, rightToLeft: style.RightToLeft).Tag(StructureTag.List).Column(list =>
        {
            list.Spacing(2);
            list.Items(count, (item, entry) =>
            {
                var found = Array.BinarySearch(starts, item);
                var at = found >= 0 ? found : ~found - 1;
                var group = nonEmpty[at];
                // 0 is the entry its group's heading travels with.
                var index = item - starts[at];
                var signatory = group.Signatories[index];
                // ShowEntire keeps a two-line entry in one column; a heading travels with its first entry.
                if (index == 0 && group.Heading is { } heading)
                    entry.ShowEntire().Column(headed =>
                    {
                        // In the structure tree a group's heading is the label of an item of the list.
                        headed.Item().PaddingTop(4).PaddingBottom(1).Tag(StructureTag.ListItem).Tag(StructureTag.Label).Text(text => style.Paragraph(text).Span(heading).Bold().FontSize(9.5f).FontColor(LetterStyle.AccentColour));
                        Entry(headed.Item(), signatory, options.CjkFacesBySignerCountry, style);
                    });
                else
                    Entry(entry.ShowEntire(), signatory, options.CjkFacesBySignerCountry, style);
            });
        });
    }

    private static void Entry(IContainer container, ListedSignatory signatory, bool hanByCountry, LetterStyle style) => container.Tag(StructureTag.ListItem).Tag(EntryBody).Text(text =>
    {
        style.Paragraph(text);
        // A Han name is drawn with its country's letterforms (a Japanese or Taiwanese name in the
        // Simplified Chinese face reads as misspelt); kana and Hangul decide by themselves.
        text.DefaultTextStyle(new TextStyle { FontSize = SignatoryFontSize, Language = hanByCountry ? HanLanguageOf(signatory.CountryCode) : null });
        text.Span(WithNonBreakingHyphens(signatory.Name)).Bold();
        if (signatory.SignedAfterDelivery)
            text.Span("*").Bold();
        if (signatory.Unverified)
            text.Span(UnverifiedMark).Bold();
        // No-break spaces and hyphens: the dash stays after the name and a country is never split
        // ("South / Korea", "Congo - / Kinshasa"); a country may start the next line whole.
        if (signatory.Country is { } country)
            text.Span("\u00A0— " + WithNonBreakingHyphens(country.Replace(' ', '\u00A0'))).FontColor(LetterStyle.MutedColour);
        if (signatory.Detail is { } detail)
            text.Span("\n" + WithNonBreakingHyphens(detail)).FontSize(7.5f).FontColor(LetterStyle.MutedColour);
    });

    /// <summary>
    /// A name, country or organisation line keeps its hyphens on one line ("Jean-Pierre", "Guinea-Bissau"). The
    /// non-breaking hyphen (U+2011) also reads back in order inside a right-to-left name: a text
    /// extractor's simplified bidi (poppler's) counts U+002D as part of a number and so splits
    /// "ארגון אל-על" into two runs printed in the wrong order on a left-to-right page; U+2011 is a
    /// neutral it keeps inside the run. Screen readers and search treat both as a hyphen.
    /// </summary>
    internal static string WithNonBreakingHyphens(string text) => text.Replace('-', '\u2011');

    /// <summary>A signatory entry's line is its list body's own text: no paragraph element under it.</summary>
    private static readonly StructureTag EntryBody = StructureTag.ListBody with { HoldsItsText = true };

    /// <summary>The language whose letterforms a signatory's Han characters take, from their country; null when the letter's language decides.</summary>
    internal static string? HanLanguageOf(string? countryCode) => countryCode?.ToUpperInvariant() switch
    {
        "JP" => "ja",
        "KR" or "KP" => "ko",
        "TW" or "HK" or "MO" => "zh-Hant",
        "CN" or "SG" => "zh-Hans",
        _ => null,
    };
}
