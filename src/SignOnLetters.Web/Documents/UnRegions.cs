using System.Collections.Frozen;

namespace SignOnLetters.Web.Documents;

/// <summary>
/// The UN M49 regions used to group signatories, with the Americas split into M49's two
/// sub-regions as the UN itself usually reports them.
/// </summary>
public enum UnRegion
{
    Africa,
    LatinAmericaAndTheCaribbean,
    NorthernAmerica,
    Asia,
    Europe,
    Oceania,
}

/// <summary>
/// ISO 3166-1 alpha-2 codes to UN M49 regions (unstats.un.org/unsd/methodology/m49). ICU holds
/// CLDR's territory containment, but neither .NET nor icu.net exposes it, so this is the table.
/// Taiwan and Kosovo, which M49 does not list, are placed where CLDR places them; Antarctica has
/// no region.
/// </summary>
public static class UnRegions
{
    private static readonly FrozenDictionary<string, UnRegion> RegionByCountry = new (UnRegion Region, string Codes)[]
    {
        // Northern, Eastern, Middle, Southern and Western Africa.
        (UnRegion.Africa, "DZ EG LY MA SD TN EH IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW "
            + "AO CM CF TD CG CD GQ GA ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG"),
        // Caribbean, Central America, South America.
        (UnRegion.LatinAmericaAndTheCaribbean, "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI "
            + "BZ CR SV GT HN MX NI PA AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE"),
        (UnRegion.NorthernAmerica, "BM CA GL PM US"),
        // Central, Eastern, South-eastern, Southern and Western Asia.
        (UnRegion.Asia, "KZ KG TJ TM UZ CN HK MO KP JP MN KR TW BN KH ID LA MY MM PH SG TH TL VN AF BD BT IN IR MV NP PK LK "
            + "AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE"),
        // Eastern, Northern, Southern and Western Europe.
        (UnRegion.Europe, "BY BG CZ HU PL MD RO RU SK UA AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB "
            + "AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES XK AT BE FR DE LI LU MC NL CH"),
        // Australia and New Zealand, Melanesia, Micronesia, Polynesia.
        (UnRegion.Oceania, "AU CX CC HM NZ NF FJ NC PG SB VU GU KI MH FM NR MP PW UM AS CK PF NU PN WS TK TO TV WF"),
    }
    .SelectMany(entry => entry.Codes.Split(' ').Select(code => KeyValuePair.Create(code, entry.Region)))
    .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The country's region, or null for codes without one (Antarctica, unknown codes).</summary>
    public static UnRegion? Of(string countryCode) =>
        RegionByCountry.TryGetValue(countryCode, out var region) ? region : null;
}
