using System.Buffers;
using Emulation.Core.Entries;

// bare-pass <entries.csv>: reads the file in 1 MB chunks cut after a line feed and splits each into
// records and fields with the command's own tokenizer, on every core; prints the counts. What the
// command costs beyond this is decoding, checking, ranking and writing.
if (args.Length != 1)
{
    Console.Error.WriteLine("bare-pass <entries.csv>");
    return 2;
}

const int size = 1 << 20;
using var file = new FileStream(args[0], FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
var tasks = new Queue<Task<(long Records, long Fields)>>();
var carry = Array.Empty<byte>();
long records = 0, fields = 0;
var first = true;
while (true)
{
    var buffer = ArrayPool<byte>.Shared.Rent(carry.Length + size);
    carry.CopyTo(buffer, 0);
    var read = file.ReadAtLeast(buffer.AsSpan(carry.Length, size), size, throwOnEndOfStream: false);
    var length = carry.Length + read;
    var cut = read < size ? length : buffer.AsSpan(0, length).LastIndexOf((byte)'\n') + 1;
    carry = buffer.AsSpan(cut, length - cut).ToArray();
    var start = first;
    first = false;
    tasks.Enqueue(Task.Run(() => Split(buffer, cut, start)));
    while (tasks.Count > Environment.ProcessorCount * 2 || (read < size && tasks.Count > 0))
    {
        var (r, f) = tasks.Dequeue().Result;
        records += r;
        fields += f;
    }

    if (read < size)
    {
        break;
    }
}

Console.WriteLine($"{records} records, {fields} fields");
return 0;

static (long, long) Split(byte[] buffer, int length, bool fileStart)
{
    var reader = new CsvRecordReader(buffer, length, fileStart);
    long records = 0, fields = 0;
    while (reader.Read())
    {
        records++;
        fields += reader.FieldCount;
    }

    ArrayPool<byte>.Shared.Return(buffer);
    return (records, fields);
}
