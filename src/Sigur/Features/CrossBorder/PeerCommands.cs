using System.CommandLine;
using Sigur.Data;
using Sigur.Host;
using Sigur.Platform;

namespace Sigur.Features.CrossBorder;

/// <summary><c>sigur peers keys</c>: this instance's signing and encryption key pairs, their public halves printed as JWK with fingerprints.</summary>
public static class PeerCommands
{
    public static Command Build()
    {
        var peers = new Command("peers", "Cross-border peers (the Transnational Referral Mechanism).");
        var rotate = new Option<bool>("--rotate") { Description = "Make new key pairs; the current ones stay valid for --overlap-days." };
        var overlap = new Option<int>("--overlap-days") { Description = "How long the old keys stay valid after --rotate.", DefaultValueFactory = _ => 14 };
        var keys = new Command("keys", "Create this instance's signing and encryption key pairs (P-256, private keys sealed by the key-encryption key) "
                                       + "and print the public keys as JWK with their fingerprints (RFC 7638), for the peers' coordinators to compare out of band.")
            { rotate, overlap };
        keys.SetAction((parse, ct) => Commands.WithServices(async sp =>
        {
            var days = parse.GetValue(overlap);
            if (days is < 0 or > 90) { Console.Error.WriteLine("--overlap-days must be between 0 and 90."); return 2; }
            var db = sp.GetRequiredService<SigurDb>();
            var kek = sp.GetRequiredService<KeyEncryptionKey>();
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var current = parse.GetValue(rotate)
                ? await InstanceKeys.RotateAsync(db, kek, now, TimeSpan.FromDays(days), ct)
                : await InstanceKeys.EnsureAsync(db, kek, now, ct);
            foreach (var key in current)
            {
                Console.WriteLine($"{(key.Use == KeyUse.Signing ? "Signing" : "Encryption")} key, fingerprint (SHA-256 JWK thumbprint) {key.Kid}");
                Console.WriteLine(key.PublicJwk);
            }
            return 0;
        }));
        peers.Subcommands.Add(keys);
        return peers;
    }
}
