using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PosTerminal.Hal;
using PosTerminal.Virtual;
using PosTerminal.Virtual.Script;

namespace PosTerminal.Simulator.Web
{
    /// <summary>
    /// The browser virtual terminal (--web [PORT]): a page on http://127.0.0.1:PORT/ that draws
    /// the LCD from the simulated ST7920's DDRAM, a keypad laid out from board.json, swipe
    /// buttons and the console. Loopback only, like the TCP console: the console can unlock
    /// and factory-reset the terminal. Requests from other sites are refused (Host must be
    /// the loopback address, and every POST needs the X-PosTerminal header, which a
    /// cross-site form cannot send).
    /// </summary>
    public sealed class WebTerminal : IDisposable
    {
        public const string RequestHeader = "X-PosTerminal";

        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

        private readonly BoardHost _host;
        private readonly HttpListener _listener;
        private readonly StatusInfo _status;
        private readonly Thread _accept;

        private WebTerminal(BoardHost host, HttpListener listener, int port, StatusInfo status)
        {
            _host = host;
            _listener = listener;
            _status = status;
            Port = port;
            _accept = new Thread(Accept) { IsBackground = true, Name = "web accept" };
            _accept.Start();
        }

        public int Port { get; }

        public string Url { get { return "http://127.0.0.1:" + Port + "/"; } }

        public BoardHost Host { get { return _host; } }

        /// <summary>Serves board on 127.0.0.1:port (0: a free port). status: the facts of the status line.</summary>
        public static WebTerminal Start(PinBoard board, int port, StatusInfo status)
        {
            for (int attempt = 0; ; attempt++)
            {
                int chosen = port != 0 ? port : FreePort();
                var listener = new HttpListener();
                listener.Prefixes.Add("http://127.0.0.1:" + chosen + "/");
                try
                {
                    listener.Start();
                }
                catch (HttpListenerException) when (port == 0 && attempt < 5)
                {
                    continue; // another program took the free port in between
                }
                return new WebTerminal(new BoardHost(board), listener, chosen, status);
            }
        }

