using System.Text;
using System.Text.Json;

namespace Emulation.Cli.Output;

/// <summary>Writes UTF-8 output straight to the bytes under a text writer (stdout), buffered.</summary>
internal static class OutputStream
{
    /// <summary>Writes JSON with <see cref="Utf8JsonWriter"/> to the stream under <paramref name="output"/>.</summary>
    public static void Json(TextWriter output, Action<Utf8JsonWriter> write) => Bytes(output, stream =>
    {
        using var json = new Utf8JsonWriter(stream, Core.Output.Figures.JsonOptions);
        write(json);
        json.Flush();
        stream.Write("\n"u8);
    });

    /// <summary>Writes text (tables, CSV) to <paramref name="output"/>.</summary>
    public static void Text(TextWriter output, Action<TextWriter> write)
    {
        write(output);
        output.Flush();
    }

    private static void Bytes(TextWriter output, Action<Stream> write)
    {
        if (output is StreamWriter { BaseStream: var stream })
        {
            output.Flush();
            write(stream);
            stream.Flush();
            return;
        }

        // A writer without a stream (a test's StringWriter): go through memory.
        using var memory = new MemoryStream();
        write(memory);
        output.Write(Encoding.UTF8.GetString(memory.GetBuffer(), 0, (int)memory.Length));
        output.Flush();
    }
}
