using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace Sigur.Matching.Pprl;

/// <summary>
/// Turns a formatted value into tokens whose overlap approximates the wanted similarity (clkhash's
/// "comparison"). Tokens are written into a reusable <see cref="TokenList"/> so that encoding a
/// record does not allocate a string per token.
/// </summary>
public abstract record TokenComparison
{
    public abstract void Tokenize(string value, TokenList tokens);

    internal static TokenComparison Parse(JsonElement comparison, string where)
    {
        if (comparison.ValueKind != JsonValueKind.Object)
            throw new LinkageSchemaException($"{where}: 'comparison' must be an object");
        var type = LinkageSchema.OptionalString(comparison, "type");
        switch (type)
        {
            case "ngram":
                var n = LinkageSchema.OptionalInt(comparison, "n") ?? throw new LinkageSchemaException($"{where}: ngram comparison needs 'n'");
                if (n < 0)
                    throw new LinkageSchemaException($"{where}: 'n' must not be negative");
                return new NgramComparison(n, LinkageSchema.OptionalBool(comparison, "positional") ?? false);
            case "exact":
                return new ExactComparison();
            case "numeric":
                if (!comparison.TryGetProperty("thresholdDistance", out var td) || td.ValueKind != JsonValueKind.Number)
                    throw new LinkageSchemaException($"{where}: numeric comparison needs 'thresholdDistance'");
                var resolution = LinkageSchema.OptionalInt(comparison, "resolution")
                    ?? throw new LinkageSchemaException($"{where}: numeric comparison needs 'resolution'");
                var precision = LinkageSchema.OptionalInt(comparison, "fractional_precision") ?? 0;
                return new NumericComparison(td.GetDouble(), resolution, precision, where);
            default:
                throw new LinkageSchemaException($"{where}: comparison type '{type}' is not supported");
        }
    }
}

/// <summary>
/// n-grams over Unicode code points, padded with n−1 spaces on both sides so that first and last
/// characters appear in n tokens like the others; positional n-grams are prefixed "position␠"
/// (1-based), e.g. the positional 2-grams of "ab" are "1  a", "2 ab", "3 b ".
/// </summary>
public sealed record NgramComparison(int N, bool Positional) : TokenComparison
{
    public override void Tokenize(string value, TokenList tokens)
    {
        if (value.Length == 0)
            return;
        var pad = Math.Max(N - 1, 0);
        var padded = tokens.Scratch(value.Length + 2 * pad);
        padded[..pad].Fill(' ');
        value.AsSpan().CopyTo(padded[pad..]);
        padded.Slice(pad + value.Length, pad).Fill(' ');
        var text = padded[..(value.Length + 2 * pad)];

        if (!ContainsSurrogates(text))
        {
            // Every char is one code point: a gram is a plain slice.
            for (var i = 0; i + N <= text.Length; i++)
                AddGram(tokens, i + 1, text.Slice(i, N));
            return;
        }
        // Python slices strings by code point, so grams must not split a surrogate pair.
        Span<int> starts = text.Length <= 256 ? stackalloc int[text.Length + 1] : new int[text.Length + 1];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsLowSurrogate(text[i]) || i == 0 || !char.IsHighSurrogate(text[i - 1]))
                starts[count++] = i;
        }
        starts[count] = text.Length;
        for (var i = 0; i + N <= count; i++)
            AddGram(tokens, i + 1, text[starts[i]..starts[i + N]]);
    }

    private void AddGram(TokenList tokens, int position, ReadOnlySpan<char> gram)
    {
        if (!Positional)
        {
            tokens.Add(gram);
            return;
        }
        Span<char> buffer = stackalloc char[16 + gram.Length];
        position.TryFormat(buffer, out var digits, default, CultureInfo.InvariantCulture);
        buffer[digits] = ' ';
        gram.CopyTo(buffer[(digits + 1)..]);
        tokens.Add(buffer[..(digits + 1 + gram.Length)]);
    }

    private static bool ContainsSurrogates(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (char.IsSurrogate(c))
                return true;
        return false;
    }
}

/// <summary>The whole value is one token: equal or not.</summary>
public sealed record ExactComparison : TokenComparison
{
    public override void Tokenize(string value, TokenList tokens)
    {
        if (value.Length > 0)
            tokens.Add(value);
    }
}

/// <summary>
/// Numbers as overlapping neighbourhoods (Vatsalan and Christen 2015, as in clkhash): values closer
/// than the threshold distance share tokens, more of them the closer they are.
/// </summary>
public sealed record NumericComparison : TokenComparison
{
    public NumericComparison(double thresholdDistance, int resolution, int fractionalPrecision, string where = "numeric comparison")
    {
        if (!(thresholdDistance > 0))
            throw new LinkageSchemaException($"{where}: thresholdDistance must be positive");
        if (resolution < 1)
            throw new LinkageSchemaException($"{where}: resolution must be at least 1");
        if (fractionalPrecision < 0)
            throw new LinkageSchemaException($"{where}: fractional_precision must not be negative");
        DistanceInterval = new BigInteger(Math.Round(thresholdDistance * Math.Pow(10, fractionalPrecision), MidpointRounding.ToEven));
        if (DistanceInterval.IsZero)
            throw new LinkageSchemaException($"{where}: not enough fractional precision for thresholdDistance");
        Resolution = resolution;
        FractionalPrecision = fractionalPrecision;
    }

    public BigInteger DistanceInterval { get; }
    public int Resolution { get; }
    public int FractionalPrecision { get; }

    public override void Tokenize(string value, TokenList tokens)
    {
        if (value.Length == 0)
            return;
        BigInteger v;
        if (PythonInt.TryParse(value, out var integer))
            v = integer * BigInteger.Pow(10, FractionalPrecision);
        else if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            v = FractionalPrecision > 0
                ? new BigInteger(Math.Round(real * Math.Pow(10, FractionalPrecision), MidpointRounding.ToEven))
                : new BigInteger(Math.Truncate(real));
        else
            throw new InvalidFieldValueException($"'{value}' is not a number");

        v *= 2 * Resolution;
        // Python's % takes the sign of the divisor; quantise onto the common grid.
        var residue = BigInteger.Remainder(v, DistanceInterval);
        if (residue.Sign < 0)
            residue += DistanceInterval;
        if (!residue.IsZero)
            v = residue * 2 < DistanceInterval ? v - residue : v + (DistanceInterval - residue);
        for (var i = -Resolution; i <= Resolution; i++)
            tokens.Add((v + i * DistanceInterval).ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>A reusable list of tokens backed by one char buffer.</summary>
public sealed class TokenList
{
    private char[] _chars = new char[256];
    private char[] _scratch = new char[256];
    private (int Start, int Length)[] _ranges = new (int, int)[64];
    private int _used;

    public int Count { get; private set; }

    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            var (start, length) = _ranges[index];
            return _chars.AsSpan(start, length);
        }
    }

    public void Clear()
    {
        Count = 0;
        _used = 0;
    }

    public void Add(ReadOnlySpan<char> token)
    {
        if (_used + token.Length > _chars.Length)
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _used + token.Length));
        if (Count == _ranges.Length)
            Array.Resize(ref _ranges, _ranges.Length * 2);
        token.CopyTo(_chars.AsSpan(_used));
        _ranges[Count++] = (_used, token.Length);
        _used += token.Length;
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < Count; i++)
            builder.Append('[').Append(this[i]).Append(']');
        return builder.ToString();
    }

    internal Span<char> Scratch(int length)
    {
        if (_scratch.Length < length)
            _scratch = new char[Math.Max(length, _scratch.Length * 2)];
        return _scratch;
    }
}
