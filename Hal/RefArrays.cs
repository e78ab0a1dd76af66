namespace PosTerminal.Hal
{
    /// <summary>
    /// Every new reference-type array in portable code is made through here (or is an array
    /// initializer that stores every element). Why: nanoCLR leaves the elements of a new
    /// reference-type array untyped rather than null (CLR_RT_HeapBlock_Array::ClearElements),
    /// and comparing such an element with a string ends in strcmp(NULL, ...) and a crash;
    /// `x == null` is even False for it. An explicit store of null makes it a real null.
    /// NanoGateTests refuses any `newarr` of a reference type not followed by a call here.
    /// </summary>
    public static class RefArrays
    {
        /// <summary>Stores null in every element of array explicitly and returns it: `(string[])RefArrays.Nulls(new string[n])`.</summary>
        public static object[] Nulls(object[] array)
        {
            for (int i = 0; i < array.Length; i++) array[i] = null;
            return array;
        }
    }
}
