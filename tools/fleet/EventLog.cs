using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace PosTerminal.Tools.Fleet
{
    /// <summary>
    /// The desk's record of one terminal's events: DATA/events-ID.jsonl, one payload a line,
    /// each event id once. An event is written (and flushed to disk) before the broker is
    /// acknowledged, so one that arrived is never lost by a crash of the tool, and one the
    /// terminal sent twice (at-least-once delivery) is counted once.
    /// </summary>
    public sealed class EventLog
    {
        private readonly string _path;
        private readonly HashSet<string> _ids = new HashSet<string>();
        private readonly List<string> _lines = new List<string>();

        public EventLog(string dataFolder, string terminalId)
        {
            Directory.CreateDirectory(dataFolder);
            _path = Path.Combine(dataFolder, "events-" + terminalId + ".jsonl");
            if (!File.Exists(_path)) return;
            foreach (string line in File.ReadAllLines(_path))
            {
                string id = IdOf(line);
                if (id != null && _ids.Add(id)) _lines.Add(line);
            }
        }

        public IReadOnlyList<string> Lines => _lines;

        /// <summary>True when the event is new (and now on disk); false for a duplicate or a payload without an id.</summary>
        public bool Add(string payload)
        {
            string id = IdOf(payload);
            if (id == null) return false;
            lock (_ids)
            {
                if (!_ids.Add(id)) return false;
                using (var stream = new FileStream(_path, FileMode.Append, FileAccess.Write))
                using (var writer = new StreamWriter(stream))
                {
                    writer.WriteLine(payload);
                    writer.Flush();
                    stream.Flush(true);
                }
                _lines.Add(payload);
                return true;
            }
        }

        public static string IdOf(string payload)
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(payload);
                return doc.RootElement.TryGetProperty("id", out JsonElement id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
