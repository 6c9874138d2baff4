namespace Emulation.Web.Infrastructure;

/// <summary>
/// Where activated campaign and units files live in the data folder: <c>campaigns/&lt;id&gt;.json</c>
/// (loaded at every start beside the criteria folder's) and <c>units.json</c>
/// (<see cref="EmulationOptions.ActivatedUnitsPath"/>), each readable by the server's account only.
/// </summary>
public static class CampaignFiles
{
    public static string CampaignsFolder(EmulationOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Path.Combine(settings.DataPath, "campaigns");
    }

    public static string CampaignPath(EmulationOptions settings, string campaignId) => Path.Combine(CampaignsFolder(settings), campaignId + ".json");

    /// <summary>
    /// Puts <paramref name="source"/> at <paramref name="destination"/> through a temporary file in
    /// the same folder and a rename, and returns how to undo it: put back what was there, or remove it.
    /// </summary>
    public static Action Install(string source, string destination)
    {
        var folder = Path.GetDirectoryName(destination)!;
        PrivateFiles.CreateFolder(folder);
        var previous = File.Exists(destination) ? File.ReadAllBytes(destination) : null;
        var temporary = Path.Combine(folder, $".tmp-{Guid.NewGuid():N}");
        PrivateFiles.WriteBytes(temporary, File.ReadAllBytes(source));
        File.Move(temporary, destination, overwrite: true);
        return () =>
        {
            if (previous is null)
            {
                File.Delete(destination);
            }
            else
            {
                var back = Path.Combine(folder, $".tmp-{Guid.NewGuid():N}");
                PrivateFiles.WriteBytes(back, previous);
                File.Move(back, destination, overwrite: true);
            }
        };
    }
}
