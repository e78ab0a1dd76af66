using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>
    /// service: the same fault came back (Terminal.FaultsForService times within a minute; the
    /// same exception type raised in the same place, see Terminal.Fault), so the terminal stops
    /// offering its screens: 需要维护 / Service needed, until a reboot; a further fault keeps it
    /// here. The maintenance console keeps working (status shows the last fault).
    /// </summary>
    public sealed class ServiceScreen : Screen
    {
        public ServiceScreen(IScreenHost host) : base(host)
        {
        }

        public override string Id { get { return "service"; } }

        public override bool TimesOut { get { return false; } }

        public override void Render(Frame frame)
        {
            frame[0] = Text(TextId.ServiceNeeded);
            frame[1] = Text(TextId.SystemError);
            frame[2] = Text(TextId.ConsoleWorks);
            frame[3] = Text(TextId.CallSupport);
        }

        public override void OnKey(Key key)
        {
        }
    }
}
