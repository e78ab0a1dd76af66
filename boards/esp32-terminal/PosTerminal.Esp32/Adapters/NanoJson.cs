using System;
using nanoFramework.Json;
using PosTerminal.Hal;

namespace PosTerminal.Esp32.Adapters
{
    /// <summary>
    /// JSON through nanoFramework.Json: it writes public property getters (not fields) and
    /// fills public setters and arrays, which is what the IJson document classes use.
    /// </summary>
    public sealed class NanoJson : IJson
    {
        public string Serialize(object document)
        {
            return JsonConvert.SerializeObject(document);
        }

        public object Deserialize(string json, Type type)
        {
            // nanoFramework.Json throws on much bad input but can also hand back null.
            object document = JsonConvert.DeserializeObject(json, type);
            if (document == null)
            {
                throw new ArgumentException("malformed JSON");
            }
            return document;
        }
    }
}
