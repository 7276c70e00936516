using System.Buffers.Binary;
using System.Text;

namespace SignOnLetters.Pdf.Drawing;

/// <summary>
/// An ICC v2 display profile for sRGB (IEC 61966-2-1), built from the standard's numbers rather
/// than shipped as a file: the PDF/A output intent needs one, SkiaSharp cannot write one, and a
/// profile computed here is the same bytes on every machine. Primaries are the sRGB ones adapted
/// to the D50 connection space (Bradford), as every published sRGB v2 profile has them; the tone
/// curve is the sRGB piecewise function sampled at 1,024 points.
/// </summary>
internal static class SrgbProfile
{
    public static byte[] Bytes { get; } = Build();

    private static byte[] Build()
    {
        var description = Description("sRGB IEC61966-2.1 (SignOnLetters)");
        var copyright = Text("No copyright, use freely");
        var whitePoint = Xyz(0.9642, 1.0, 0.8249);
        var red = Xyz(0.4361, 0.2225, 0.0139);
        var green = Xyz(0.3851, 0.7169, 0.0971);
        var blue = Xyz(0.1431, 0.0606, 0.7141);
        var curve = Curve();
        // Tags in order; the three tone curves share one element, as the format allows.
        var elements = new List<(string Signature, byte[] Data)>
        {
            ("desc", description), ("cprt", copyright), ("wtpt", whitePoint),
            ("rXYZ", red), ("gXYZ", green), ("bXYZ", blue), ("rTRC", curve),
        };
        var tags = new List<(string Signature, int Element)>
        {
            ("desc", 0), ("cprt", 1), ("wtpt", 2), ("rXYZ", 3), ("gXYZ", 4), ("bXYZ", 5), ("rTRC", 6), ("gTRC", 6), ("bTRC", 6),
        };
        var tableSize = 4 + 12 * tags.Count;
        var offsets = new int[elements.Count];
        var position = 128 + tableSize;
        for (var i = 0; i < elements.Count; i++)
        {
            offsets[i] = position;
            position += (elements[i].Data.Length + 3) & ~3;
        }
        var profile = new byte[position];
        var span = profile.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)position);
        Ascii(span[8..], "\x02\x10\0\0"); // version 2.1
        Ascii(span[12..], "mntr");
        Ascii(span[16..], "RGB ");
        Ascii(span[20..], "XYZ ");
        // Creation date 2026-01-01 00:00: fixed, so the profile never depends on the clock.
        BinaryPrimitives.WriteUInt16BigEndian(span[24..], 2026);
        BinaryPrimitives.WriteUInt16BigEndian(span[26..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(span[28..], 1);
        Ascii(span[36..], "acsp");
        BinaryPrimitives.WriteUInt32BigEndian(span[64..], 0); // perceptual intent
        Fixed(span[68..], 0.9642);
        Fixed(span[72..], 1.0);
        Fixed(span[76..], 0.8249);
        BinaryPrimitives.WriteUInt32BigEndian(span[128..], (uint)tags.Count);
        for (var i = 0; i < tags.Count; i++)
        {
            var entry = span[(132 + 12 * i)..];
            Ascii(entry, tags[i].Signature);
            BinaryPrimitives.WriteUInt32BigEndian(entry[4..], (uint)offsets[tags[i].Element]);
            BinaryPrimitives.WriteUInt32BigEndian(entry[8..], (uint)elements[tags[i].Element].Data.Length);
        }
        for (var i = 0; i < elements.Count; i++)
            elements[i].Data.CopyTo(span[offsets[i]..]);
        return profile;
    }

    private static byte[] Curve()
    {
        const int points = 1024;
        var data = new byte[12 + 2 * points];
        Ascii(data, "curv");
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(8), points);
        for (var i = 0; i < points; i++)
        {
            var encoded = i / (double)(points - 1);
            var linear = encoded <= 0.04045 ? encoded / 12.92 : Math.Pow((encoded + 0.055) / 1.055, 2.4);
            BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(12 + 2 * i), (ushort)Math.Round(linear * 65535));
        }
        return data;
    }

    private static byte[] Xyz(double x, double y, double z)
    {
        var data = new byte[20];
        Ascii(data, "XYZ ");
        Fixed(data.AsSpan(8), x);
        Fixed(data.AsSpan(12), y);
        Fixed(data.AsSpan(16), z);
        return data;
    }

    private static byte[] Text(string text)
    {
        var data = new byte[8 + text.Length + 1];
        Ascii(data, "text");
        Ascii(data.AsSpan(8), text);
        return data;
    }

    /// <summary>A v2 'desc' element: the ASCII name, empty Unicode and ScriptCode parts.</summary>
    private static byte[] Description(string name)
    {
        var data = new byte[12 + name.Length + 1 + 4 + 4 + 2 + 1 + 67];
        Ascii(data, "desc");
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(8), (uint)(name.Length + 1));
        Ascii(data.AsSpan(12), name);
        return data;
    }

    private static void Fixed(Span<byte> target, double value) =>
        BinaryPrimitives.WriteInt32BigEndian(target, (int)Math.Round(value * 65536));

    private static void Ascii(Span<byte> target, string text) => Encoding.Latin1.GetBytes(text, target);
}
