using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using PosTerminal.Firmware.Storage;
using PosTerminal.Hal;

using PosTerminal.Virtual;

namespace PosTerminal.Tools.Checks.Store
{
    /// <summary>
    /// Forks a running LogStore onto a copy of its flash, RAM state and all, so a power-cut
    /// sweep can try every cut point of one operation without replaying the whole workload.
    /// A deep copy by reflection of the store's own objects and arrays; it refuses any field
    /// type it does not know, so a new kind of field fails loudly instead of being shared.
    /// </summary>
    public static class StoreFork
    {
        private const string StorageNamespace = "PosTerminal.Firmware.Storage";

        public static LogStore Clone(LogStore store, IFlash flash)
        {
            return (LogStore)Copy(store, flash, new Dictionary<object, object>(ReferenceEqualityComparer.Instance));
        }

        private static object Copy(object value, IFlash flash, Dictionary<object, object> copies)
        {
            if (value == null) return null;
            if (value is IFlash) return flash;
            Type type = value.GetType();
            if (type.IsPrimitive || type.IsEnum || value is string) return value;
            object done;
            if (copies.TryGetValue(value, out done)) return done;
            if (type.IsArray && type.GetElementType().IsPrimitive)
            {
                object array = ((Array)value).Clone();
                copies[value] = array;
                return array;
            }
            if (type.Namespace != StorageNamespace)
                throw new NotSupportedException("StoreFork cannot copy a field of type " + type.FullName);
            object copy = RuntimeHelpers.GetUninitializedObject(type);
            copies[value] = copy;
            for (Type t = type; t != null && t != typeof(object); t = t.BaseType)
            {
                foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    field.SetValue(copy, Copy(field.GetValue(value), flash, copies));
                }
            }
            return copy;
        }
    }
}