        public void Dispose()
        {
            try
            {
                _listener.Stop();
                _listener.Close();
            }
            catch (ObjectDisposedException)
            {
            }
            _host.Dispose();
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private void Accept()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = _listener.GetContext();
                }
                catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException || e is InvalidOperationException)
                {
                    return;
                }
                Task.Run(() => Serve(context));
            }
        }

        private void Serve(HttpListenerContext context)
        {
            HttpListenerRequest request = context.Request;
            HttpListenerResponse response = context.Response;
            try
            {
                response.Headers["Cache-Control"] = "no-store";
                string refusal = Refusal(request);
                if (refusal != null)
                {
                    Reply(response, 403, "text/plain", refusal);
                    return;
                }
                Route(request, response);
            }
            catch (Exception e) when (e is HttpListenerException || e is IOException || e is ObjectDisposedException)
            {
                // the page went away mid-answer
            }
            finally
            {
                try
                {
                    response.Close();
                }
                catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException)
                {
                }
            }
        }

        /// <summary>Why a request is refused (another site, or a rebound DNS name), or null.</summary>
        private string Refusal(HttpListenerRequest request)
        {
            string host = request.Headers["Host"];
            if (host != "127.0.0.1:" + Port && host != "localhost:" + Port) return "the web terminal answers only on 127.0.0.1:" + Port;
            if (request.HttpMethod == "POST" && request.Headers[RequestHeader] != "1") return "POST needs the " + RequestHeader + " header";
            return null;
        }

        private void Route(HttpListenerRequest request, HttpListenerResponse response)
        {
            string path = request.Url.AbsolutePath;
            bool post = request.HttpMethod == "POST";
            if (!post && request.HttpMethod != "GET")
            {
                Reply(response, 405, "text/plain", "GET or POST");
                return;
            }
            if (!post && path == "/api/board")
            {
                ReplyJson(response, Describe());
                return;
            }
            if (!post && path == "/api/state")
            {
                long after;
                long.TryParse(request.QueryString["after"], out after);
                WebState state = _host.WaitForState(after, 1000);
                state.Status = _status.Line(state.ScreenId, state.UptimeSeconds);
                ReplyJson(response, state);
                return;
            }
            if (post && path.StartsWith("/api/key/", StringComparison.Ordinal))
            {
                PressKey(path.Substring("/api/key/".Length), response, 0);
                return;
            }
            if (post && path.StartsWith("/api/hold/", StringComparison.Ordinal))
            {
                PressKey(path.Substring("/api/hold/".Length), response, HoldMicros);
                return;
            }
            if (post && path == "/api/swipe")
            {
                Swipe(request, response);
                return;
            }
            if (post && path == "/api/console")
            {
                string line;
                using (var reader = new StreamReader(request.InputStream, Encoding.UTF8)) line = reader.ReadToEnd();
                line = line.Replace("\r", "").Replace("\n", " ");
                if (line.Trim().Length == 0)
                {
                    Reply(response, 400, "text/plain", "an empty line");
                    return;
                }
                _host.SendConsoleLine(line);
                ReplyJson(response, new { ok = true });
                return;
            }
            if (post && path == "/api/power-cycle")
            {
                _host.Act(board => board.Reboot());
                ReplyJson(response, new { ok = true });
                return;
            }
            if (!post && WebAssets.TryGet(path, out byte[] content, out string type))
            {
                Reply(response, 200, type, content);
                return;
            }
            Reply(response, 404, "text/plain", "no such page: " + path);
        }

        /// <summary>POST /api/hold/NAME holds the key this long (the page's Delete: CLEAR held past MatrixKeypad.HoldMs).</summary>
        public const long HoldMicros = 1_200_000;

        /// <summary>Presses the key (holdMicros 0), or holds it down that long.</summary>
        private void PressKey(string name, HttpListenerResponse response, long holdMicros)
        {
            Key key;
            if (!KeyNames.TryParse(name, out key))
            {
                Reply(response, 400, "text/plain", "not a key name: " + name);
                return;
            }
            string problem = null;
            _host.Act(board =>
            {
                try
                {
                    if (holdMicros > 0) board.PressAndHold(key, holdMicros);
                    else board.PressKey(key);
                }
                catch (ArgumentException e)
                {
                    problem = e.Message;
                }
            });
            if (problem != null) Reply(response, 400, "text/plain", problem);
            else ReplyJson(response, new { ok = true });
        }

        private void Swipe(HttpListenerRequest request, HttpListenerResponse response)
        {
            int card;
            string kind = request.QueryString["kind"] ?? "clean";
            if (!int.TryParse(request.QueryString["card"], out card) || card < 0 || card >= TestCards.All.Length)
            {
                Reply(response, 400, "text/plain", "card takes 0-" + (TestCards.All.Length - 1));
                return;
            }
            if (kind != "clean" && kind != "noisy" && kind != "reverse")
            {
                Reply(response, 400, "text/plain", "kind takes clean, noisy or reverse");
                return;
            }
            _host.Swipe(TestCards.All[card].Track2, kind == "reverse", kind == "noisy");
            ReplyJson(response, new { ok = true });
        }

        /// <summary>GET /api/board: the keypad as board.json lays it out, the test cards and the LCD's row addresses.</summary>
        private object Describe()
        {
            BoardDescription description = _host.Board.Description;
            var cards = new object[TestCards.All.Length];
            for (int i = 0; i < cards.Length; i++) cards[i] = new { name = TestCards.All[i].Name, number = TestCards.All[i].Number };
            return new
            {
                name = description.Name,
                keypad = new { rows = description.Keypad.Rows.Length, columns = description.Keypad.Columns.Length, layout = description.Keypad.Layout },
                rowAddress = PosTerminal.Virtual.Parts.SimSt7920.RowAddress,
                cards,
            };
        }

        private static void ReplyJson(HttpListenerResponse response, object value)
        {
            Reply(response, 200, "application/json", JsonSerializer.SerializeToUtf8Bytes(value, Json));
        }

        private static void Reply(HttpListenerResponse response, int status, string type, string text)
        {
            Reply(response, status, type + "; charset=utf-8", Encoding.UTF8.GetBytes(text));
        }

        private static void Reply(HttpListenerResponse response, int status, string type, byte[] body)
        {
            response.StatusCode = status;
            response.ContentType = type;
            response.ContentLength64 = body.Length;
            response.OutputStream.Write(body, 0, body.Length);
        }
    }
}
