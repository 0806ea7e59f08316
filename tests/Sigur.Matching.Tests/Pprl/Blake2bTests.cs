using Xunit;
using System.Text;
using Sigur.Matching.Pprl;

namespace Sigur.Matching.Tests.Pprl;

/// <summary>Expected digests computed with Python's hashlib.blake2b, which is what clkhash calls.</summary>
public sealed class Blake2bTests
{
    [Fact]
    public void Unkeyed_abc_matches_the_rfc_7693_vector()
    {
        Span<byte> digest = stackalloc byte[64];
        Blake2b.Hash("abc"u8, [], [], digest);
        Assert.StartsWith("ba80a53f981c4d0d6a2797b69f12f6e9", Convert.ToHexStringLower(digest));
    }

    [Theory]
    [InlineData("0", "2dfd600bc53d982a99ea51e8b6658a8b3eee08c722cb948d0b53fc5593c4ea19f599ff83dda9765f39f63cbd9aec7af497ef411ef6e0e98f53f632f613b781a2")]
    [InlineData("1", "283d893cee74cf48260c9ac285bbf73724ece9ce99eeeec41b4865e7dccce8ec79487f5bf7cfb7776a9785e724e5aa1a3b9c850b3e0f65620b526da82d6d32cb")]
    public void Keyed_and_salted_digest_matches_python_hashlib(string salt, string expectedHex)
    {
        var key = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        Span<byte> digest = stackalloc byte[64];
        Blake2b.Hash("1 5"u8, key, Encoding.ASCII.GetBytes(salt), digest);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(digest));
    }
}
