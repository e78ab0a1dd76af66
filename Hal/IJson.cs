using System;

namespace PosTerminal.Hal
{
    /// <summary>
    /// JSON through one contract: nanoFramework.Json on the device, System.Text.Json in the simulator.
    /// Documents are classes with public get/set properties and arrays (what both libraries handle).
    /// </summary>
    public interface IJson
    {
        string Serialize(object document);

        /// <summary>Parses json into a new instance of type; throws on malformed input.</summary>
        object Deserialize(string json, Type type);
    }
}
