namespace PosTerminal.Firmware.Tests.Web
{
    /// <summary>
    /// The operator flows the browser test clicks through, as key names (digit runs are that
    /// many keys). One place for them: when the firmware's flow changes (e.g. deregistration
    /// asking for the password again), only these change.
    /// </summary>
    public static class WebFlows
    {
        /// <summary>From idle: the factory password, the forced new one twice, dismiss: the settings menu.</summary>
        public const string FirstLogin = "MENU 123456 ENTER 135790 ENTER 135790 ENTER ENTER";

        /// <summary>From settings: the bindings list.</summary>
        public const string OpenBindings = "1";

        /// <summary>From the bindings list: a new merchant binding, up to its review screen.</summary>
        public const string NewMerchantToReview = "1 1 898100000000001 ENTER 12345678 ENTER";

        /// <summary>From a review screen: save, dismiss the message: the bindings list.</summary>
        public const string Save = "ENTER ENTER";

        /// <summary>From the bindings list: a new settlement card, up to its "swipe or type" screen.</summary>
        public const string NewCardToEntry = "1 2";

        /// <summary>From the bindings list with one binding: open it, deregister, confirm, dismiss.</summary>
        public const string DeregisterFirst = "2 1 ENTER ENTER";

        public const string ReviewScreen = "binding-review";
        public const string CardEntryScreen = "card-entry";
        public const string BindingsScreen = "bindings";
    }
}
