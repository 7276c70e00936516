using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Markdig.Syntax;
using SignOnLetters.Web.Infrastructure.Markdown;

namespace SignOnLetters.Web.Documents;

/// <summary>
/// The signed letter as a Word file, for coordinators who paste it into press releases: the same
/// <see cref="LetterDocumentModel"/> as the PDF (so the same signatories, by the rule of
/// <see cref="Domain.Signatures.PublicSignatory"/>), written with the Open XML SDK. Headings are
/// Word's own heading styles, so the navigation pane and a table of contents find them; every run
/// carries its language (w:lang: w:val, w:bidi for Arabic and Hebrew script, w:eastAsia for CJK),
/// so spelling and fonts follow each name's script.
/// </summary>
public static class LetterDocx
{
    /// <param name="unnamedLine">"and 12 more who asked not to be named", or null when everyone is named.</param>
    public static byte[] Write(LetterDocumentModel model, LetterDocumentTexts texts, string? unnamedLine)
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var language = model.LanguageCode;
            var rightToLeft = OfficeText.IsRightToLeftLanguage(language);
            AddStyles(main, language, rightToLeft);
            var writer = new Writer(main, language, rightToLeft);

            writer.Paragraph("Title", [(model.Title, Plain)]);
            if (model.Addressees.Count > 0)
            {
                writer.Paragraph(null, [(texts.AddresseesLabel, Bold)]);
                foreach (var addressee in model.Addressees)
                    writer.Paragraph(null, [(string.Join(", ", new[] { addressee.Name, addressee.Title, addressee.Institution }
                        .Where(part => !string.IsNullOrWhiteSpace(part)).Select(part => part!.Trim())), Plain)]);
            }
            writer.Body(model.BodyMarkdown);
            Signatories(writer, model, texts, unnamedLine);

