namespace Emulation.Web;

/// <summary>
/// Marker for the shared strings in Resources/SharedResource.resx (Vietnamese, the default)
/// and Resources/SharedResource.en.resx (English).
/// </summary>
public sealed class SharedResource;
