using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Utilities.Collections;
using SignOnLetters.Pdf.Fluent;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using AttributeTable = Org.BouncyCastle.Asn1.Cms.AttributeTable;

namespace SignOnLetters.Web.Documents.Sealing;

/// <summary>
/// A PAdES baseline (B-B) seal with the instance's key: a detached CMS SignedData whose signed
/// attributes are the content type, the message digest and the signing certificate (ESS
/// signing-certificate-v2, SHA-256), and no signing-time attribute (PAdES puts the time in the
/// signature dictionary's /M). RSA PKCS #1 v1.5 is deterministic, so the same file and time give
/// the same seal.
/// </summary>
public sealed class CadesSeal(SealKeys keys, DateTimeOffset signingTime, string signerName, string description) : IPdfSeal
{
    public DateTimeOffset SigningTime => signingTime;

    public string SignerName => signerName;

    public string Description => description;

    /// <summary>A 4,096-bit key's signature and certificate take under 3 KB; 8 KB leaves room for a chain.</summary>
    public int MaximumSignatureLength => 8192;

    public byte[] Sign(Stream signedBytes)
    {
        var certificate = new Org.BouncyCastle.X509.X509Certificate(keys.Certificate.RawData);
        var essCertificate = new EssCertIDv2(new AlgorithmIdentifier(NistObjectIdentifiers.IdSha256),
            System.Security.Cryptography.SHA256.HashData(keys.Certificate.RawData),
            new IssuerSerial(new GeneralNames(new GeneralName(certificate.IssuerDN)), new DerInteger(certificate.SerialNumber)));
        var signingCertificate = new Attribute(PkcsObjectIdentifiers.IdAASigningCertificateV2, new DerSet(new SigningCertificateV2([essCertificate])));

        var generator = new CmsSignedDataGenerator();
        generator.AddSignerInfoGenerator(new SignerInfoGeneratorBuilder()
            .WithSignedAttributeGenerator(new PadesAttributes(signingCertificate))
            .Build(new PlatformRsaSignatureFactory(keys.Key), certificate));
        generator.AddCertificates(CollectionUtilities.CreateStore([certificate]));
        return generator.Generate(new StreamedContent(signedBytes), encapsulate: false).GetEncoded(Asn1Encodable.Der);
    }

    /// <summary>
    /// The signed bytes as BouncyCastle digests them, copied from the file's byte ranges as it reads:
    /// detached, so it is read once and nothing of it is kept.
    /// </summary>
    private sealed class StreamedContent(Stream signedBytes) : CmsTypedData
    {
        public DerObjectIdentifier ContentType => CmsObjectIdentifiers.Data;

        public void Write(Stream outStream) => signedBytes.CopyTo(outStream, 1 << 16);
    }

    /// <summary>
    /// Signs the CMS signed attributes with the platform's RSA (OpenSSL here) rather than
    /// BouncyCastle's managed one: a 3,072-bit private-key operation takes a few milliseconds natively
    /// and over 100 ms in managed big-integer code on a loaded 2-core machine, which alone broke
    /// issue 22's budget of 50 ms for sealing. BouncyCastle still builds the CMS structure.
    /// </summary>
    private sealed class PlatformRsaSignatureFactory(System.Security.Cryptography.RSA key) : ISignatureFactory
    {
        public object AlgorithmDetails { get; } = new AlgorithmIdentifier(PkcsObjectIdentifiers.Sha256WithRsaEncryption, DerNull.Instance);

        public IStreamCalculator<IBlockResult> CreateCalculator() => new Calculator(key);

        private sealed class Calculator(System.Security.Cryptography.RSA key) : IStreamCalculator<IBlockResult>
        {
            private readonly MemoryStream _signedAttributes = new();

            public Stream Stream => _signedAttributes;

            public IBlockResult GetResult() => new SimpleBlockResult(key.SignData(_signedAttributes.ToArray(),
                System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1));
        }
    }

    /// <summary>BouncyCastle's default table adds a signing-time attribute, which PAdES B-B forbids.</summary>
    private sealed class PadesAttributes(Attribute signingCertificate) : CmsAttributeTableGenerator
    {
        public AttributeTable GetAttributes(IDictionary<CmsAttributeTableParameter, object> parameters)
        {
            var attributes = new Asn1EncodableVector
            {
                new Attribute(CmsAttributes.ContentType, new DerSet((DerObjectIdentifier)parameters[CmsAttributeTableParameter.ContentType])),
                new Attribute(CmsAttributes.MessageDigest, new DerSet(new DerOctetString((byte[])parameters[CmsAttributeTableParameter.Digest]))),
                signingCertificate,
            };
            return new AttributeTable(attributes);
        }
    }
}
