using System;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PosTerminal.Hal;

namespace PosTerminal.Virtual
{
    /// <summary>
    /// IJson with System.Text.Json: public properties and arrays, as the device's
    /// nanoFramework.Json. Strict on input: unknown properties and type mismatches throw
    /// (their message names the JSON path), so a restore reports them instead of ignoring them.
    /// </summary>
    public sealed class SimJson : IJson
    {
        private static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            // Console output, never HTML: keep '+' and the like readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public string Serialize(object document)
        {
            return JsonSerializer.Serialize(document, document.GetType(), Options);
        }

        public object Deserialize(string json, Type type)
        {
            return JsonSerializer.Deserialize(json, type, Options);
        }
    }
}
