using System.Collections.Generic;
using System.IO;

namespace PosTerminal.Simulator.Web
{
    /// <summary>The page's files (Web/wwwroot), built into the program so it serves them from anywhere.</summary>
    public static class WebAssets
    {
        private static readonly Dictionary<string, string> Types = new Dictionary<string, string>
        {
            [".html"] = "text/html; charset=utf-8",
            [".js"] = "text/javascript; charset=utf-8",
            [".css"] = "text/css; charset=utf-8",
            [".json"] = "application/json",
        };

        /// <summary>The file for a URL path ("/" is index.html); false when there is none.</summary>
        public static bool TryGet(string path, out byte[] content, out string type)
        {
            content = null;
            type = null;
            string name = path == "/" ? "index.html" : path.TrimStart('/');
            if (name.Contains('/') || !Types.TryGetValue(Path.GetExtension(name), out type)) return false;
            using (Stream stream = typeof(WebAssets).Assembly.GetManifestResourceStream("wwwroot/" + name))
            {
                if (stream == null) return false;
                var copy = new MemoryStream();
                stream.CopyTo(copy);
                content = copy.ToArray();
                return true;
            }
        }
    }
}
