using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Bindings
{
    /// <summary>
    /// One identifier the operator enters for a binding: its prompt and its rules.
    /// Merchant: merchant no. (15 digits) then terminal no. (8); settlement card: card
    /// number (16-19, Luhn); device: serial number (8-16).
    /// </summary>
    public sealed class BindingField
    {
        public static readonly BindingField MerchantNo = new BindingField(TextId.MerchantNoPrompt, 15, 15, false);
        public static readonly BindingField TerminalNo = new BindingField(TextId.TerminalNoPrompt, 8, 8, false);
        public static readonly BindingField CardNo = new BindingField(TextId.CardNoPrompt, 16, 19, true);
        public static readonly BindingField Serial = new BindingField(TextId.SerialPrompt, 8, 16, false);

        private static readonly BindingField[] MerchantFields = { MerchantNo, TerminalNo };
        private static readonly BindingField[] CardFields = { CardNo };
        private static readonly BindingField[] DeviceFields = { Serial };

        private BindingField(TextId prompt, int minLength, int maxLength, bool luhnChecked)
        {
            Prompt = prompt;
            MinLength = minLength;
            MaxLength = maxLength;
            LuhnChecked = luhnChecked;
        }

        public TextId Prompt { get; }
        public int MinLength { get; }
        public int MaxLength { get; }
        public bool LuhnChecked { get; }

        /// <summary>The fields of a kind, in the order they are asked for.</summary>
        public static BindingField[] For(BindingKind kind)
        {
            if (kind == BindingKind.Merchant) return MerchantFields;
            if (kind == BindingKind.SettlementCard) return CardFields;
            return DeviceFields;
        }

        /// <summary>"15" or "16-19": the allowed length, for messages.</summary>
        public string LengthText()
        {
            return MinLength == MaxLength ? MinLength.ToString() : MinLength + "-" + MaxLength;
        }

        public FieldProblem Check(string digits)
        {
            if (!Digits.AreAll(digits)) return FieldProblem.NotDigits;
            if (digits.Length < MinLength || digits.Length > MaxLength) return FieldProblem.Length;
            if (LuhnChecked && !Luhn.IsValid(digits)) return FieldProblem.Luhn;
            return FieldProblem.None;
        }
    }
}
