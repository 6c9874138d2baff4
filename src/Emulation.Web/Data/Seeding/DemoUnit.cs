using Emulation.Web.Domain;

namespace Emulation.Web.Data.Seeding;

/// <summary>
/// A competing unit as the demo year sees it. <see cref="Key"/> seeds every draw (two units with
/// the same key answer alike, on the same days); <see cref="Quality"/>, from 0 to 1, is how well
/// the unit does all year, so rankings have leaders and laggards.
/// </summary>
internal sealed record DemoUnit(Unit Unit, string Key, double Quality, UnitSize Size, string Head, string Staff)
{
    public string Code => Unit.Code;
    public string Kind => Unit.KindCode;
}

/// <summary>
/// What a unit has, the same all year: the figures ratio criteria count against (procedures,
/// officials, communes, documents, one-stop dossiers a month …), in the ranges of Tiền Giang's
/// departments, districts and communes.
/// </summary>
internal sealed record UnitSize(
    int Procedures,
    int Staff,
    int Divisions,
    int Communes,
    int PublicServiceUnits,
    int OutgoingDocuments,
    int IncomingDocuments,
    int OneStopDossiers,
    long BudgetDong)
{
    /// <summary>The sizes of a unit of <paramref name="kind"/>; <paramref name="communes"/> are those the units file lists under it (0: unknown).</summary>
    public static UnitSize Draw(string kind, string key, int communes)
    {
        var dice = DemoDice.For(key, 0, "size");
        return kind switch
        {
            "district" => new UnitSize(
                Procedures: dice.From(180, 260),
                Staff: dice.From(160, 420),
                Divisions: dice.From(12, 13),
                Communes: communes > 0 ? communes : dice.From(9, 28),
                PublicServiceUnits: dice.From(35, 90),
                OutgoingDocuments: dice.From(150, 600),
                IncomingDocuments: dice.From(400, 1200),
                OneStopDossiers: OneStop(dice, kind),
                BudgetDong: 0),
            "commune" => new UnitSize(
                Procedures: dice.From(90, 130),
                Staff: dice.From(18, 23),
                Divisions: 0,
                Communes: 0,
                PublicServiceUnits: 0,
                OutgoingDocuments: dice.From(20, 120),
                IncomingDocuments: dice.From(60, 250),
                OneStopDossiers: OneStop(dice, kind),
                BudgetDong: 0),
            _ => new UnitSize(
                Procedures: dice.From(60, 240),
                Staff: dice.From(35, 160),
                Divisions: dice.From(4, 9),
                Communes: 0,
                // Some departments have no public service unit of their own (the criterion then scores full).
                PublicServiceUnits: dice.Chance(0.2) ? 0 : dice.From(1, 12),
                OutgoingDocuments: dice.From(80, 400),
                IncomingDocuments: dice.From(200, 900),
                OneStopDossiers: OneStop(dice, kind),
                BudgetDong: dice.From(2_500, 15_000) * 1_000_000L),
        };
    }

    /// <summary>
    /// One-stop dossiers a unit of <paramref name="kind"/> resolves in a month: a district
    /// People's Committee 800–2,000, a commune 20–200, a department 50–600.
    /// </summary>
    public static (int Min, int Max) OneStopRange(string kind) => kind switch
    {
        "district" => (800, 2000),
        "commune" => (20, 200),
        _ => (50, 600),
    };

    private static int OneStop(Random dice, string kind)
    {
        var (min, max) = OneStopRange(kind);
        return dice.From(min, max);
    }
}
