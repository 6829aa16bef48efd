using System.Globalization;
using System.Text.RegularExpressions;

namespace ProgressTracker.Students;

/// <summary>
/// The academic terms of api.md (<c>YYYY-SP</c>, <c>YYYY-SU</c>, <c>YYYY-FA</c>) and the one calendar the rules use
/// for them. Colleges' calendars differ by a few days; these are typical US community college starts: spring on
/// 1 January, summer on 15 May, fall on 15 August. The rules read only a term's start, so a college that starts a
/// week later is covered by the alert's grace period (<c>Alerts:NoReRegistrationGraceDays</c>).
/// </summary>
public static partial class TermCalendar
{
    [GeneratedRegex("^[0-9]{4}-(SP|SU|FA)$")]
    private static partial Regex Pattern();

    /// <summary>Whether <paramref name="term"/> is a term as api.md writes it (upper case season).</summary>
    public static bool IsTerm(string? term) => term is not null && Pattern().IsMatch(term) && int.Parse(term[..4], CultureInfo.InvariantCulture) >= 1900;

    public static int Year(string term) => int.Parse(term.AsSpan(0, 4), CultureInfo.InvariantCulture);

    private static int Season(string term) => term[5..] switch { "SP" => 0, "SU" => 1, _ => 2 };

    /// <summary>The first day of the term.</summary>
    public static DateOnly Start(string term) => Season(term) switch
    {
        0 => new DateOnly(Year(term), 1, 1),
        1 => new DateOnly(Year(term), 5, 15),
        _ => new DateOnly(Year(term), 8, 15),
    };

    /// <summary>An order on terms: negative when <paramref name="a"/> comes before <paramref name="b"/>.</summary>
    public static int Compare(string a, string b) => (Year(a) * 3 + Season(a)).CompareTo(Year(b) * 3 + Season(b));

    /// <summary>The same season one year later (IPEDS fall-to-fall retention: 2024-FA to 2025-FA).</summary>
    public static string OneYearAfter(string term) => $"{Year(term) + 1:0000}-{term[5..]}";

    /// <summary>
    /// The next term a continuing student is expected to register for: fall after spring or summer, spring after fall.
    /// Summer is optional at most colleges, so a student registered in spring who skips summer has not dropped out.
    /// </summary>
    public static string NextRegular(string term) => Season(term) == 2 ? $"{Year(term) + 1:0000}-SP" : $"{Year(term):0000}-FA";
}
