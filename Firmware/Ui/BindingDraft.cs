using PosTerminal.Firmware.Bindings;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>A binding being entered: its kind, the identifiers typed so far, and the list to return to.</summary>
    public sealed class BindingDraft
    {
        public BindingDraft(BindingKind kind, Screen list)
        {
            Kind = kind;
            Fields = BindingField.For(kind);
            Values = (string[])PosTerminal.Hal.RefArrays.Nulls(new string[Fields.Length]);
            List = list;
        }

        public BindingKind Kind { get; }
        public BindingField[] Fields { get; }
        public string[] Values { get; }

        /// <summary>The bindings screen: where saving or discarding the draft returns.</summary>
        public Screen List { get; }

        public Binding ToBinding()
        {
            return new Binding(Kind, Values[0], Values.Length > 1 ? Values[1] : null);
        }
    }
}
