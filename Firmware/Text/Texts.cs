namespace PosTerminal.Firmware.Text
{
    /// <summary>
    /// The UI text table: every string in 中文 (the factory default) and English. Each text
    /// must fit the 16-cell LCD row it is drawn on (a CJK character takes 2 cells);
    /// Firmware.Tests renders every screen and every text in both languages to check.
    /// Key names (MENU, ENTER, CLEAR) are printed as on the keypad in both languages.
    /// </summary>
    public sealed class Texts
    {
        private static readonly string[] Chinese = (string[])PosTerminal.Hal.RefArrays.Nulls(new string[(int)TextId.Count]);
        private static readonly string[] English = (string[])PosTerminal.Hal.RefArrays.Nulls(new string[(int)TextId.Count]);

        public Texts(Language language)
        {
            Language = language;
        }

        public Language Language { get; set; }

        public string this[TextId id]
        {
            get { return Lookup(Language, id); }
        }

        /// <summary>The text with its "{0}" replaced by value.</summary>
        public string Format(TextId id, string value)
        {
            return Fill(this[id], value);
        }

        public static string Lookup(Language language, TextId id)
        {
            return language == Language.English ? English[(int)id] : Chinese[(int)id];
        }

        public static string Fill(string text, string value)
        {
            int at = text.IndexOf("{0}");
            return at < 0 ? text : text.Substring(0, at) + value + text.Substring(at + 3);
        }

        static Texts()
        {
            Row(TextId.AppName, "POS 终端", "POS terminal");
            Row(TextId.Ready, "就绪", "Ready");
            Row(TextId.Paused, "已暂停", "Paused");
            Row(TextId.IdleHint, "按MENU进入设置", "MENU: settings");
            Row(TextId.StorageRecovered, "存储已修复", "Storage repaired");
            Row(TextId.StorageFactory, "存储损坏已重置", "Storage reset");
            Row(TextId.StorageDamaged, "存储损坏", "Storage damaged");
            Row(TextId.ServiceNeeded, "需要维护", "Service needed");

            Row(TextId.LoginTitle, "请输入密码", "Enter password");
            Row(TextId.TriesLeft, "还可尝试{0}次", "{0} tries left");
            Row(TextId.LockedTitle, "登录已锁定", "Login locked");
            Row(TextId.LockedWait, "请等待{0}", "Wait {0}");
            Row(TextId.NewPasswordTitle, "输入新密码", "New password");
            Row(TextId.ConfirmPasswordTitle, "再次输入新密码", "Repeat password");
            Row(TextId.PasswordRule, "6-12位数字", "6-12 digits");
            Row(TextId.ForcedChange, "首次登录须改密", "Replace default");
            // ASCII dots: the LCD's half-width font has no ellipsis character.
            Row(TextId.Checking, "验证中...", "Checking...");

            Row(TextId.TerminalLockedTitle, "终端已锁定", "Terminal locked");
            Row(TextId.UnlockPrompt, "输入解锁码", "Unlock code");
            Row(TextId.CallSupport, "请联系维护人员", "Call support");
            Row(TextId.WrongCode, "解锁码错误", "Wrong code");
            Row(TextId.Unlocked, "终端已解锁", "Unlocked");

            Row(TextId.SettingsTitle, "系统设置", "Settings");
            Row(TextId.ItemBindings, "绑定管理", "Bindings");
            Row(TextId.ItemPassword, "修改密码", "Password");
            // The same in both languages, so a reader of either finds the way back.
            Row(TextId.ItemLanguage, "语言/Language", "语言/Language");
            Row(TextId.ItemDeviceInfo, "设备信息", "Device info");
            Row(TextId.ItemAuditLog, "审计日志", "Audit log");
            Row(TextId.ItemPasswordAge, "改密提醒", "Password age");
            Row(TextId.AuditEmpty, "无记录", "No entries");
            Row(TextId.PasswordAgeTitle, "改密提醒天数", "Reminder (days)");
            Row(TextId.AgeNever, "0=不提醒", "0 = never");
            Row(TextId.AgeNow, "当前{0}天", "Now {0} days");
            Row(TextId.LanguageTitle, "语言/Language", "语言/Language");
            Row(TextId.LanguageChinese, "中文", "中文");
            Row(TextId.LanguageEnglish, "English", "English");
            Row(TextId.DeviceInfoTitle, "设备信息", "Device info");
            Row(TextId.FirmwareLine, "固件 {0}", "Firmware {0}");
            Row(TextId.BindingsLine, "绑定 {0}", "Bindings {0}");
            Row(TextId.FlashLine, "存储 {0}KB", "Flash {0} KB");

            Row(TextId.BindingsTitle, "绑定管理 {0}", "Bindings {0}");
            Row(TextId.ItemNewBinding, "新增绑定", "New binding");
            Row(TextId.NewBindingTitle, "选择绑定类型", "Binding kind");
            Row(TextId.KindMerchant, "商户", "Merchant");
            Row(TextId.KindCard, "结算卡", "Settle. card");
            Row(TextId.KindDevice, "设备", "Device");
            // The bindings list: a word for the kind, then as many digits as the row has room for.
            Row(TextId.KindMerchantShort, "商户", "Merchant");
            Row(TextId.KindCardShort, "结算卡", "Card");
            Row(TextId.KindDeviceShort, "设备", "Device");
            Row(TextId.MerchantNoPrompt, "输入商户号", "Merchant no.");
            Row(TextId.TerminalNoPrompt, "输入终端号", "Terminal no.");
            Row(TextId.CardNoPrompt, "输入结算卡号", "Card number");
            Row(TextId.SerialPrompt, "输入设备序列号", "Device serial");
            Row(TextId.DigitsRule, "{0}位数字", "{0} digits");
            Row(TextId.SwipeOrType, "可刷卡或输入", "Swipe or type");
            Row(TextId.TerminalNoLabel, "终端号", "Term.");
            Row(TextId.SaveHint, "按ENTER保存", "ENTER to save");
            Row(TextId.ItemDeregister, "注销", "Deregister");
            Row(TextId.DeregisterTitle, "确认注销？", "Deregister?");
            Row(TextId.CannotUndo, "注销后不可恢复", "Cannot be undone");
            Row(TextId.BackupFirst, "1=先备份数据", "1=back up first");
            Row(TextId.DeregisterHint, "按ENTER确认注销", "ENTER=deregister");
            Row(TextId.DeregisterPassword, "输入密码确认", "Password again");
            Row(TextId.DeregisterEnter, "按ENTER注销", "ENTER=deregister");
            Row(TextId.DamagedEntry, "! 损坏", "! damaged");
            Row(TextId.DamagedTitle, "绑定已损坏", "Damaged binding");
            Row(TextId.NothingBound, "已停用", "Not in use");

            // The audit log shows one entry a screen: the event and its outcome each have a row.
            Row(TextId.AuditLoginSuccess, "登录", "Login");
            Row(TextId.AuditLoginFailure, "登录失败", "Login failed");
            Row(TextId.AuditLockout, "登录锁定", "Login locked");
            Row(TextId.AuditBindingAdded, "新增绑定", "Binding added");
            Row(TextId.AuditBindingDeregistered, "注销绑定", "Deregistered");
            Row(TextId.AuditPasswordChanged, "修改密码", "Password changed");
            Row(TextId.AuditLock, "终端锁定", "Terminal locked");
            Row(TextId.AuditUnlock, "终端解锁", "Unlocked");
            Row(TextId.AuditFactoryReset, "恢复出厂设置", "Factory reset");
            Row(TextId.AuditStorageRecovery, "存储修复", "Storage repaired");
            Row(TextId.AuditUnlockCodeSet, "设置解锁码", "Unlock code set");
            Row(TextId.AuditClockSet, "设置时钟", "Clock set");
            Row(TextId.AuditRestore, "恢复备份", "Backup restored");
            Row(TextId.AuditBackup, "导出备份", "Backup written");
            Row(TextId.AuditTechnicianLogin, "维护登录", "Tech login");
            Row(TextId.AuditTechnicianLogout, "维护退出", "Tech logout");
            Row(TextId.AuditTechnicianCodeSet, "设置维护码", "Tech code set");
            Row(TextId.AuditPasswordReset, "重置密码", "Password reset");
            Row(TextId.AuditSettingChanged, "修改设置", "Setting changed");
            Row(TextId.AuditStorageDamage, "存储损坏", "Storage damaged");
            Row(TextId.AuditFault, "系统错误", "System error");
            Row(TextId.AuditPause, "终端暂停", "Paused");
            Row(TextId.AuditReactivate, "恢复使用", "Reactivated");
            Row(TextId.AuditMerchantNameSet, "设置商户名", "Shop name set");
            Row(TextId.AuditFleetRefused, "远程指令被拒", "Fleet refused");
            Row(TextId.AuditFleetKeySet, "设置远程密钥", "Fleet key set");
            Row(TextId.AuditOutboxOverflow, "事件已丢弃", "Events dropped");
            Row(TextId.AuditBackupSecretSet, "更换备份密钥", "New backup key");
            Row(TextId.AuditOther, "其他事件", "Other event");
            Row(TextId.OutcomeOk, "成功", "Succeeded");
            Row(TextId.OutcomeFailed, "失败", "Failed");
            Row(TextId.OutcomeRefused, "被拒绝", "Refused");

            Row(TextId.AnyKey, "按任意键返回", "Any key: back");
            Row(TextId.WrongPassword, "密码错误", "Wrong password");
            Row(TextId.LockedFor, "已锁定{0}", "Locked for {0}");
            Row(TextId.WrongLength, "长度错误", "Wrong length");
            Row(TextId.LuhnFailed, "卡号校验失败", "Card no. invalid");
            Row(TextId.CheckNumber, "请核对卡号", "Check the number");
            Row(TextId.ListFull, "绑定已满", "Bindings full");
            Row(TextId.AtMost, "最多{0}个", "At most {0}");
            Row(TextId.Duplicate, "重复绑定", "Already bound");
            Row(TextId.DuplicateDetail, "该绑定已存在", "Duplicate entry");
            Row(TextId.WeakPassword, "密码太简单", "Weak password");
            Row(TextId.AllSameDigits, "不能全部相同", "All digits same");
            Row(TextId.RunOfDigits, "不能是连续数字", "No 123456 runs");
            Row(TextId.SameAsOld, "与旧密码相同", "Same as old one");
            Row(TextId.ChooseAnother, "请换一个", "Choose another");
            Row(TextId.PasswordOld, "请修改密码", "Change password");
            Row(TextId.DaysOld, "已使用{0}天", "{0} days old");
            Row(TextId.BadValue, "数值无效", "Invalid value");
            Row(TextId.AgeRange, "范围0-{0}", "Range 0-{0}");
            Row(TextId.SettingSaved, "已保存", "Saved");
            Row(TextId.BackupWritten, "备份已输出", "Backup written");
            Row(TextId.ToConsole, "至维护串口", "to the console");
            Row(TextId.NoConsole, "无维护串口", "No console");
            Row(TextId.CannotBackUp, "无法备份", "Cannot back up");
            Row(TextId.ConsoleNotConnected, "维护串口未连接", "No console");
            Row(TextId.NothingWritten, "备份未输出", "connected");
            Row(TextId.Mismatch, "两次输入不一致", "Entries differ");
            Row(TextId.EnterAgain, "请重新输入", "Enter it again");
            Row(TextId.SwipeFailed, "刷卡失败", "Swipe failed");
            Row(TextId.SwipeAgain, "请重新刷卡", "Swipe again");
            Row(TextId.Saved, "绑定成功", "Binding saved");
            Row(TextId.Deregistered, "已注销", "Deregistered");
            Row(TextId.PasswordChanged, "密码已修改", "Password changed");
            Row(TextId.StorageFull, "存储空间已满", "Storage full");
            Row(TextId.SystemError, "系统错误", "System error");
            Row(TextId.BackToIdle, "即将返回待机", "Back to idle");
            Row(TextId.ConsoleWorks, "维护串口可用", "Console works");
            Row(TextId.TechnicianCodeSet, "维护码已设置", "Tech code set");


            // operator experience (issue 12)
            Row(TextId.IdleTerminalId, "终端ID {0}", "ID {0}");
            Row(TextId.OneTryLeft, "还可尝试1次", "1 try left");
            Row(TextId.OneDayOld, "已使用1天", "1 day old");
            Row(TextId.AgeNowOneDay, "当前1天", "Now 1 day");
            Row(TextId.SessionEndingTitle, "即将退出登录", "Session ending");
            Row(TextId.SessionEndsIn, "{0}秒后返回待机", "Idle in {0} s");
            Row(TextId.SessionKeep, "按任意键继续", "Any key: stay");
            Row(TextId.ItemBuzzer, "蜂鸣器", "Buzzer");
            Row(TextId.BuzzerOn, "开启", "On");
            Row(TextId.BuzzerOff, "关闭", "Off");
            Row(TextId.AuditBoot, "开机{0}", "Boot {0}");

            // pause and reactivate (issue 11)
            Row(TextId.ItemPause, "暂停使用", "Pause");
            Row(TextId.ItemReactivate, "恢复使用", "Reactivate");
            Row(TextId.ReactivateEnter, "按ENTER恢复使用", "ENTER=reactivate");
            Row(TextId.Reactivated, "已恢复使用", "Active again");
            Row(TextId.FleetPausedTitle, "远程暂停中", "Fleet paused");
            Row(TextId.AskTheDesk, "请联系总部恢复", "Ask the desk");
            Row(TextId.ReaderOff, "刷卡已关闭", "Card reader off");
        }

        private static void Row(TextId id, string chinese, string english)
        {
            Chinese[(int)id] = chinese;
            English[(int)id] = english;
        }
    }
}
