namespace PosTerminal.Firmware.Tests.Web
{
    /// <summary>
    /// The operator flows the browser test clicks through, as key names (digit runs are that
    /// many keys) and "[screen-id]": wait (real time) until the terminal shows that screen. A
    /// message goes back by itself after 2 s, so a flow waits for the screen after it instead
    /// of clicking a key to dismiss it: on a slow machine a click could come after the message
    /// had already gone and act on the screen under it. One place for them: when the
    /// firmware's flow changes (e.g. deregistration asking for the password again), only these change.
    /// </summary>
    public static class WebFlows
    {
        /// <summary>From idle: the factory password, the forced new one twice, "password changed": the settings menu.</summary>
        public const string FirstLogin = "MENU 123456 ENTER 135790 ENTER 135790 ENTER [settings]";

        /// <summary>From settings: the bindings list.</summary>
        public const string OpenBindings = "1";

        /// <summary>From the bindings list: a new merchant binding, up to its review screen.</summary>
        public const string NewMerchantToReview = "1 1 898100000000001 ENTER 12345678 ENTER";

        /// <summary>From a review screen: save, "binding saved": the bindings list.</summary>
        public const string Save = "ENTER [bindings]";

        /// <summary>From the bindings list: a new settlement card, up to its "swipe or type" screen.</summary>
        public const string NewCardToEntry = "1 2";

        /// <summary>
        /// From the bindings list with one binding: open it, deregister, confirm, the operator's
        /// password again (FirstLogin's), "deregistered": the list.
        /// </summary>
        public const string DeregisterFirst = "2 1 ENTER [deregister-password] 135790 ENTER [bindings]";

        /// <summary>
        /// Runs a flow on a board without a browser (virtual time): keys pressed, and for
        /// "[screen-id]" the board runs (up to 5 virtual seconds) until it shows that screen.
        /// </summary>
        public static void RunOn(PosTerminal.Virtual.SimBoard board, string flow)
        {
            foreach (string word in flow.Split(' ', System.StringSplitOptions.RemoveEmptyEntries))
            {
                if (!word.StartsWith('['))
                {
                    board.PressKeys(word);
                    continue;
                }
                string id = word.Trim('[', ']');
                for (int pass = 0; pass < 1000 && board.ScreenId != id; pass++) board.Advance(PosTerminal.Virtual.SimBoard.LoopPeriodMicros);
                if (board.ScreenId != id) throw new System.InvalidOperationException("the board stayed on " + board.ScreenId + ", waiting for " + id);
            }
        }

        public const string ReviewScreen = "binding-review";
        public const string CardEntryScreen = "card-entry";
        public const string BindingsScreen = "bindings";
    }
}
