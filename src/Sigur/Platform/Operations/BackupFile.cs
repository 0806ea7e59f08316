using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sigur.Platform.Operations;

/// <summary>What a backup file says about itself in the clear: enough to find its key, nothing about its contents.</summary>
public sealed record BackupHeader(int Format, string Provider, DateTime CreatedUtc, string KeySource, string? Salt, int Iterations, string KeyCheck, string NoncePrefix);

/// <summary>
/// The key a backup is encrypted under. By default it is derived from the key-encryption key (HKDF, its own purpose):
/// a stolen backup is then exactly as unreadable as a stolen database, and there is still only one secret to keep
/// off-site — losing it loses the backup, but it loses the data anyway, because the field keys inside are sealed by it.
/// A passphrase instead (PBKDF2-SHA256) is for a custodian who keeps the backups and must be able to check and hand them
/// over without holding the KEK; the records inside stay sealed by the KEK either way.
/// </summary>
public sealed class BackupKey
{
    public const string FromKek = "kek", FromPassphrase = "passphrase";
    private const int PassphraseIterations = 600_000; // OWASP's figure for PBKDF2-HMAC-SHA256
    private readonly KeyEncryptionKey? _kek;
    private readonly string? _passphrase;

    private BackupKey(KeyEncryptionKey? kek, string? passphrase) { _kek = kek; _passphrase = passphrase; }

    public static BackupKey Kek(KeyEncryptionKey kek) => new(kek, null);

    public static BackupKey Passphrase(string passphrase) =>
        passphrase.Length >= 12 ? new(null, passphrase) : throw new BackupException("The backup passphrase must be at least 12 characters.");

    public string Source => _kek is not null ? FromKek : FromPassphrase;

    internal byte[] Derive(string? salt, int iterations) => _kek is not null
        ? _kek.Derive("sigur backup v1")
        : Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(_passphrase!), Convert.FromBase64String(salt!), iterations, HashAlgorithmName.SHA256, 32);

    internal (string? Salt, int Iterations) NewSalt() =>
        _kek is not null ? (null, 0) : (Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)), PassphraseIterations);
}

/// <summary>A backup that cannot be used, with a message that says why and what to do.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// The encrypted container: "SIGURBAK", the header (JSON), then the payload in 1 MiB chunks, each sealed with
/// AES-256-GCM (the STREAM construction: nonce = random prefix ‖ chunk number ‖ last-chunk flag, the header's hash as
/// associated data), so a flipped bit, a reordered or dropped chunk, a cut-off end or an edited header all fail
/// authentication. A key check value in the header tells a wrong key from a damaged file.
/// </summary>
public static class BackupFile
{
    private static readonly byte[] Magic = "SIGURBAK"u8.ToArray();
    internal const int ChunkSize = 1 << 20;
    private const int TagSize = 16;

