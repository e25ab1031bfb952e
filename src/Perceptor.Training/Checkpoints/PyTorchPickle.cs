using System.Collections;
using System.Collections.Specialized;
using System.IO.Compression;
using Razorvine.Pickle;
using Razorvine.Pickle.Objects;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Perceptor.Training.Checkpoints;

/// <summary>
/// <c>torch.save</c> files (the zip format of PyTorch ≥ 1.6) through TorchSharp.PyBridge, which unpickles with
/// Razorvine.Pickle: tensors are rebuilt from the archive's storages, dicts and OrderedDicts become dictionaries,
/// and no pickled class is ever constructed or run (an unknown class becomes an inert record of its name). Any
/// such record, or any value other than tensors, dicts, lists, tuples, strings, numbers and None, is refused with
/// the class it names.
/// </summary>
internal static class PyTorchPickle
{
    /// <summary>Reads the object a torch.save file holds; throws <see cref="CheckpointException"/> naming the file.</summary>
    public static object? Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path, $"cannot read ({e.Message})", e);
        }

        object? root;
        try
        {
            using (var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read))
            {
                if (!archive.Entries.Any(e => e.Name == "data.pkl"))
                {
                    throw new CheckpointException(path, "a zip archive without data.pkl (not written by torch.save)");
                }

                // Reading every entry through verifies its CRC, so a damaged archive fails here with a clear cause.
                foreach (var entry in archive.Entries)
                {
                    using var s = entry.Open();
                    s.CopyTo(Stream.Null);
                }
            }

            root = PyTorchUnpickler.UnpickleStateDict(new MemoryStream(bytes, writable: false));
        }
        catch (CheckpointException)
        {
            throw;
        }
        catch (InvalidDataException e)
        {
            throw new CheckpointException(path, $"truncated or corrupt zip archive ({e.Message})", e);
        }
        catch (PickleException e)
        {
            // Razorvine refuses to build an unregistered class from arguments and names it as "(for module.name)".
            var named = System.Text.RegularExpressions.Regex.Match(e.Message, @"\(for ([^)\s]+)\)");
            throw new CheckpointException(path, named.Success ? UnexpectedMessage(named.Groups[1].Value) : $"unreadable pickle ({Innermost(e)})", e);
        }
        catch (NotImplementedException e)
        {
            throw new CheckpointException(path, $"unsupported contents: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidCastException or InvalidOperationException or IndexOutOfRangeException
            or ArgumentException or EndOfStreamException or KeyNotFoundException or IOException or NullReferenceException)
        {
            throw new CheckpointException(path, $"unreadable pickle ({e.GetType().Name}: {e.Message})", e);
        }

        try
        {
            CheckPlain(root, path);
        }
        catch (CheckpointException)
        {
            DisposeTensors(root);
            throw;
        }

        return root;
    }

    /// <summary>Writes <paramref name="entries"/> (in order) as a state dict that <c>torch.load</c> reads.</summary>
    public static byte[] Write(IEnumerable<KeyValuePair<string, Tensor>> entries)
    {
        var dict = new OrderedDictionary(StringComparer.Ordinal);
        var owned = new List<Tensor>();
        try
        {
            foreach (var (name, tensor) in entries)
            {
                var plain = tensor.detach().cpu().contiguous();
                owned.Add(plain);
                dict.Add(name, plain);
            }

            using var stream = new MemoryStream();
            PyTorchPickler.PickleStateDict(stream, dict, leaveOpen: true);
            return stream.ToArray();
        }
        finally
        {
            foreach (var tensor in owned)
            {
                tensor.Dispose();
            }
        }
    }

    /// <summary>Disposes every tensor inside <paramref name="value"/> except those in <paramref name="keep"/>.</summary>
    public static void DisposeTensors(object? value, IReadOnlySet<Tensor>? keep = null)
    {
        switch (value)
        {
            case Tensor t:
                if (keep is null || !keep.Contains(t))
                {
                    t.Dispose();
                }

                break;
            case IDictionary d:
                foreach (DictionaryEntry e in d)
                {
                    DisposeTensors(e.Value, keep);
                }

                break;
            case IEnumerable items and not string:
                foreach (object? item in items)
                {
                    DisposeTensors(item, keep);
                }

                break;
        }
    }

    private static void CheckPlain(object? value, string path)
    {
        switch (value)
        {
            case null or string or bool or int or long or double or System.Numerics.BigInteger or Tensor:
                return;
            case ClassDict record:
                throw new CheckpointException(path, UnexpectedMessage(record.ClassName));
            case ClassDictConstructor constructor:
                throw new CheckpointException(path, UnexpectedMessage($"{constructor.module}.{constructor.name}"));
            case IDictionary d:
                foreach (DictionaryEntry e in d)
                {
                    CheckPlain(e.Key, path);
                    CheckPlain(e.Value, path);
                }

                return;
            case object[] or ArrayList:
                foreach (object? item in (IEnumerable)value)
                {
                    CheckPlain(item, path);
                }

                return;
            default:
                throw new CheckpointException(path, UnexpectedMessage(value.GetType().Name));
        }
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e.Message;
    }

    internal static string UnexpectedMessage(string name) =>
        $"the pickle names class '{name}'; only tensors, dicts and plain values are read, never other pickled classes (save the weights with torch.save(model.state_dict(), path))";
}
