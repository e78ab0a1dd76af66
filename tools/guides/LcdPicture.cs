using PosTerminal.Virtual.Lcd;

namespace PosTerminal.Tools.Guides
{
    /// <summary>
    /// The guide's picture of the LCD: the 128 × 64 glass as LcdRaster draws it from DDRAM,
    /// each dot Scale × Scale screen pixels (a (Scale - 1)-square dot and a grid line), on the
    /// web terminal's backlight colours, with a margin of glass and a dark bezel around it.
    /// </summary>
    public static class LcdPicture
    {
        public const int Scale = 3;
        public const int Bezel = 6;
        public const int Margin = 4;
        public const int Width = 2 * (Bezel + Margin) + LcdRaster.Width * Scale - 1;
        public const int Height = 2 * (Bezel + Margin) + LcdRaster.Height * Scale - 1;

        public const byte BezelColour = 0, Backlight = 1, Grid = 2, Lit = 3;

        /// <summary>Bezel, backlight and lit as the web terminal's page (terminal.css, terminal.js); the grid a shade darker than the backlight.</summary>
        public static readonly byte[][] Palette =
        {
            new byte[] { 0x11, 0x11, 0x11 },
            new byte[] { 0x9a, 0xbd, 0x3a },
            new byte[] { 0x8a, 0xaa, 0x33 },
            new byte[] { 0x1e, 0x2a, 0x14 },
        };

        /// <summary>Palette indices of the picture, row-major.</summary>
        public static byte[] Pixels(bool[] lit)
        {
            var pixels = new byte[Width * Height];
            for (int y = 0; y < Height; y++)
            {
                for (int x = 0; x < Width; x++) pixels[y * Width + x] = Colour(lit, x, y);
            }
            return pixels;
        }

        /// <summary>The LCD dot at picture pixel (x, y), or -1 when the pixel is bezel, margin or grid line.</summary>
        public static int DotAt(int x, int y)
        {
            int gx, gy;
            if (!InDots(x, y, out gx, out gy) || OnGridLine(gx, gy)) return -1;
            return gy / Scale * LcdRaster.Width + gx / Scale;
        }

        public static byte[] Encode(bool[] lit)
        {
            return Png.Encode(Width, Height, Pixels(lit), Palette);
        }

        private static byte Colour(bool[] lit, int x, int y)
        {
            if (x < Bezel || y < Bezel || x >= Width - Bezel || y >= Height - Bezel) return BezelColour;
            int gx, gy;
            if (!InDots(x, y, out gx, out gy)) return Backlight;
            if (OnGridLine(gx, gy)) return Grid;
            return lit[gy / Scale * LcdRaster.Width + gx / Scale] ? Lit : Backlight;
        }

        /// <summary>Inside the area of the dots (bezel and margin excluded); (gx, gy) from its corner.</summary>
        private static bool InDots(int x, int y, out int gx, out int gy)
        {
            gx = x - Bezel - Margin;
            gy = y - Bezel - Margin;
            return gx >= 0 && gy >= 0 && gx < LcdRaster.Width * Scale - 1 && gy < LcdRaster.Height * Scale - 1;
        }

        private static bool OnGridLine(int gx, int gy)
        {
            return gx % Scale == Scale - 1 || gy % Scale == Scale - 1;
        }
    }
}
