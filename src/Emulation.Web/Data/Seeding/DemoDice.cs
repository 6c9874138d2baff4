using System.Text;

namespace Emulation.Web.Data.Seeding;

/// <summary>
/// The demo year's dice: <see cref="Random"/> seeded from a stable hash of what is drawn for
/// (unit, month, purpose), so every start of every machine draws the same year.
/// <see cref="string.GetHashCode()"/> is randomised per process and would not.
/// </summary>
internal static class DemoDice
{
    /// <summary>Dice for one purpose of one unit's month (month 0: the unit itself).</summary>
    public static Random For(string unitKey, int month, string purpose) => new(StableHash($"{unitKey}|{month}|{purpose}"));

    /// <summary>32-bit FNV-1a over the UTF-8 bytes, made non-negative.</summary>
    public static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
    }

    public static bool Chance(this Random dice, double probability) => dice.NextDouble() < probability;

    public static double Between(this Random dice, double min, double max) => min + (dice.NextDouble() * (max - min));

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public static int From(this Random dice, int min, int max) => dice.Next(min, max + 1);

    public static T OneOf<T>(this Random dice, IReadOnlyList<T> items) => items[dice.Next(items.Count)];
}
