using PosTerminal.Firmware.Bindings;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>device-info: firmware version, bindings in use, flash size. ENTER or CANCEL goes back.</summary>
    public sealed class DeviceInfoScreen : Screen
    {
        private readonly Screen _back;

        public DeviceInfoScreen(Terminal terminal, Screen back) : base(terminal)
        {
            _back = back;
        }

        public override string Id { get { return "device-info"; } }

        public override void Render(Frame frame)
        {
            IFlash flash = Terminal.Hardware.Flash;
            int kilobytes = flash.SectorSize / 1024 * flash.SectorCount;
            frame[0] = Text(TextId.DeviceInfoTitle);
            frame[1] = Text(TextId.FirmwareLine, Terminal.FirmwareVersion);
            frame[2] = Text(TextId.BindingsLine, Terminal.Bindings.Count + "/" + BindingList.Capacity);
            frame[3] = Text(TextId.FlashLine, kilobytes.ToString());
        }

        public override void OnKey(Key key)
        {
            if (key == Key.Cancel || key == Key.Enter) Terminal.Show(_back);
        }
    }
}
