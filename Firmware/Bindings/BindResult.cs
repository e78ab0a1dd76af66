namespace PosTerminal.Firmware.Bindings
{
    /// <summary>What BindingList.Add did. Anything but Saved changed nothing stored.</summary>
    public enum BindResult
    {
        Saved,
        Duplicate,
        ListFull,
        StorageFull
    }
}
