using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Text;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>The texts that name a binding kind.</summary>
    public static class KindTexts
    {
        public static TextId Name(BindingKind kind)
        {
            if (kind == BindingKind.Merchant) return TextId.KindMerchant;
            if (kind == BindingKind.SettlementCard) return TextId.KindCard;
            return TextId.KindDevice;
        }

        /// <summary>The kind's name in audit details and on the console (ASCII, as in the backup document).</summary>
        public static string AuditName(BindingKind kind)
        {
            if (kind == BindingKind.Merchant) return "merchant";
            if (kind == BindingKind.SettlementCard) return "card";
            return "device";
        }

        /// <summary>The short form used in the bindings list.</summary>
        public static TextId Short(BindingKind kind)
        {
            if (kind == BindingKind.Merchant) return TextId.KindMerchantShort;
            if (kind == BindingKind.SettlementCard) return TextId.KindCardShort;
            return TextId.KindDeviceShort;
        }
    }
}
