using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emulation.Core.Json;

/// <summary>
/// The JSON the engine serializes, generated at compile time: no reflection, so the
/// <c>emulation</c> command can be published ahead of time (Native AOT).
/// </summary>
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
