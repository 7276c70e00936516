using System.Runtime.InteropServices;
using System.Text;

namespace SignOnLetters.Domain;

/// <summary>
/// The two Unicode security checks (UTS #39) that organisation names need, from the system's ICU:
/// the confusable skeleton (<c>uspoof_getSkeleton</c>: "Hаrm" with a Cyrillic а and "Harm" have the
/// same one) and each character's script (<c>uscript_getScript</c>). icu.net 4.0 binds neither, so
/// they are loaded here the way icu.net and the .NET runtime find ICU: the versioned
/// <c>libicuuc.so.NN</c>/<c>libicui18n.so.NN</c> and their <c>_NN</c>-suffixed symbols (ADR 0006).
/// </summary>
public static class UnicodeSecurity
{
    private const int UsePoofSkeletonAnyCase = 0; // USPOOF_ANY_CASE: the only type ICU still supports
    private const int ScriptCommon = 0, ScriptInherited = 1, ScriptUnknown = 103;
    private const int ScriptBopomofo = 5, ScriptHan = 17, ScriptHangul = 18, ScriptHiragana = 20, ScriptKatakana = 22;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr SpoofOpen(ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, CharSet = CharSet.Unicode)]
    private delegate int SpoofGetSkeleton(IntPtr checker, int type, [MarshalAs(UnmanagedType.LPWStr)] string id, int length,
        [Out] char[] destination, int destinationCapacity, ref int status);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int ScriptOf(int codePoint, ref int status);

    private sealed record Icu(IntPtr Checker, SpoofGetSkeleton GetSkeleton, ScriptOf GetScript);

    private static readonly Lazy<Icu> Library = new(Load);

    /// <summary>The UTS #39 skeleton: two strings that look alike have the same skeleton ("rn" and "m", "Ｈ" and "H", "а" and "a").</summary>
    public static string Skeleton(string text)
    {
        if (text.Length == 0)
            return text;
        var icu = Library.Value;
        var buffer = new char[text.Length * 4 + 16];
        var status = 0;
        var length = icu.GetSkeleton(icu.Checker, UsePoofSkeletonAnyCase, text, text.Length, buffer, buffer.Length, ref status);
        if (status == 15) // U_BUFFER_OVERFLOW_ERROR: a skeleton may be longer than its text
        {
            buffer = new char[length + 1];
            status = 0;
            length = icu.GetSkeleton(icu.Checker, UsePoofSkeletonAnyCase, text, text.Length, buffer, buffer.Length, ref status);
        }
        if (status > 0)
            throw new InvalidOperationException($"ICU could not compute a confusable skeleton (error {status}).");
        return new string(buffer, 0, length);
    }

    /// <summary>
    /// True when one word mixes scripts ("Hаrm" with a Cyrillic а), the usual way to forge a name that
    /// looks like another. Names in one script, and words in different scripts ("Réseau 日本"), pass;
    /// digits, punctuation and marks belong to every script; Japanese and Korean words mix Han with kana
    /// or Hangul by nature, so those count as one script.
    /// </summary>
    public static bool HasMixedScriptWord(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return false;
        var icu = Library.Value;
        var wordScript = -1;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune) && !Rune.IsDigit(rune) && !IsMark(rune))
            {
                wordScript = -1; // a space, a hyphen or any punctuation ends the word
                continue;
            }
            var status = 0;
            var script = icu.GetScript(rune.Value, ref status);
            if (status > 0 || script is ScriptCommon or ScriptInherited or ScriptUnknown)
                continue;
            if (script is ScriptHiragana or ScriptKatakana or ScriptHangul or ScriptBopomofo)
                script = ScriptHan;
            if (wordScript == -1)
                wordScript = script;
            else if (wordScript != script)
                return true;
        }
        return false;
    }

    private static bool IsMark(Rune rune) => Rune.GetUnicodeCategory(rune) is
        System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark
        or System.Globalization.UnicodeCategory.EnclosingMark;

    private static Icu Load()
    {
        foreach (var (common, i18n, suffix) in Candidates())
        {
            if (!NativeLibrary.TryLoad(common, out var commonHandle) || !NativeLibrary.TryLoad(i18n, out var i18nHandle))
                continue;
            if (!NativeLibrary.TryGetExport(i18nHandle, "uspoof_open" + suffix, out var open)
                || !NativeLibrary.TryGetExport(i18nHandle, "uspoof_getSkeleton" + suffix, out var skeleton)
                || !NativeLibrary.TryGetExport(commonHandle, "uscript_getScript" + suffix, out var script))
                continue;
            var status = 0;
            var checker = Marshal.GetDelegateForFunctionPointer<SpoofOpen>(open)(ref status);
            if (status > 0 || checker == IntPtr.Zero)
                continue;
            // The checker lives as long as the process; ICU's skeleton call only reads it, so it is shared by all threads.
            return new Icu(checker, Marshal.GetDelegateForFunctionPointer<SpoofGetSkeleton>(skeleton),
                Marshal.GetDelegateForFunctionPointer<ScriptOf>(script));
        }
        throw new InvalidOperationException("The ICU library (libicu) was not found; organisation names cannot be checked for look-alikes without it.");
    }

    private static IEnumerable<(string Common, string I18n, string Suffix)> Candidates()
    {
        if (OperatingSystem.IsWindows())
        {
            yield return ("icu.dll", "icu.dll", ""); // Windows 10+ ships ICU with unversioned symbols
            yield break;
        }
        if (OperatingSystem.IsMacOS())
        {
            yield return ("libicucore.dylib", "libicucore.dylib", "");
            yield break;
        }
        for (var version = 99; version >= 50; version--)
            yield return ($"libicuuc.so.{version}", $"libicui18n.so.{version}", $"_{version}");
        yield return ("libicuuc.so", "libicui18n.so", "");
    }
}
