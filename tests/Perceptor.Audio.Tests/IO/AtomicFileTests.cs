using Perceptor.Audio.IO;

namespace Perceptor.Audio.Tests.IO;

public class AtomicFileTests
{
    [Fact]
    public void A_write_replaces_the_whole_file_and_leaves_no_temporary_file()
    {
        using var dir = new TempFolder();
        string path = dir.File("nested/f.txt");
        AtomicFile.WriteAllText(path, new string('x', 1000));
        AtomicFile.WriteAllText(path, "short");

        Assert.Equal("short", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void A_failing_writer_leaves_the_old_file_and_no_temporary_file()
    {
        using var dir = new TempFolder();
        string path = dir.File("f.bin");
        AtomicFile.WriteAllBytes(path, new byte[] { 1, 2, 3 });

        Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[] { 9, 9 });
            throw new IOException("disk full");
        }));
        Assert.Throws<InvalidDataException>(() => AtomicFile.Write(path, s => s.Write(new byte[] { 7 }), verify: _ => throw new InvalidDataException("bad")));

        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Concurrent_writers_of_one_file_never_share_a_temporary_name()
    {
        using var dir = new TempFolder();
        string path = dir.File("f.txt");
        var texts = Enumerable.Range(0, 64).Select(i => new string((char)('a' + (i % 26)), 10_000 + i)).ToArray();

        Parallel.ForEach(texts, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t => AtomicFile.WriteAllText(path, t));

        Assert.Contains(File.ReadAllText(path), texts); // one writer's whole text, never a mixture
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_writer_may_dispose_the_stream_it_is_given()
    {
        using var dir = new TempFolder();
        string path = dir.File("f.txt");
        AtomicFile.Write(path, s =>
        {
            using var writer = new StreamWriter(s);
            writer.Write("closed by its writer");
        });

        Assert.Equal("closed by its writer", File.ReadAllText(path));
    }

    [Fact]
    public void Stale_temporary_files_of_a_target_are_removed_and_others_kept()
    {
        using var dir = new TempFolder();
        string path = dir.File("last.ckpt");
        File.WriteAllText(path, "good");
        File.WriteAllText(path + ".tmp-123", "half");
        File.WriteAllText(path + ".tmp-456-abc", "half");
        File.WriteAllText(dir.File("best.ckpt.tmp-1"), "another target's");

        var removed = AtomicFile.RemoveStaleTemporaries(path);

        Assert.Equal(2, removed.Count);
        Assert.Equal(["best.ckpt.tmp-1", "last.ckpt"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
