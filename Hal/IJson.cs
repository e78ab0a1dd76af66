using System;

namespace PosTerminal.Hal
{
    /// <summary>
    /// JSON through one contract: nanoFramework.Json on the device, SimJson (as lenient) in the
    /// simulator. Documents are classes with public get/set properties and arrays.
    ///
    /// Deserialize is lenient: unknown members are skipped and mismatched scalars converted
    /// (see SimJson). Never use it to validate a document from outside: read those with
    /// Firmware/Json's JsonReader and check every field. No firmware part uses IJson since
    /// backup format 2; it is kept until the coordinator retires it with nanoFramework.Json.
    /// </summary>
    public interface IJson
    {
        string Serialize(object document);

        /// <summary>Parses json into a new instance of type; throws on malformed input.</summary>
        object Deserialize(string json, Type type);
    }
}
