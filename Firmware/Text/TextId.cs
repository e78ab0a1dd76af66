namespace PosTerminal.Firmware.Text
{
    /// <summary>
    /// Every UI text, by id. The strings live in Texts' table, one row per id with its
    /// 中文 and English forms; "{0}" marks where a value goes (Texts.Format).
    /// </summary>
    public enum TextId
    {
        // idle
        AppName, Ready, IdleHint, StorageRecovered, StorageFactory, StorageDamaged, ServiceNeeded, Paused,

        // login and passwords
        LoginTitle, TriesLeft, LockedTitle, LockedWait,
        NewPasswordTitle, ConfirmPasswordTitle, PasswordRule, ForcedChange, Checking,

        // the lost/stolen lock
        TerminalLockedTitle, UnlockPrompt, CallSupport, WrongCode, Unlocked,

        // settings
        SettingsTitle, ItemBindings, ItemPassword, ItemLanguage, ItemDeviceInfo, ItemAuditLog, ItemPasswordAge,
        AuditEmpty, PasswordAgeTitle, AgeNever, AgeNow,
        LanguageTitle, LanguageChinese, LanguageEnglish,
        DeviceInfoTitle, FirmwareLine, BindingsLine, FlashLine,

        // bindings
        BindingsTitle, ItemNewBinding, NewBindingTitle,
        KindMerchant, KindCard, KindDevice,
        KindMerchantShort, KindCardShort, KindDeviceShort,
        MerchantNoPrompt, TerminalNoPrompt, CardNoPrompt, SerialPrompt,
        DigitsRule, SwipeOrType, TerminalNoLabel, SaveHint,
        ItemDeregister, DeregisterTitle, CannotUndo, BackupFirst, DeregisterHint,
        DeregisterPassword, DeregisterEnter, DamagedEntry, DamagedTitle, NothingBound,

        // audit entries on the LCD: event, then outcome
        AuditLoginSuccess, AuditLoginFailure, AuditLockout, AuditBindingAdded, AuditBindingDeregistered,
        AuditPasswordChanged, AuditLock, AuditUnlock, AuditFactoryReset, AuditStorageRecovery,
        AuditUnlockCodeSet, AuditClockSet, AuditRestore, AuditBackup,
        AuditTechnicianLogin, AuditTechnicianLogout, AuditTechnicianCodeSet, AuditPasswordReset,
        AuditSettingChanged, AuditStorageDamage, AuditFault,
        AuditPause, AuditReactivate, AuditMerchantNameSet, AuditFleetRefused, AuditFleetKeySet, AuditOutboxOverflow,
        AuditBackupSecretSet, AuditOther,
        OutcomeOk, OutcomeFailed, OutcomeRefused,

        // messages: a title, then a detail line
        AnyKey,
        WrongPassword, LockedFor,
        WrongLength, LuhnFailed, CheckNumber,
        ListFull, AtMost, Duplicate, DuplicateDetail,
        WeakPassword, AllSameDigits, RunOfDigits, SameAsOld, ChooseAnother,
        PasswordOld, DaysOld,
        BadValue, AgeRange, SettingSaved,
        BackupWritten, ToConsole, NoConsole, CannotBackUp, ConsoleNotConnected, NothingWritten,
        Mismatch, EnterAgain,
        SwipeFailed, SwipeAgain,
        Saved, Deregistered, PasswordChanged, StorageFull,
        SystemError, BackToIdle, ConsoleWorks, TechnicianCodeSet,

        // operator experience (issue 12): idle, plurals, the session warning, the buzzer, the audit log
        IdleTerminalId, OneTryLeft, OneDayOld, AgeNowOneDay,
        SessionEndingTitle, SessionEndsIn, SessionKeep,
        ItemBuzzer, BuzzerOn, BuzzerOff, AuditBoot,

        // pause and reactivate from settings (issue 11)
        ItemPause, ItemReactivate, ReactivateEnter, Reactivated, FleetPausedTitle, AskTheDesk, ReaderOff,

        /// <summary>Not a text: the number of ids.</summary>
        Count
    }
}
