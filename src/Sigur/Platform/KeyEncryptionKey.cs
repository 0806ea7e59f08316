using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Sigur.Platform;

/// <summary>
/// The key-encryption key (KEK). The Data Protection key ring lives in the database; every key in it is encrypted
/// with this key, which lives outside the database: in the environment variable SIGUR_KEK (base64, 32 bytes) or
/// in a file created on first start (mode 0600). Whoever steals the database alone reads nothing.
/// Back the file up separately from the database.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const string EnvironmentVariable = "SIGUR_KEK";
    private readonly byte[] _key;

    private KeyEncryptionKey(byte[] key) => _key = key;

    public static KeyEncryptionKey FromBytes(byte[] key) =>
        key.Length == 32 ? new KeyEncryptionKey(key) : throw new InvalidOperationException("The key-encryption key must be 32 bytes.");

    /// <summary>Where the KEK file is: Sigur:KeyEncryptionKeyFile, else sigur.kek beside the SQLite file (./data for PostgreSQL).</summary>
    public static string FileFrom(IConfiguration config) =>
        config["Sigur:KeyEncryptionKeyFile"] ?? Path.Combine(Data.DatabaseSetup.DataDirectory(config), "sigur.kek");

    /// <summary>The KEK from the environment or <paramref name="file"/>, or null: never makes one (a restore needs the old one).</summary>
    public static KeyEncryptionKey? LoadExisting(string file)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return FromBytes(Convert.FromBase64String(fromEnvironment.Trim()));
        return File.Exists(file) ? FromBytes(Convert.FromBase64String(File.ReadAllText(file).Trim())) : null;
    }

    /// <summary>Loads the KEK from the environment, else from <paramref name="file"/>, creating the file on first start.</summary>
    public static KeyEncryptionKey Load(string file)
    {
        if (LoadExisting(file) is { } existing) return existing;

        var dir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(dir);
        else if (!Directory.Exists(dir)) Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(file, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(Convert.ToBase64String(key));
        return new KeyEncryptionKey(key);
    }

    /// <summary>A sub-key for one purpose (HKDF-SHA256), so the KEK itself is used for one thing only.</summary>
    public byte[] Derive(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, 32, info: Encoding.UTF8.GetBytes(purpose));

    private const string KeyRingPurpose = "sigur key ring v1";

    /// <summary>Encrypts (AES-256-GCM) under the sub-key for <paramref name="purpose"/>: each thing sealed by the KEK has its own.</summary>
    internal byte[] Seal(byte[] plaintext, string purpose = KeyRingPurpose)
    {
        var key = Derive(purpose);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var tag = new byte[16];
        var cipher = new byte[plaintext.Length];
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, plaintext, cipher, tag);
        return [.. nonce, .. tag, .. cipher];
    }

    internal byte[] Open(byte[] sealedBytes, string purpose = KeyRingPurpose)
    {
        var key = Derive(purpose);
        var plaintext = new byte[sealedBytes.Length - 28];
        using var aes = new AesGcm(key, 16);
        try { aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), plaintext); }
        catch (AuthenticationTagMismatchException ex)
        {
            // Typically a restored database started with a new key instead of the one kept from the installation.
            throw new CryptographicException("The key-encryption key does not open this database's key ring: it is not the key this database was made with (SIGUR_KEK or Sigur:KeyEncryptionKeyFile).", ex);
        }
        return plaintext;
    }
}

/// <summary>Encrypts each Data Protection key's XML with the KEK before it is stored in the database.</summary>
public sealed class KekXmlEncryptor(KeyEncryptionKey kek) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var sealedBytes = kek.Seal(Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting)));
        var element = new XElement("encryptedKey", new XComment(" Encrypted with the Sigur key-encryption key. "), Convert.ToBase64String(sealedBytes));
        return new EncryptedXmlInfo(element, typeof(KekXmlDecryptor));
    }
}

/// <summary>Activated by Data Protection (by type name) to read keys sealed by <see cref="KekXmlEncryptor"/>.</summary>
public sealed class KekXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var kek = services.GetRequiredService<KeyEncryptionKey>();
        var plaintext = kek.Open(Convert.FromBase64String(encryptedElement.Value));
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}
