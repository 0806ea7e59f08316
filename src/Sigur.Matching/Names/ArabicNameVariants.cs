namespace Sigur.Matching;

/// <summary>
/// One spelling for the common romanisation variants of Arabic, Farsi, Pashto and Urdu names
/// (Mohammad/Muhammad/Mohamed/Mehmed, Abdul-/Abdel-/Abd al-, -ullah/-ollah/-allah), applied to folded tokens.
/// </summary>
/// <remarks>
/// The list is of given names and name elements that recur in case files of people on the Eastern
/// Mediterranean and Balkan routes; vowels that romanisations disagree on are handled by the phonetic key.
/// </remarks>
public static class ArabicNameVariants
{
    private static readonly Dictionary<string, string> Canonical = Build(
        ("muhammad", "mohammad mohammed muhammed mohamed mohamad muhamed muhamad mehmed mehmet mohd mohamud mahomed mouhamed muhammet mohammod muhamet mohamet"),
        ("ahmad", "ahmed ahmet achmed ahmat"),
        ("husain", "hussein hussain husein hossein husayn huseyin husejn hussin housein"),
        ("hasan", "hassan hasen hassen"),
        ("yusuf", "yousef youssef yousuf yusef jusuf yousif yussuf youssouf"),
        ("ibrahim", "ebrahim ibrahem ibraheem ebraheem ibrahimi"),
        ("umar", "omar omer umer"),
        ("usman", "osman othman uthman usmon"),
        ("ali", "aly alee"),
        ("mustafa", "mostafa mustapha moustafa mustafe"),
        ("mahmud", "mahmoud mahmood mehmud mahmut"),
        ("rahman", "rehman rahmaan rachman"),
        ("rahim", "raheem rehim"),
        ("karim", "kareem kerim"),
        ("hamid", "hameed hamed"),
        ("said", "saeed saied saeid saied"),
        ("khalid", "khaled halid haled"),
        ("jamal", "gamal djamal dzemal dzamal"),
        ("fatima", "fatma fatimah fatemeh fatime"),
        ("aisha", "aysha ayesha aische aisa aiesha"),
        ("zainab", "zeinab zaynab zejneb zaineb"),
        ("nur", "noor nour"),
        ("ismail", "ismael esmail ismajl ismaeel"),
        ("yasin", "yassin yaseen jasin yassine"),
        ("abbas", "abas"),
        ("jafar", "jaafar djafer dzafer jafer"),
        ("mahdi", "mehdi"),
        ("reza", "rida ridha"),
        ("hamza", "hamzah hamze"),
        ("amir", "ameer emir"),
        ("bilal", "belal"),
        ("tariq", "tarik tareq tarek"),
        ("suleiman", "sulaiman sulejman suleyman soliman"),
        ("zahra", "zehra"),
        ("maryam", "mariam meryem merjem"),
        ("ayub", "ayoub ayyub ejub eyup"));

    private static readonly string[] AbdPrefixes = ["abdul", "abdel", "abdal", "abdol", "abdil", "abdu", "abde", "abdo", "abd"];

    private static Dictionary<string, string> Build(params (string canonical, string variants)[] groups)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (canonical, variants) in groups)
        {
            map[canonical] = canonical;
            foreach (var v in variants.Split(' ', StringSplitOptions.RemoveEmptyEntries)) map[v] = canonical;
        }
        return map;
    }

    /// <summary>Canonical spellings for a sequence of folded tokens; may join ("abd al rahman" → "abdulrahman") or drop ("al") tokens.</summary>
    public static List<string> Canonicalise(IReadOnlyList<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
        {
            string t = tokens[i];
            // The article on its own ("al-Hassan", "el Sayed") is written or left out at will.
            if (t is "al" or "el" or "ul" && tokens.Count > 1 && i + 1 < tokens.Count) continue;
            // "Abdul Rahman", "Abd al-Rahman", "Abdel-Rahman" are one name.
            if (t is "abd" or "abdul" or "abdel" or "abdal" or "abdol" or "abdil" or "abdu" && i + 1 < tokens.Count)
            {
                int j = i + 1;
                if (tokens[j] is "al" or "el" or "ul" && j + 1 < tokens.Count) j++;
                result.Add("abdul" + CanonicalToken(tokens[j]));
                i = j;
                continue;
            }
            result.Add(CanonicalToken(t));
        }
        return result;
    }

    /// <summary>Canonical spelling of one folded token.</summary>
    public static string CanonicalToken(string token)
    {
        if (Canonical.TryGetValue(token, out var c)) return c;
        // -ullah/-ollah/-allah: Nasrollah, Nasrullah, Abdallah.
        foreach (var suffix in (ReadOnlySpan<string>)["ullah", "ollah", "allah", "ulla", "olla", "alla"])
        {
            if (token.Length > suffix.Length + 1 && token.EndsWith(suffix, StringComparison.Ordinal))
            {
                token = token[..^suffix.Length] + "ullah";
                break;
            }
        }
        if (token.StartsWith("abd", StringComparison.Ordinal) && token != "abdullah" && token.Length > 5)
        {
            foreach (var prefix in AbdPrefixes)
            {
                if (!token.StartsWith(prefix, StringComparison.Ordinal) || token.Length - prefix.Length < 3) continue;
                var rest = token[prefix.Length..];
                // Sun-letter assimilation: Abdurrahman, Abdussalam, Abdunnasir.
                if (rest.Length > 3 && rest[0] == rest[1]) rest = rest[1..];
                return "abdul" + (Canonical.TryGetValue(rest, out var r) ? r : rest);
            }
        }
        return token;
    }
}
