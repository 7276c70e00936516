using System.Globalization;

namespace SignOnLetters.Domain.Record;

/// <summary>
/// What a signer keeps to check later that their signature is in the letter's record: the letter,
/// the entry's number and its leaf hash, as one line ("signatory-receipt/1 slug 12 3fa4…"). It holds
/// nothing about the signer, so a forwarded receipt tells no more than the public record does.
/// </summary>
public sealed record RecordReceipt(string Slug, int Sequence, string Leaf)
{
    public const string Prefix = "signatory-receipt/1";

    /// <summary>Longest text read as a receipt: a slug, a number and a hash, with room for stray spaces.</summary>
    public const int MaxLength = 300;

    public override string ToString() => $"{Prefix} {Slug} {Sequence.ToString(CultureInfo.InvariantCulture)} {Leaf}";

    /// <summary>
    /// Reads a pasted receipt, whatever spaces and line breaks an e-mail client put in it; null for
    /// anything else. The slug is only checked for its shape: the caller compares it with its letter.
    /// </summary>
    public static RecordReceipt? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
            return null;
        var parts = RecordHashes.ReadPasted(text)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 4 || parts[0] != Prefix || !Letters.LetterSlug.IsWellFormed(parts[1])
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1)
            return null;
        return RecordHashes.IsHash(parts[3]) ? new RecordReceipt(parts[1], sequence, parts[3]) : null;
    }
}
