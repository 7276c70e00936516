using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SignOnLetters.Domain.Signatures;

namespace SignOnLetters.Domain.Record;

/// <summary>
/// The signatory record's hashing (docs/decisions/0015-signatory-record.md, docs/record-format.md;
/// scripts/verify-record.py computes the same in Python). Every text is length-prefixed (four bytes,
/// big-endian, then UTF-8), so no separator can be forged inside a name; leaves and links of the
/// chain carry different first bytes (0x00, 0x01) as in RFC 6962, so a leaf can never pass for a link.
/// </summary>
public static class RecordHashes
{
    public const string Version = "signatory-record/1";

    /// <summary>The head of an empty record: 64 zeros.</summary>
    public static readonly string EmptyHead = new('0', 64);

    public const int SaltBytes = 16;

    public static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SaltBytes));

    /// <summary>
    /// The commitment to how a signature appears. A listed one commits to what the list shows (the
    /// record publishes those fields with the salt, so anyone recomputes it); one counted without a
    /// line commits to its kind under a salt of its own that stays private, so the commitment is the
    /// signature's alone and says nothing about who it is. Deleting the salt (erasure) leaves it
    /// unopenable for good.
    /// </summary>
    public static string Subject(string saltHex, RecordSubject subject)
    {
        var fields = subject.Listed
            ? new[] { Kind(subject.Kind), subject.Name, subject.Role, subject.Organisation, subject.Country, subject.Unverified ? "unverified" : "" }
            : [Kind(subject.Kind), "hidden"];
        return Hash(Convert.FromHexString(saltHex), fields);
    }

    /// <summary>The hash of one entry: every published field except the shown values, which the subject covers.</summary>
    public static string Leaf(int sequence, string at, RecordEvent recordEvent, int? of, SignerKind kind, string? subject) =>
        Hash([0x00], Version, sequence.ToString(CultureInfo.InvariantCulture), at, Event(recordEvent),
            of?.ToString(CultureInfo.InvariantCulture) ?? "", Kind(kind), subject ?? "");

    /// <summary>The head after an entry: the previous head and the entry's leaf.</summary>
    public static string Link(string previousHead, string leaf)
    {
        Span<byte> input = stackalloc byte[65];
        input[0] = 0x01;
        Convert.FromHexString(previousHead).CopyTo(input[1..]);
        Convert.FromHexString(leaf).CopyTo(input[33..]);
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }

    public static string Kind(SignerKind kind) => kind == SignerKind.Organisation ? "organisation" : "individual";

    public static string Event(RecordEvent recordEvent) => recordEvent.ToString().ToLowerInvariant();

    /// <summary>The day an entry shows: the date, as the public list shows when a signature counted.</summary>
    public static string Day(DateTime at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A head, a receipt or a hash as a person pastes it: copied out of the PDF it may hold the "ff"
    /// ligature (U+FB00) or full-width digits, so NFKC first; then trimmed and lower-cased, as hashes
    /// are written. The one reading of pasted record text, for every check that takes some.
    /// </summary>
    public static string ReadPasted(string text) => text.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();

    public static bool IsHash(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigitLower);

    private static string Hash(byte[] prefix, params string?[] fields)
    {
        var length = prefix.Length + fields.Sum(f => 4 + Encoding.UTF8.GetByteCount(f ?? ""));
        var buffer = new byte[length];
        prefix.CopyTo(buffer, 0);
        var at = prefix.Length;
        foreach (var field in fields)
        {
            var written = Encoding.UTF8.GetBytes(field ?? "", 0, (field ?? "").Length, buffer, at + 4);
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(at), (uint)written);
            at += 4 + written;
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer));
    }
}
