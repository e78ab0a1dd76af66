using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>device-info: firmware version, bindings in use, flash size. ENTER or CANCEL goes back.</summary>
    public sealed class DeviceInfoScreen : Screen
    {
        private readonly Screen _back;

        public DeviceInfoScreen(IScreenHost host, Screen back) : base(host)
        {
            _back = back;
        }

        public override string Id { get { return "device-info"; } }

        public override void Render(Frame frame)
        {
            frame[0] = Text(TextId.DeviceInfoTitle);
            frame[1] = Text(TextId.FirmwareLine, Host.FirmwareVersion);
            frame[2] = Text(TextId.BindingsLine, Commands.Bindings.Count + "/" + BindingList.Capacity);
            frame[3] = Text(TextId.FlashLine, Host.FlashKilobytes.ToString());
        }

        public override void OnKey(Key key)
        {
            if (key == Key.Cancel || key == Key.Enter) Host.Show(_back);
        }
    }
}