            main.Document = new Document(writer.Body_);
            document.PackageProperties.Title = OfficeText.Clean(model.Title);
            document.PackageProperties.Language = language;
        }
        return buffer.ToArray();
    }

    private static readonly MarkdownBody.InlineStyle Plain = MarkdownBody.InlineStyle.Plain;
    private static readonly MarkdownBody.InlineStyle Bold = Plain with { Bold = true };

    private static void Signatories(Writer writer, LetterDocumentModel model, LetterDocumentTexts texts, string? unnamedLine)
    {
        var signatories = model.Signatories;
        var markLate = model.Edition is not null;
        writer.Paragraph("Heading1", [(texts.SignatoriesHeading, Plain)]);
        writer.Paragraph(null, [(texts.CountsLine(signatories.Counts), Bold)]);
        // Sorted and named by country exactly as in the PDF.
        using var arrangement = new SignatoryArrangement(model.LanguageCode, texts);
        if (signatories.Organisations.Count > 0)
        {
            writer.Paragraph("Heading2", [(texts.OrganisationsHeading, Plain)]);
            Entries(writer, arrangement.Arrange(signatories.Organisations.Select(o => (o.Name, o.CountryCode,
                LetterDocument.SignerDetail(o.Signer, model.Options.ArabicComma), markLate && o.SignedAfterDelivery, o.Unverified)), model.Options.Grouping));
        }
        if (signatories.Individuals.Count > 0)
        {
            writer.Paragraph("Heading2", [(texts.IndividualsHeading, Plain)]);
            if (signatories.Individuals.Any(i => !string.IsNullOrWhiteSpace(i.Organisation)))
                writer.Paragraph(null, [(texts.IdentificationOnlyNote, Plain with { Italic = true })]);
            Entries(writer, arrangement.Arrange(signatories.Individuals.Select(i => (i.Name, i.CountryCode,
                LetterDocument.NullIfBlank(i.Organisation), markLate && i.SignedAfterDelivery, false)), model.Options.Grouping));
        }
        if (unnamedLine is not null)
            writer.Paragraph(null, [(unnamedLine, Plain with { Italic = true })]);
        if (markLate && (signatories.Organisations.Any(o => o.SignedAfterDelivery) || signatories.Individuals.Any(i => i.SignedAfterDelivery)))
            writer.Paragraph(null, [("* " + texts.LateSignatureNote(texts.FormatDate(DateOnly.FromDateTime(model.Edition!.DeliveredAt.DateTime), texts.Culture)), Plain)]);
        if (signatories.Organisations.Any(o => o.Unverified))
            writer.Paragraph(null, [(LetterDocument.UnverifiedMark + " " + texts.UnverifiedNote, Plain)]);
    }

    private static void Entries(Writer writer, IReadOnlyList<SignatoryGroup> groups)
    {
        foreach (var group in groups)
        {
            if (group.Heading is { } heading)
                writer.Paragraph("Heading3", [(heading, Plain)]);
            foreach (var signatory in group.Signatories)
            {
                var hanLanguage = LetterDocument.HanLanguageOf(signatory.CountryCode);
                var runs = new List<(string, MarkdownBody.InlineStyle)> { (signatory.Name, Bold) };
                if (signatory.SignedAfterDelivery)
                    runs.Add(("*", Bold));
                if (signatory.Unverified)
                    runs.Add((LetterDocument.UnverifiedMark, Bold));
                if (signatory.Country is { } country)
                    runs.Add(("\u00A0— " + country, Plain));
                if (signatory.Detail is { } detail)
                    runs.Add(("\n" + detail, Plain));
                // Each name sets its own direction: an Arabic name in an English letter reads right to left.
                writer.Paragraph(null, runs, direction: OfficeText.ScriptOf(signatory.Name) is OfficeText.Script.Arabic or OfficeText.Script.Hebrew ? true : null, hanLanguage: hanLanguage);
            }
        }
    }

    private static void AddStyles(MainDocumentPart main, string language, bool rightToLeft)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        var defaults = new RunPropertiesBaseStyle(
            new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Arial", EastAsia = "Noto Sans CJK SC" },
            new FontSize { Val = "22" },
            new Languages
            {
                Val = rightToLeft ? "en" : language,
                Bidi = rightToLeft ? language : "ar",
                EastAsia = OfficeText.EastAsianLanguage(OfficeText.Script.Han, language, null),
            });
        Style Heading(string id, string name, int size, int outline) => new(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "60" }, new OutlineLevel { Val = outline }),
            new StyleRunProperties(new DocumentFormat.OpenXml.Wordprocessing.Bold(), new BoldComplexScript(), new FontSize { Val = size.ToString() }, new FontSizeComplexScript { Val = size.ToString() }))
        { Type = StyleValues.Paragraph, StyleId = id };
        styles.Styles = new Styles(
            new DocDefaults(new RunPropertiesDefault(defaults), new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120" }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            Heading("Title", "Title", 36, 0),
            Heading("Heading1", "heading 1", 30, 0),
            Heading("Heading2", "heading 2", 26, 1),
            Heading("Heading3", "heading 3", 23, 2),
            Heading("Heading4", "heading 4", 22, 3),
            new Style(new StyleName { Val = "Hyperlink" }, new StyleRunProperties(new Color { Val = "2B6CB0" }, new Underline { Val = UnderlineValues.Single }))
            { Type = StyleValues.Character, StyleId = "Hyperlink" });
    }

    /// <summary>Appends paragraphs to the document's body, each run tagged with its language and direction.</summary>
    private sealed class Writer(MainDocumentPart main, string language, bool rightToLeft)
    {
        public Body Body_ { get; } = new();

        public void Body(string markdown)
        {
            // Within the limits the editors are held to; a text beyond them (stored before they
            // existed) is written as its plain paragraphs, as the PDF does.
            if (MarkdownLimits.ParseWithin(markdown ?? string.Empty, MarkdownBody.Pipeline) is not { } parsed)
            {
                foreach (var paragraph in MarkdownLimits.PlainParagraphs(markdown ?? string.Empty))
                    Paragraph(null, [(paragraph, Plain)]);
                return;
            }
            foreach (var block in parsed)
                Block(block, 0);
        }

        private void Block(Block block, int indent, string? bullet = null)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    // The title is the one Title; Markdown's levels sit under it.
                    Paragraph($"Heading{Math.Min(heading.Level, 4)}", MarkdownBody.Spans(heading.Inline, Plain).ToList(), indent: indent);
                    break;
                case ParagraphBlock paragraph:
                    var spans = MarkdownBody.Spans(paragraph.Inline, Plain).ToList();
                    if (bullet is not null)
                        spans.Insert(0, (bullet + "\t", Plain));
                    Paragraph(null, spans, indent: indent, hanging: bullet is not null);
                    break;
                case ListBlock list:
                    var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var mark = list.IsOrdered ? $"{number++}{list.OrderedDelimiter}" : "•";
                        var first = true;
                        foreach (var child in item)
                        {
                            Block(child, indent + 1, first ? mark : null);
                            first = false;
                        }
                    }
                    break;
                case QuoteBlock quote:
                    foreach (var child in quote)
                        Block(child, indent + 1);
                    break;
                case CodeBlock code:
                    Paragraph(null, [(string.Join("\n", code.Lines.Lines.Take(code.Lines.Count).Select(line => line.ToString())), Plain)], indent: indent);
                    break;
                case HtmlBlock:
                case LinkReferenceDefinitionGroup:
                case ThematicBreakBlock:
                    break;
                case ContainerBlock container:
                    foreach (var child in container)
                        Block(child, indent);
                    break;
                case LeafBlock { Inline: { } inline }:
                    Paragraph(null, MarkdownBody.Spans(inline, Plain).ToList(), indent: indent);
                    break;
            }
        }

        /// <param name="direction">True for a right-to-left paragraph; null follows the letter's language.</param>
        /// <param name="hanLanguage">The language of Han characters in a signatory's name, from their country.</param>
        public void Paragraph(string? style, IReadOnlyList<(string Text, MarkdownBody.InlineStyle Style)> spans, int indent = 0,
            bool hanging = false, bool? direction = null, string? hanLanguage = null)
        {
            var properties = new ParagraphProperties();
            if (style is not null)
                properties.ParagraphStyleId = new ParagraphStyleId { Val = style };
            if (direction ?? rightToLeft)
                properties.BiDi = new BiDi();
            if (indent > 0)
                properties.Indentation = new Indentation { Start = (indent * 360).ToString(), Hanging = hanging ? "360" : null };
            var paragraph = new Paragraph(properties);
            foreach (var (text, inlineStyle) in spans)
            {
                var clean = OfficeText.Clean(text);
                if (clean.Length == 0)
                    continue;
                var run = Run(clean, inlineStyle, hanLanguage);
                if (inlineStyle.Url is { } url)
                {
                    var relationship = main.AddHyperlinkRelationship(new Uri(url, UriKind.Absolute), isExternal: true);
                    run.RunProperties!.RunStyle = new RunStyle { Val = "Hyperlink" };
                    paragraph.AppendChild(new Hyperlink(run) { Id = relationship.Id });
                }
                else
                    paragraph.AppendChild(run);
            }
            Body_.AppendChild(paragraph);
        }

        private Run Run(string text, MarkdownBody.InlineStyle inlineStyle, string? hanLanguage)
        {
            var properties = new RunProperties();
            if (inlineStyle.Bold)
            {
                properties.Bold = new DocumentFormat.OpenXml.Wordprocessing.Bold();
                properties.BoldComplexScript = new BoldComplexScript();
            }
            if (inlineStyle.Italic)
            {
                properties.Italic = new Italic();
                properties.ItalicComplexScript = new ItalicComplexScript();
            }
            var script = OfficeText.ScriptOf(text);
            var languages = new Languages { Val = rightToLeft ? "en" : language };
            if (script is OfficeText.Script.Arabic or OfficeText.Script.Hebrew)
            {
                properties.RightToLeftText = new RightToLeftText();
                languages.Bidi = OfficeText.BidiLanguage(script, language);
            }
            else if (rightToLeft)
                languages.Bidi = language;
            if (script is OfficeText.Script.Han or OfficeText.Script.Kana or OfficeText.Script.Hangul)
                languages.EastAsia = OfficeText.EastAsianLanguage(script, language, hanLanguage);
            properties.Languages = languages;

            var run = new Run(properties);
            // Line breaks inside a run are Word breaks; spaces at either end are kept.
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                    run.AppendChild(new Break());
                if (lines[i].Length > 0)
                    run.AppendChild(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
            }
            return run;
        }
    }
}
