using PosTerminal.Firmware.Commands;
using PosTerminal.Firmware.Text;
using PosTerminal.Hal;

namespace PosTerminal.Firmware.Ui
{
    /// <summary>Runs after the screen that asked for it has been drawn (a key derivation behind 验证中... / Checking...).</summary>
    public delegate void DeferredWork();

    /// <summary>
    /// What a screen gets from the terminal: its texts, the command layer (every operation,
    /// authorized and audited there; screens never reach the store or the security state
    /// directly) and navigation. Implemented by Terminal.
    /// </summary>
    public interface IScreenHost
    {
        Texts Texts { get; }

        /// <summary>The command layer: the only way a screen changes anything.</summary>
        TerminalCommands Commands { get; }

        void Show(Screen screen);

        /// <summary>Sounds the buzzer (when the board has one and the operator left it on).</summary>
        void Beep(BeepKind kind);

        /// <summary>The current screen's content changed without a key (a countdown).</summary>
        void Invalidate();

        /// <summary>Ends the operator's session and goes back to idle.</summary>
        void EndSession();

        /// <summary>
        /// Shows 验证中... / Checking..., and runs work right after that screen is on the LCD
        /// (same main-loop pass); work shows the next screen. The time work takes is not
        /// counted against the operator's key timeout.
        /// </summary>
        void Check(DeferredWork work);

        /// <summary>A notice for the idle screen after boot (storage repaired, reset or damaged), until the first key; else TextId.Count.</summary>
        TextId StorageNotice { get; }

        string FirmwareVersion { get; }

        /// <summary>The size of the store's flash region.</summary>
        int FlashKilobytes { get; }
    }
}
