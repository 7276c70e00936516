using System.Globalization;
using System.Security;
using System.Text;
using SignOnLetters.Pdf.Fluent;

namespace SignOnLetters.Pdf.Drawing;

/// <summary>
/// The XMP packet PDF/A requires: the same title, author, subject, dates and tools as the
/// information dictionary (PDF/A checks they agree), the language, the version and its change
/// note (as the document's history), and the PDF/A-3u and PDF/UA-1 identification.
/// </summary>
internal static class XmpMetadata
{
    public static string Creator(DocumentMetadata metadata) => metadata.Creator ?? "SignOnLetters";

    public static string Producer(DocumentMetadata metadata) => metadata.Producer ?? "SignOnLetters.Pdf (SkiaSharp, HarfBuzz)";

    public static string Build(DocumentMetadata metadata)
    {
        var xml = new StringBuilder();
        xml.Append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
            .Append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
            .Append("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"")
            .Append(" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"")
            .Append(" xmlns:stEvt=\"http://ns.adobe.com/xap/1.0/sType/ResourceEvent#\"")
            .Append(" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n");
        if (!string.IsNullOrEmpty(metadata.Title))
            xml.Append("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">").Append(Escape(metadata.Title)).Append("</rdf:li></rdf:Alt></dc:title>\n");
        if (!string.IsNullOrEmpty(metadata.Author))
            xml.Append("<dc:creator><rdf:Seq><rdf:li>").Append(Escape(metadata.Author)).Append("</rdf:li></rdf:Seq></dc:creator>\n");
        if (!string.IsNullOrEmpty(metadata.Subject))
            xml.Append("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">").Append(Escape(metadata.Subject)).Append("</rdf:li></rdf:Alt></dc:description>\n");
        if (!string.IsNullOrWhiteSpace(metadata.Language))
            xml.Append("<dc:language><rdf:Bag><rdf:li>").Append(Escape(metadata.Language)).Append("</rdf:li></rdf:Bag></dc:language>\n");
        if (!string.IsNullOrEmpty(metadata.Keywords))
            xml.Append("<pdf:Keywords>").Append(Escape(metadata.Keywords)).Append("</pdf:Keywords>\n");
        xml.Append("<pdf:Producer>").Append(Escape(Producer(metadata))).Append("</pdf:Producer>\n");
        xml.Append("<xmp:CreatorTool>").Append(Escape(Creator(metadata))).Append("</xmp:CreatorTool>\n");
        var modified = metadata.ModifiedDate ?? metadata.CreationDate;
        if (metadata.CreationDate is { } created)
            xml.Append("<xmp:CreateDate>").Append(Date(created)).Append("</xmp:CreateDate>\n");
        if (modified is { } changed)
            xml.Append("<xmp:ModifyDate>").Append(Date(changed)).Append("</xmp:ModifyDate>\n");
        if (!string.IsNullOrWhiteSpace(metadata.Version))
        {
            xml.Append("<xmpMM:VersionID>").Append(Escape(metadata.Version)).Append("</xmpMM:VersionID>\n");
            if (!string.IsNullOrWhiteSpace(metadata.ChangeNote))
            {
                xml.Append("<xmpMM:History><rdf:Seq><rdf:li rdf:parseType=\"Resource\"><stEvt:action>edited</stEvt:action>")
                    .Append("<stEvt:parameters>").Append(Escape(metadata.ChangeNote)).Append("</stEvt:parameters>");
                if (modified is { } when)
                    xml.Append("<stEvt:when>").Append(Date(when)).Append("</stEvt:when>");
                xml.Append("</rdf:li></rdf:Seq></xmpMM:History>\n");
            }
        }
        xml.Append("<pdfaid:part>3</pdfaid:part>\n<pdfaid:conformance>U</pdfaid:conformance>\n<pdfuaid:part>1</pdfuaid:part>\n")
            .Append("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
        return xml.ToString();
    }

    /// <summary>The same instant as the information dictionary's date, which is written in UTC.</summary>
    private static string Date(DateTimeOffset date) => date.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text);
}
