using System;
using System.Collections.Generic;
using PosTerminal.Hal;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PosTerminal.Simulator.Interactive
{
    /// <summary>Everything one frame of the interactive terminal shows.</summary>
    public sealed class TerminalFrame
    {
        public string[] LcdLines { get; set; } = { "", "", "", "" };

        /// <summary>The keypad row-major as board.json lays it out (Key.None: no key fitted).</summary>
        public Key[] Keypad { get; set; } = new Key[0];

        public int KeypadColumns { get; set; } = 4;

        /// <summary>The key drawn pressed (the last one, for a moment), or Key.None.</summary>
        public Key Pressed { get; set; } = Key.None;

        public string CardName { get; set; } = "";
        public string CardNumber { get; set; } = "";

        /// <summary>The console's last lines (typed ones as "> line").</summary>
        public IReadOnlyList<string> ConsoleLines { get; set; } = new string[0];

        /// <summary>Null: the keys go to the keypad; else the console line being typed.</summary>
        public string ConsoleInput { get; set; }

        public string Status { get; set; } = "";
    }

    /// <summary>
    /// Draws a frame with Spectre.Console: the LCD (16 cells a row, a Chinese character two,
    /// as on the glass), the keypad as board.json lays it out, the swipe card, the console
    /// pane and the status line. Pure: the same frame gives the same drawing (tested directly).
    /// </summary>
    public static class TerminalView
    {
        public const int LcdColumns = 16;
        public const int ConsoleRows = 6;

        public static IRenderable Render(TerminalFrame frame, int width)
        {
            var top = new Grid();
            top.AddColumn(new GridColumn().NoWrap());
            top.AddColumn(new GridColumn().NoWrap().PadLeft(3));
            top.AddRow(Lcd(frame.LcdLines), Keypad(frame));
            return new Rows(
                new Text("PosTerminal virtual terminal", new Style(decoration: Decoration.Bold)),
                top,
                Card(frame, width),
                Console(frame, width),
                Line(frame.Status, width, new Style(Color.Black, Color.Grey)),
                Line("F3 swipe  F4 noisy swipe  F6 next card  Tab console  F5 power cycle  Ctrl+Q quit", width, Style.Plain));
        }

        private static IRenderable Lcd(string[] lines)
        {
            var rows = new List<string>();
            foreach (string line in lines) rows.Add(LcdCells.Layout(line, LcdColumns));
            return new Panel(new Text(string.Join("\n", rows), new Style(Color.Black, Color.Yellow3)))
                .Header("LCD")
                .Border(BoxBorder.Rounded);
        }

        private static IRenderable Keypad(TerminalFrame frame)
        {
            var grid = new Grid();
            for (int c = 0; c < frame.KeypadColumns; c++) grid.AddColumn(new GridColumn().NoWrap().PadRight(1));
            for (int at = 0; at + frame.KeypadColumns <= frame.Keypad.Length; at += frame.KeypadColumns)
            {
                var cells = new IRenderable[frame.KeypadColumns];
                for (int c = 0; c < frame.KeypadColumns; c++) cells[c] = KeyCell(frame.Keypad[at + c], frame.Pressed);
                grid.AddRow(cells);
            }
            return grid;
        }

        /// <summary>A key cap: the terminal key's name and its PC key, reversed while pressed.</summary>
        public static IRenderable KeyCell(Key key, Key pressed)
        {
            if (key == Key.None) return new Text("");
            string hint = KeyMap.Hint(key);
            string label = "[" + KeyLabel(key) + "]" + (hint.Length > 0 ? " " + hint : "");
            Style style = key == pressed ? new Style(Color.Black, Color.White) : new Style(Color.White);
            return new Text(label.PadRight(13), style);
        }

        /// <summary>A key's name as the terminal's keycap shows it.</summary>
        public static string KeyLabel(Key key)
        {
            if (key >= Key.D0 && key <= Key.D9) return ((char)('0' + (key - Key.D0))).ToString();
            return key.ToString().ToUpperInvariant();
        }

        private static IRenderable Card(TerminalFrame frame, int width)
        {
            return Line("card: " + frame.CardName + "  " + frame.CardNumber, width, new Style(Color.Aqua));
        }

        private static IRenderable Console(TerminalFrame frame, int width)
        {
            var rows = new List<string>();
            int first = Math.Max(0, frame.ConsoleLines.Count - ConsoleRows);
            for (int i = first; i < frame.ConsoleLines.Count; i++) rows.Add(Fit(frame.ConsoleLines[i], width - 4));
            while (rows.Count < ConsoleRows) rows.Add("");
            rows.Add(frame.ConsoleInput == null
                ? "(Tab: type a console line)"
                : Fit("console> " + frame.ConsoleInput + "_", width - 4));
            string header = frame.ConsoleInput == null ? "console" : "console (typing: Enter sends, Tab or Esc back to the keypad)";
            return new Panel(new Text(string.Join("\n", rows))).Header(header).Border(BoxBorder.Rounded).Expand();
        }

        /// <summary>One line, cut to the width: a line that wraps would push the frame down.</summary>
        private static IRenderable Line(string text, int width, Style style)
        {
            return new Text(Fit(text, width), style);
        }

        /// <summary>Terminal cells text takes (a Chinese character two).</summary>
        public static int Cells(string text)
        {
            return text.GetCellWidth();
        }

        /// <summary>text cut to width terminal cells (an ellipsis marks the cut).</summary>
        public static string Fit(string text, int width)
        {
            if (width < 1) return "";
            if (text.GetCellWidth() <= width) return text;
            string cut = text;
            while (cut.Length > 0 && cut.GetCellWidth() > width - 1) cut = cut.Substring(0, cut.Length - 1);
            return cut + "…";
        }
    }
}
