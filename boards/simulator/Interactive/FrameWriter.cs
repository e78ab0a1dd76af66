using System.IO;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PosTerminal.Simulator.Interactive
{
    /// <summary>
    /// Turns a drawing into the bytes that replace the previous frame on a terminal: cursor
    /// home, each line followed by erase-to-end-of-line, then erase-below. So a shorter line
    /// (a status line after a longer one) never leaves the old line's characters behind.
    /// </summary>
    public static class FrameWriter
    {
        public const string Home = "\u001b[H";
        public const string EraseLineEnd = "\u001b[K";
        public const string EraseBelow = "\u001b[J";

        /// <summary>The drawing as ANSI text lines of at most width cells (no line breaks inside).</summary>
        public static string[] Lines(IRenderable drawing, int width, bool colours)
        {
            var text = new StringWriter();
            IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = colours ? AnsiSupport.Yes : AnsiSupport.No,
                ColorSystem = colours ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(text),
            });
            console.Profile.Width = width;
            console.Write(drawing);
            return text.ToString().Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        }

        /// <summary>The bytes that draw lines over the previous frame (at most height lines).</summary>
        public static string Frame(string[] lines, int height)
        {
            var frame = new StringBuilder(Home);
            int count = System.Math.Min(lines.Length, System.Math.Max(1, height));
            for (int i = 0; i < count; i++)
            {
                frame.Append(lines[i]).Append(EraseLineEnd);
                if (i < count - 1) frame.Append("\r\n");
            }
            return frame.Append(EraseBelow).ToString();
        }
    }
}
