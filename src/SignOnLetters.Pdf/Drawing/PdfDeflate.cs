using System.IO.Compression;

namespace SignOnLetters.Pdf.Drawing;

/// <summary>How the engine compresses what it writes itself (/FlateDecode): one setting for every stream.</summary>
internal static class PdfDeflate
{
    /// <summary>
    /// zlib level 3, not the default 6: re-compressing every page's content at 6 was the largest
    /// part of the finisher's time (20 ms of 56 for the benchmark letter; level 3 takes 3 ms).
    /// </summary>
    public static ZLibStream Compressing(Stream destination) =>
        new(destination, new ZLibCompressionOptions { CompressionLevel = 3 }, leaveOpen: true);

    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var result = new MemoryStream();
        using (var zlib = Compressing(result))
            zlib.Write(data);
        return result.ToArray();
    }

    /// <summary>
    /// What <paramref name="write"/> writes, compressed as it comes (zlib's output does not depend on
    /// how its input is cut into writes), and how many bytes it wrote.
    /// </summary>
    public static (ReadOnlyMemory<byte> Deflated, long Size) Compress(Action<Stream> write)
    {
        var result = new MemoryStream();
        var counting = new CountingStream(Compressing(result));
        using (counting)
            write(counting);
        // A copy of the exact length: the stream's buffer doubles as it grows, and the attachment is
        // held for the whole render (up to half of that buffer would be kept for nothing).
        return (result.ToArray(), counting.Written);
    }

    /// <summary>A write-only stream that counts what goes through it to the compressor.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Written { get; private set; }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Written += buffer.Length;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }

        /// <summary>
        /// Nothing: a writer's flush (StreamWriter's on dispose) would make zlib end a block there,
        /// and the same content would compress to other bytes than in one write.
        /// </summary>
        public override void Flush()
        {
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written;
        public override long Position { get => Written; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
