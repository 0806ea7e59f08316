using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sigur.Platform.Web;

/// <summary>
/// Every string in every request body passes here. NUL characters and lone UTF-16 surrogates are refused:
/// PostgreSQL cannot store NUL in text, SQLite would store it and silently truncate in some tools, and lone
/// surrogates are not text. Refusing them for everyone keeps both providers identical. The message never
/// repeats the value.
/// </summary>
public sealed class SafeStringConverter : JsonConverter<string>
{
    private const string NotAString = "Expected a string.";
    private const string NotUnicode = "The string is not valid Unicode text.";
    private const string Unsafe = "The string contains a NUL character or a lone surrogate.";

    /// <summary>What this converter says when it refuses a value: safe to show (no value, no type).</summary>
    public static readonly IReadOnlyList<string> Messages = [NotAString, NotUnicode, Unsafe];

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.String) throw new JsonException(NotAString);
        string value;
        try
        {
            value = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonException(NotUnicode);
        }
        return IsSafe(value) ? value : throw new JsonException(Unsafe);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public static bool IsSafe(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0') return false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c)) return false;
        }
        return true;
    }
}
