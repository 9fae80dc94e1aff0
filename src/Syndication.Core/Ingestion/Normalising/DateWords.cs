namespace Syndication.Core.Ingestion.Normalising;

/// <summary>The words a feed date may contain: month names, weekdays (English and Vietnamese), zone abbreviations.</summary>
internal static class DateWords
{
    public static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["jan"] = 1, ["january"] = 1, ["feb"] = 2, ["february"] = 2, ["mar"] = 3, ["march"] = 3,
        ["apr"] = 4, ["april"] = 4, ["may"] = 5, ["jun"] = 6, ["june"] = 6, ["jul"] = 7, ["july"] = 7,
        ["aug"] = 8, ["august"] = 8, ["sep"] = 9, ["sept"] = 9, ["september"] = 9, ["oct"] = 10, ["october"] = 10,
        ["nov"] = 11, ["november"] = 11, ["dec"] = 12, ["december"] = 12,
    };

    public static readonly HashSet<string> EnglishWeekdays = new(StringComparer.Ordinal)
    {
        "mon", "monday", "tue", "tues", "tuesday", "wed", "weds", "wednesday", "thu", "thur", "thurs", "thursday",
        "fri", "friday", "sat", "saturday", "sun", "sunday",
    };

    /// <summary>What follows "Thứ" in a Vietnamese weekday ("Thứ năm" is Thursday), with and without diacritics.</summary>
    public static readonly HashSet<string> VietnameseWeekdayNumbers = new(StringComparer.Ordinal)
    {
        "hai", "ba", "tư", "tu", "năm", "nam", "sáu", "sau", "bảy", "bay",
    };

    /// <summary>Zone abbreviations seen in feeds, as offsets in minutes; RFC 822's own plus a few regional ones.</summary>
    public static readonly Dictionary<string, int> Zones = new(StringComparer.Ordinal)
    {
        ["gmt"] = 0, ["ut"] = 0, ["utc"] = 0, ["z"] = 0,
        ["est"] = -5 * 60, ["edt"] = -4 * 60, ["cst"] = -6 * 60, ["cdt"] = -5 * 60,
        ["mst"] = -7 * 60, ["mdt"] = -6 * 60, ["pst"] = -8 * 60, ["pdt"] = -7 * 60,
        ["bst"] = 60, ["cet"] = 60, ["cest"] = 2 * 60, ["ict"] = 7 * 60, ["sgt"] = 8 * 60, ["hkt"] = 8 * 60,
        ["jst"] = 9 * 60, ["kst"] = 9 * 60,
    };

    public static bool IsMeridiem(string word, out bool pm)
    {
        // "SA" (sáng) and "CH" (chiều) are the Vietnamese AM and PM.
        pm = word is "pm" or "ch";
        return word is "am" or "pm" or "sa" or "ch";
    }
}
