using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SignOnLetters.Web.Documents.Sealing;

/// <summary>
/// The instance's sealing key and the certificates it trusts, read once from
/// <see cref="SealingOptions.KeyDirectory"/> at start-up (ADR 0016). The key never enters the
/// database; rotating it is a matter of files and a restart (docs/operations/sealing.md).
/// </summary>
public sealed class SealKeys : IDisposable
{
    public const string CurrentKeyFile = "current.key";
    public const string CurrentCertificateFile = "current.crt";
    public const string RetiredFolder = "retired";

    private readonly RSA _key;

    public SealKeys(IOptions<SealingOptions> options, IHostEnvironment environment, ILogger<SealKeys> logger)
        : this(Path.GetFullPath(options.Value.KeyDirectory, environment.ContentRootPath),
            options.Value.CreateKeyIfMissing ?? environment.IsDevelopment(), environment.ApplicationName, logger)
    {
    }

    /// <summary>The keys in <paramref name="directory"/> (for tests and benchmarks, which have no host).</summary>
    public SealKeys(string directory, bool createKeyIfMissing, string name, ILogger logger)
    {
        Directory = directory;
        var keyPath = Path.Combine(Directory, CurrentKeyFile);
        var certificatePath = Path.Combine(Directory, CurrentCertificateFile);
        if (!File.Exists(keyPath) || !File.Exists(certificatePath))
        {
            if (!createKeyIfMissing)
                throw new InvalidOperationException(
                    $"No sealing key in {Directory} ({CurrentKeyFile} and {CurrentCertificateFile}): delivered PDFs cannot be sealed. " +
                    "Create one as docs/operations/sealing.md says, or set Sealing:KeyDirectory to the directory that holds it.");
            CreateSelfSigned(Directory, name);
            logger.LogWarning("Created a self-signed sealing key in {Directory}. Back it up; see docs/operations/sealing.md.", Directory);
        }
        _key = RSA.Create();
        _key.ImportFromPem(File.ReadAllText(keyPath));
        Certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
        using (var certificateKey = Certificate.GetRSAPublicKey())
            if (certificateKey is null || !certificateKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(_key.ExportSubjectPublicKeyInfo()))
                throw new InvalidOperationException($"{CurrentCertificateFile} in {Directory} is not the certificate of {CurrentKeyFile} (an RSA key).");
        var retired = Path.Combine(Directory, RetiredFolder);
        Trusted = [Certificate, .. System.IO.Directory.Exists(retired)
            ? System.IO.Directory.EnumerateFiles(retired, "*.crt").Order(StringComparer.Ordinal)
                .SelectMany(path => LoadAll(path))
            : []];
    }

    public string Directory { get; }

    /// <summary>The certificate of the key that seals now.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The current certificate first, then every retired one.</summary>
    public IReadOnlyList<X509Certificate2> Trusted { get; }

    /// <summary>The private key; only <see cref="CadesSeal"/> uses it.</summary>
    internal RSA Key => _key;

    /// <summary>Whether <paramref name="der"/> is one of the instance's certificates, current or retired.</summary>
    public bool IsOurs(ReadOnlySpan<byte> der)
    {
        foreach (var certificate in Trusted)
            if (certificate.RawData.AsSpan().SequenceEqual(der))
                return true;
        return false;
    }

    /// <summary>A 3,072-bit RSA key and a ten-year self-signed certificate, readable by the owner only.</summary>
    public static void CreateSelfSigned(string directory, string name)
    {
        System.IO.Directory.CreateDirectory(directory);
        using var key = RSA.Create(3072);
        var subject = new X500DistinguishedName($"CN={name} letter seal, O=SignOnLetters instance");
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        var keyPath = Path.Combine(directory, CurrentKeyFile);
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(Path.Combine(directory, CurrentCertificateFile), certificate.ExportCertificatePem());
    }

    private static IEnumerable<X509Certificate2> LoadAll(string path)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(path);
        return collection;
    }

    public void Dispose()
    {
        _key.Dispose();
        foreach (var certificate in Trusted)
            certificate.Dispose();
    }
}
