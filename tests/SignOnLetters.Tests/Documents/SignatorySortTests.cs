using Icu.Collation;
using SignOnLetters.Web.Documents;
using SignOnLetters.Web.Infrastructure;

namespace SignOnLetters.Tests.Documents;

/// <summary>
/// The list's sort keeps its names' ICU sort keys end to end in blocks and puts the entries in
/// order where they are (issue 20: the PDF of 1,000,000 signatories). Its order must be the
/// collator's own, ties included, whatever the scripts.
/// </summary>
public sealed class SignatorySortTests
{
    /// <summary>Accents, case, equal prefixes, duplicates, empty and blank names, and several scripts.</summary>
    private static readonly string[] Names =
    [
        "", " ", "a", "A", "á", "Á", "ab", "Ab", "abc", "abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyzA", "abcdefghijklmnopqrstuvwxyza",
        "Élodie", "Elodie", "elodie", "Élodie Martin", "Elodie Martín", "Øyvind", "Oyvind", "Åsa", "Ängel", "Zoë", "Zoe", "Straße", "Strasse",
        "Борис", "борис", "Алла", "Ёлка", "Елка", "Ωμέγα", "Άλφα", "αλφα", "محمد", "مُحَمَّد", "مريم حداد", "أحمد", "احمد",
        "山田太郎", "山田", "田中", "김민준", "김", "さくら", "サクラ", "Nguyễn Văn An", "Nguyen Van An", "देवनागरी", "Jean-Pierre", "Jean Pierre", "JeanPierre",
        "O'Brien", "OBrien", "1 Organisation", "١ منظمة", "a\u0301", "\u00e1", "Maria Garcia", "Maria Garcia", "Maria García", "MARIA GARCIA",
    ];

    [Theory]
    [InlineData("en")]
    [InlineData("sv")]
    [InlineData("ar")]
    [InlineData("ru")]
    [InlineData("ja")]
    public void Should_compare_kept_keys_as_the_collator_compares_the_names(string language)
    {
        using var collator = Collator.Create(language, Collator.Fallback.FallbackAllowed);
        using var keys = new SortKeys(collator, Names.Length);
        foreach (var name in Names)
            keys.Add(name);

        for (var x = 0; x < Names.Length; x++)
            for (var y = 0; y < Names.Length; y++)
                Assert.True(Math.Sign(keys.Compare(x, y)) == Math.Sign(collator.Compare(Names[x], Names[y])),
                    $"{language}: \"{Names[x]}\" against \"{Names[y]}\"");
    }

    [Fact]
    public void Should_compare_keys_across_blocks_as_within_one()
    {
        // Enough names that their keys fill more than one 1 MB block, each name several times.
        var random = new Random(20);
        var names = Enumerable.Range(0, 60_000).Select(_ => Names[random.Next(Names.Length)] + " " + (char)('a' + random.Next(26)) + random.Next(1000)).ToArray();
        using var collator = Collator.Create("en", Collator.Fallback.FallbackAllowed);
        using var keys = new SortKeys(collator, names.Length);
        foreach (var name in names)
            keys.Add(name);

        for (var i = 0; i < 20_000; i++)
        {
            var (x, y) = (random.Next(names.Length), random.Next(names.Length));
            Assert.Equal(Math.Sign(collator.Compare(names[x], names[y])), Math.Sign(keys.Compare(x, y)));
        }
    }

    [Theory]
    [InlineData("en", SignatoryGrouping.None)]
    [InlineData("sv", SignatoryGrouping.None)]
    [InlineData("ar", SignatoryGrouping.ByCountry)]
    [InlineData("ru", SignatoryGrouping.ByRegion)]
    public void Should_list_names_in_the_collators_order_with_ties_by_name_then_detail_then_input(string language, SignatoryGrouping grouping)
    {
        var random = new Random(7);
        string[] countries = ["FR", "SE", "JP", "EG", "RU", "", "XX"];
        string?[] details = [null, "Air Watch", "Zeta", "Air Watch"];
        // Each (name, detail) pair several times: the ties that only the input order settles.
        var signatories = Enumerable.Range(0, 2_000)
            .Select(i => (Names[random.Next(Names.Length)] + (i % 3 == 0 ? " " : ""), countries[random.Next(countries.Length)], details[random.Next(details.Length)], i % 5 == 0, false))
            .ToList();
        using var arrangement = new SignatoryArrangement(language, LetterDocumentTexts.English);

        var groups = arrangement.Arrange(signatories, grouping);

        Assert.Equal(signatories.Count, groups.Sum(group => group.Signatories.Count));
        foreach (var group in groups)
        {
            var listed = group.Signatories;
            // What the old sort did: (name as the collator orders it, then ordinal), country, detail, input order (stable).
            var expected = listed.OrderBy(s => s.Name, arrangement).ThenBy(s => s.Country, StringComparer.Ordinal)
                .ThenBy(s => s.Detail, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, listed);
        }
        // Entries that are equal in every printed field keep their input order (Late tells them apart).
        var none = arrangement.Arrange(signatories, SignatoryGrouping.None).Single().Signatories;
        foreach (var run in none.GroupBy(s => (s.Name, s.Country, s.Detail)))
        {
            var inputOrder = signatories.Where(s => s.Item1.Trim() == run.Key.Name && s.Item3 == run.Key.Detail
                    && (run.Key.Country is null ? !Countries.IsKnown(s.Item2) : Countries.IsKnown(s.Item2) && Countries.Name(s.Item2, LetterDocumentTexts.English.CountryNameLanguage) == run.Key.Country))
                .Select(s => s.Item4).ToList();
            Assert.Equal(inputOrder, run.Select(s => s.SignedAfterDelivery).ToList());
        }
    }

    [Fact]
    public void Should_list_nothing_for_no_signatories()
    {
        using var arrangement = new SignatoryArrangement("en", LetterDocumentTexts.English);

        var group = Assert.Single(arrangement.Arrange([], SignatoryGrouping.None));

        Assert.Empty(group.Signatories);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(17)]
    [InlineData(1_000)]
    public void Should_put_items_in_the_given_order_where_they_are(int count)
    {
        var random = new Random(count);
        var items = Enumerable.Range(0, count).Select(i => $"item {i}").ToArray();
        var order = Enumerable.Range(0, count).OrderBy(_ => random.Next()).ToArray();
        var expected = order.Select(i => items[i]).ToArray();

        SignatoryArrangement.InPlace(items, order);

        Assert.Equal(expected, items);
    }
}