    public static async Task<Stream> CreateAsync(Stream output, string provider, BackupKey key, TimeProvider clock, CancellationToken ct)
    {
        var (salt, iterations) = key.NewSalt();
        var secret = key.Derive(salt, iterations);
        var header = new BackupHeader(1, provider, clock.GetUtcNow().UtcDateTime, key.Source, salt, iterations,
            KeyCheck(secret), Convert.ToBase64String(RandomNumberGenerator.GetBytes(7)));
        var headerBytes = JsonSerializer.SerializeToUtf8Bytes(header);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, headerBytes.Length);
        await output.WriteAsync(Magic, ct);
        await output.WriteAsync(length, ct);
        await output.WriteAsync(headerBytes, ct);
        return new SealingStream(output, secret, header, SHA256.HashData(headerBytes));
    }

    /// <summary>Reads the header and checks the key; the returned stream authenticates each chunk as it is read.</summary>
    public static async Task<(BackupHeader Header, Stream Payload)> OpenAsync(Stream input, BackupKey key, CancellationToken ct)
    {
        var magic = new byte[8];
        var length = new byte[4];
        if (await input.ReadAtLeastAsync(magic, 8, false, ct) < 8 || !magic.AsSpan().SequenceEqual(Magic))
            throw new BackupException("This is not a Sigur backup file (or its beginning is damaged).");
        if (await input.ReadAtLeastAsync(length, 4, false, ct) < 4 || BinaryPrimitives.ReadInt32BigEndian(length) is < 2 or > 64 * 1024)
            throw Damaged();
        var headerBytes = new byte[BinaryPrimitives.ReadInt32BigEndian(length)];
        if (await input.ReadAtLeastAsync(headerBytes, headerBytes.Length, false, ct) < headerBytes.Length) throw Damaged();
        BackupHeader header;
        try { header = JsonSerializer.Deserialize<BackupHeader>(headerBytes) ?? throw Damaged(); }
        catch (JsonException) { throw Damaged(); }
        if (header.Format != 1) throw new BackupException($"This backup has format {header.Format}, which this version of Sigur does not read.");
        if (header.KeySource != key.Source)
            throw new BackupException(header.KeySource == BackupKey.FromPassphrase
                ? "This backup was encrypted with a passphrase: give it with --passphrase-file."
                : "This backup was encrypted under the key-encryption key, not a passphrase: restore it without --passphrase-file, with the KEK of the installation that made it (SIGUR_KEK or Sigur:KeyEncryptionKeyFile).");
        byte[] secret;
        try { secret = key.Derive(header.Salt, header.Iterations); }
        catch (FormatException) { throw Damaged(); }
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(KeyCheck(secret)), Encoding.ASCII.GetBytes(header.KeyCheck ?? "")))
            throw new BackupException(header.KeySource == BackupKey.FromPassphrase
                ? "Wrong passphrase for this backup."
                : "Wrong key: this backup was made under a different key-encryption key (SIGUR_KEK or Sigur:KeyEncryptionKeyFile). Restore it with the KEK kept from the installation that made it.");
        return (header, new OpeningStream(input, secret, header, SHA256.HashData(headerBytes)));
    }

    internal static BackupException Damaged() =>
        new("The backup file is damaged or has been altered (it fails its integrity check); nothing was restored from it.");

    private static string KeyCheck(byte[] secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(secret, "sigur backup key check"u8)[..16]);

    private static byte[] Nonce(BackupHeader header, long chunk, bool last)
    {
        var nonce = new byte[12];
        Convert.FromBase64String(header.NoncePrefix).AsSpan(0, 7).CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(7), checked((uint)chunk));
        nonce[11] = last ? (byte)1 : (byte)0;
        return nonce;
    }

    /// <summary>Write-only: buffers a chunk, seals it, writes [length][tag][ciphertext]. Dispose writes the last chunk.</summary>
    private sealed class SealingStream(Stream output, byte[] secret, BackupHeader header, byte[] aad) : Stream
    {
        private readonly AesGcm _aes = new(secret, TagSize);
        private readonly byte[] _buffer = new byte[ChunkSize];
        private int _filled;
        private long _chunk;
        private bool _done;

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct = default)
        {
            while (data.Length > 0)
            {
                // A full buffer is sealed only when more follows, so that the last chunk is always the one marked last.
                if (_filled == ChunkSize) await FlushChunkAsync(last: false, ct);
                var n = Math.Min(data.Length, ChunkSize - _filled);
                data.Span[..n].CopyTo(_buffer.AsSpan(_filled));
                _filled += n;
                data = data[n..];
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();
        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, default).GetAwaiter().GetResult();

        private async Task FlushChunkAsync(bool last, CancellationToken ct)
        {
            var frame = new byte[4 + TagSize + _filled];
            BinaryPrimitives.WriteInt32BigEndian(frame, _filled);
            _aes.Encrypt(Nonce(header, _chunk++, last), _buffer.AsSpan(0, _filled), frame.AsSpan(4 + TagSize), frame.AsSpan(4, TagSize), aad);
            await output.WriteAsync(frame, ct);
            _filled = 0;
        }

        public override async ValueTask DisposeAsync()
        {
            if (!_done)
            {
                _done = true;
                await FlushChunkAsync(last: true, CancellationToken.None);
                await output.FlushAsync();
            }
            _aes.Dispose();
            await base.DisposeAsync();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_done) DisposeAsync().AsTask().GetAwaiter().GetResult();
            base.Dispose(disposing);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>Read-only: hands out a chunk only after it authenticated; the end counts only after the chunk marked last.</summary>
    private sealed class OpeningStream(Stream input, byte[] secret, BackupHeader header, byte[] aad) : Stream
    {
        private readonly AesGcm _aes = new(secret, TagSize);
        private byte[] _plain = [];
        private int _offset;
        private long _chunk;
        private bool _ended;

        public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken ct = default)
        {
            while (_offset == _plain.Length)
            {
                if (_ended) return 0;
                await ReadChunkAsync(ct);
            }
            var n = Math.Min(destination.Length, _plain.Length - _offset);
            _plain.AsMemory(_offset, n).CopyTo(destination);
            _offset += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, default).GetAwaiter().GetResult();

        private async Task ReadChunkAsync(CancellationToken ct)
        {
            var head = new byte[4 + TagSize];
            if (await input.ReadAtLeastAsync(head, head.Length, false, ct) < head.Length) throw Damaged(); // cut off before the last chunk
            var length = BinaryPrimitives.ReadInt32BigEndian(head);
            if (length is < 0 or > ChunkSize) throw Damaged();
            var cipher = new byte[length];
            if (await input.ReadAtLeastAsync(cipher, length, false, ct) < length) throw Damaged();
            var plain = new byte[length];
            // Whether this is the last chunk is part of the nonce: try "more follows" first, then "last".
            var tag = head.AsSpan(4, TagSize);
            if (!TryOpen(Nonce(header, _chunk, false), cipher, tag, plain))
            {
                if (!TryOpen(Nonce(header, _chunk, true), cipher, tag, plain)) throw Damaged();
                _ended = true;
                if (await input.ReadAsync(new byte[1], ct) != 0) throw Damaged(); // something appended after the end
            }
            _chunk++;
            _plain = plain;
            _offset = 0;
        }

        private bool TryOpen(byte[] nonce, byte[] cipher, ReadOnlySpan<byte> tag, byte[] plain)
        {
            try { _aes.Decrypt(nonce, cipher, tag, plain, aad); return true; }
            catch (AuthenticationTagMismatchException) { return false; }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _aes.Dispose();
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
