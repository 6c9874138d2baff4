namespace Emulation.Core;

/// <summary>Why a file could not be read, in words for people: "Vietnamese (English)", never .NET's English message alone.</summary>
public static class FileReadError
{
    /// <summary>The reason for an <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> met opening or reading a file.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        FileNotFoundException => "không tìm thấy tệp (file not found)",
        DirectoryNotFoundException => "không tìm thấy thư mục chứa tệp (the file's folder does not exist)",
        UnauthorizedAccessException => "không có quyền đọc tệp (permission denied)",
        PathTooLongException => "đường dẫn quá dài (the path is too long)",
        _ when Directory.Exists(PathOf(exception)) => "đây là thư mục, không phải tệp (a folder, not a file)",
        _ => $"không đọc được tệp (cannot read the file: {exception.Message})",
    };

    private static string PathOf(Exception exception) => exception is FileNotFoundException { FileName: { } name } ? name : "";
}
