using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace PosTerminal.Firmware.Tests.NanoGate
{
    /// <summary>
    /// The reference-array rule of the nanoFramework gate, read from IL. nanoCLR leaves the
    /// elements of a new reference-type array untyped (CLR_RT_HeapBlock_Array::ClearElements):
    /// not null, and comparing one with a string crashes. So every `newarr` whose element type
    /// is a reference type (class, interface, array, string) must be either
    /// <list type="bullet">
    /// <item>immediately followed (Debug nops aside) by `call RefArrays::Nulls(object[])`, which
    /// stores null in every element; or</item>
    /// <item>an array initializer of constant length n that stores (dup, ldc index, value,
    /// stelem) every index 0..n-1, none of them a literal null (the compiler never stores a
    /// null element, so `{ "a", null }` leaves index 1 unstored and is refused).</item>
    /// </list>
    /// Anything else (a loop that fills it, a helper other than Nulls) is refused: the gate
    /// cannot prove it fills every element before the first read.
    /// </summary>
    internal sealed class RefArrayGate
    {
        public const string HelperType = "PosTerminal.Hal.RefArrays";
        public const string HelperMethod = "Nulls";

        private readonly MetadataReader _md;
        private readonly List<string> _problems = new List<string>();

        /// <summary>Every type the checked assembly may name from elsewhere (mscorlib, the lower nano assemblies), by full name.</summary>
        private readonly Dictionary<string, (MetadataReader Reader, TypeDefinitionHandle Type)> _referenced =
            new Dictionary<string, (MetadataReader, TypeDefinitionHandle)>(StringComparer.Ordinal);

        private RefArrayGate(MetadataReader md, IEnumerable<MetadataReader> references)
        {
            _md = md;
            foreach (MetadataReader r in references)
            {
                foreach (TypeDefinitionHandle h in r.TypeDefinitions) _referenced[DefinitionName(r, h)] = (r, h);
            }
        }

        /// <summary>Newarr instructions of a reference type the last Check accepted (to show the gate saw them).</summary>
        public int Accepted { get; private set; }

        /// <summary>
        /// Every problem in the assembly at path, one line each: "Type.Method IL_xxxx: ...".
        /// referencePaths are the assemblies it was compiled against: the mscorlib and the lower nano
        /// assemblies (they say which of their types are value types).
        /// methodFilter, when given, limits the check to methods whose "Type.Method" name it accepts.
        /// </summary>
        public static List<string> Check(string path, string[] referencePaths, Func<string, bool> methodFilter, out int accepted)
        {
            var references = referencePaths.Select(p => new PEReader(File.OpenRead(p))).ToList();
            try
            {
                return Check(path, references.Select(r => r.GetMetadataReader()), methodFilter, out accepted);
            }
            finally
            {
                foreach (PEReader r in references) r.Dispose();
            }
        }

        private static List<string> Check(string path, IEnumerable<MetadataReader> references, Func<string, bool> methodFilter, out int accepted)
        {
            using (var pe = new PEReader(File.OpenRead(path)))
            {
                var gate = new RefArrayGate(pe.GetMetadataReader(), references);
                foreach (TypeDefinitionHandle t in gate._md.TypeDefinitions)
                {
                    TypeDefinition type = gate._md.GetTypeDefinition(t);
                    foreach (MethodDefinitionHandle m in type.GetMethods())
                    {
                        MethodDefinition method = gate._md.GetMethodDefinition(m);
                        if (method.RelativeVirtualAddress == 0) continue; // abstract, extern, interface
                        string name = gate.TypeName(t) + "." + gate._md.GetString(method.Name);
                        if (methodFilter != null && !methodFilter(name)) continue;
                        byte[] il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes();
                        gate.CheckMethod(name, IlCode.Decode(il));
                    }
                }
                accepted = gate.Accepted;
                return gate._problems;
            }
        }

        private void CheckMethod(string method, List<IlInstruction> code)
        {
            for (int i = 0; i < code.Count; i++)
            {
                if (code[i].OpCode != ILOpCode.Newarr) continue;
                EntityHandle element = MetadataTokens.EntityHandle(code[i].Token);
                if (!IsReferenceType(element)) continue;
                string problem = FilledByNulls(code, i) ? null : InitializerProblem(code, i);
                if (problem == null)
                {
                    Accepted++;
                    continue;
                }
                _problems.Add(method + " IL_" + code[i].Offset.ToString("x4") + ": newarr " + Describe(element) + ": " + problem
                    + " (make it with (T[])RefArrays.Nulls(new T[n]), or an initializer that stores every element)");
            }
        }

        // ---- the two accepted shapes ----------------------------------------------------------

        private bool FilledByNulls(List<IlInstruction> code, int newarr)
        {
            int j = SkipNops(code, newarr + 1);
            j = SkipSpill(code, j);
            if (j >= code.Count || code[j].OpCode != ILOpCode.Call) return false;
            return IsHelper(MetadataTokens.EntityHandle(code[j].Token));
        }

        /// <summary>Null when code[newarr] starts an initializer that stores every element; else why not.</summary>
        private string InitializerProblem(List<IlInstruction> code, int newarr)
        {
            int? length = newarr > 0 ? IlCode.Int32Constant(code[newarr - 1]) : null;
            if (length == null) return "its length is not a constant and RefArrays.Nulls does not follow";
            var stored = new HashSet<int>();
            int j = SkipNops(code, newarr + 1);
            while (j < code.Count && code[j].OpCode == ILOpCode.Dup)
            {
                int k = SkipNops(code, j + 1);
                int? index = k < code.Count ? IlCode.Int32Constant(code[k]) : null;
                if (index == null) break; // not an element store: the initializer ended before this dup
                int valueStart = k + 1;
                int store = FindStore(code, valueStart);
                if (store < 0) return "element " + index + ": cannot follow the value stored (not a plain initializer)";
                if (store == valueStart + 1 && code[valueStart].OpCode == ILOpCode.Ldnull)
                    return "element " + index + " is a literal null";
                stored.Add(index.Value);
                j = SkipNops(code, store + 1);
            }
            var missing = Enumerable.Range(0, length.Value).Where(e => !stored.Contains(e)).ToList();
            if (missing.Count == 0) return null;
            string which = string.Join(", ", missing.Take(8)) + (missing.Count > 8 ? ", ..." : "");
            return "elements never stored: " + which + " of " + length;
        }

        /// <summary>
        /// The index of the stelem that stores the value starting at code[start] (stack then holds
        /// array, index, and nothing of the value yet), or -1 when the value's IL cannot be followed.
        /// Tracks the stack depth, through branches (a conditional value), to the store that pops
        /// array, index and value.
        /// </summary>
        private int FindStore(List<IlInstruction> code, int start)
        {
            int depth = 0;
            var atTarget = new Dictionary<int, int>();
            bool reachable = true;
            for (int j = start; j < code.Count; j++)
            {
                IlInstruction ins = code[j];
                if (!reachable)
                {
                    if (!atTarget.TryGetValue(ins.Offset, out depth)) return -1;
                    reachable = true;
                }
                if (depth == 1 && (ins.OpCode == ILOpCode.Stelem_ref || ins.OpCode == ILOpCode.Stelem)) return j;
                (int Pop, int Push)? effect = Effect(ins);
                if (effect == null) return -1;
                depth -= effect.Value.Pop;
                if (depth < 0) return -1; // it consumes the array or index: not an element value
                depth += effect.Value.Push;
                foreach (int target in ins.Targets)
                {
                    if (target < ins.Offset) return -1; // a loop inside an element value: not an initializer
                    atTarget[target] = depth;
                }
                if (IlCode.EndsFlow(ins.OpCode)) reachable = false; // the next instruction is reached by a branch only
            }
            return -1;
        }

        private (int Pop, int Push)? Effect(IlInstruction ins)
        {
            switch (ins.OpCode)
            {
                case ILOpCode.Call:
                case ILOpCode.Callvirt:
                case ILOpCode.Newobj:
                    {
                        MethodSignature<object> sig = Signature(MetadataTokens.EntityHandle(ins.Token));
                        int args = sig.ParameterTypes.Length;
                        if (ins.OpCode == ILOpCode.Newobj) return (args, 1);
                        int pop = args + (sig.Header.IsInstance ? 1 : 0);
                        return (pop, IsVoid(MetadataTokens.EntityHandle(ins.Token)) ? 0 : 1);
                    }
                case ILOpCode.Ret:
                case ILOpCode.Throw:
                case ILOpCode.Leave:
                case ILOpCode.Leave_s:
                    return null; // leaves the method or block mid-initializer: not a plain value
                default:
                    return IlCode.StackEffect(ins.OpCode);
            }
        }

        /// <summary>A Debug build may spill the new array to a local and load it back (stloc n; ldloc n) before the call.</summary>
        private static int SkipSpill(List<IlInstruction> code, int j)
        {
            if (j + 1 >= code.Count) return j;
            int? stored = LocalIndex(code[j], true);
            int? loaded = LocalIndex(code[j + 1], false);
            return stored != null && stored == loaded ? SkipNops(code, j + 2) : j;
        }

        private static int? LocalIndex(IlInstruction i, bool store)
        {
            switch (i.OpCode)
            {
                case ILOpCode.Stloc_0: return store ? 0 : null;
                case ILOpCode.Stloc_1: return store ? 1 : null;
                case ILOpCode.Stloc_2: return store ? 2 : null;
                case ILOpCode.Stloc_3: return store ? 3 : null;
                case ILOpCode.Stloc_s: case ILOpCode.Stloc: return store ? (int)i.Operand : null;
                case ILOpCode.Ldloc_0: return store ? null : 0;
                case ILOpCode.Ldloc_1: return store ? null : 1;
                case ILOpCode.Ldloc_2: return store ? null : 2;
                case ILOpCode.Ldloc_3: return store ? null : 3;
                case ILOpCode.Ldloc_s: case ILOpCode.Ldloc: return store ? null : (int)i.Operand;
                default: return null;
            }
        }

        private static int SkipNops(List<IlInstruction> code, int j)
        {
            while (j < code.Count && code[j].OpCode == ILOpCode.Nop) j++;
            return j;
        }

        // ---- metadata ---------------------------------------------------------------------------

        private bool IsHelper(EntityHandle method)
        {
            string type;
            string name;
            if (method.Kind == HandleKind.MethodDefinition)
            {
                MethodDefinition def = _md.GetMethodDefinition((MethodDefinitionHandle)method);
                type = TypeName(def.GetDeclaringType());
                name = _md.GetString(def.Name);
            }
            else if (method.Kind == HandleKind.MemberReference)
            {
                MemberReference member = _md.GetMemberReference((MemberReferenceHandle)method);
                type = Describe(member.Parent);
                name = _md.GetString(member.Name);
            }
            else
            {
                return false;
            }
            return type == HelperType && name == HelperMethod;
        }

        private MethodSignature<object> Signature(EntityHandle method)
        {
            var provider = new OpaqueTypes();
            if (method.Kind == HandleKind.MethodDefinition)
                return _md.GetMethodDefinition((MethodDefinitionHandle)method).DecodeSignature(provider, null);
            if (method.Kind == HandleKind.MemberReference)
                return _md.GetMemberReference((MemberReferenceHandle)method).DecodeMethodSignature(provider, null);
            throw new BadImageFormatException("call to " + method.Kind + " (generic instantiations are refused by the gate)");
        }

        private bool IsVoid(EntityHandle method)
        {
            return Signature(method).ReturnType is string s && s == "void";
        }

        /// <summary>Class, interface, array, string: true. Primitives, enums and structs: false.</summary>
        private bool IsReferenceType(EntityHandle type)
        {
            switch (type.Kind)
            {
                case HandleKind.TypeDefinition:
                    return !IsValueTypeDefinition(_md, (TypeDefinitionHandle)type);
                case HandleKind.TypeReference:
                    {
                        string name = ReferenceName((TypeReferenceHandle)type);
                        if (_referenced.TryGetValue(name, out var found)) return !IsValueTypeDefinition(found.Reader, found.Type);
                        throw new BadImageFormatException("type " + name + " is in none of the assemblies the gate was given (mscorlib and the lower nano assemblies)");
                    }
                case HandleKind.TypeSpecification:
                    {
                        // Arrays (string[][], byte[][]) are reference types; a value-type spec would be generic, refused elsewhere.
                        object shape = _md.GetTypeSpecification((TypeSpecificationHandle)type).DecodeSignature(new OpaqueTypes(), null);
                        return !(shape is string s && s == "valuetype");
                    }
                default:
                    return true;
            }
        }

        private static bool IsValueTypeDefinition(MetadataReader md, TypeDefinitionHandle handle)
        {
            TypeDefinition def = md.GetTypeDefinition(handle);
            string full = md.GetString(def.Namespace) + "." + md.GetString(def.Name);
            if (full == "System.Enum") return false; // System.Enum itself is a class
            EntityHandle baseType = def.BaseType;
            if (baseType.IsNil) return false;
            string baseName;
            if (baseType.Kind == HandleKind.TypeReference)
            {
                TypeReference r = md.GetTypeReference((TypeReferenceHandle)baseType);
                baseName = md.GetString(r.Namespace) + "." + md.GetString(r.Name);
            }
            else if (baseType.Kind == HandleKind.TypeDefinition)
            {
                TypeDefinition b = md.GetTypeDefinition((TypeDefinitionHandle)baseType);
                baseName = md.GetString(b.Namespace) + "." + md.GetString(b.Name);
            }
            else
            {
                return false;
            }
            return (baseName == "System.ValueType" && full != "System.Enum") || baseName == "System.Enum";
        }

        /// <summary>Namespace.Name, nested types as Outer+Inner: the same for a definition and a reference to it.</summary>
        private static string DefinitionName(MetadataReader md, TypeDefinitionHandle handle)
        {
            TypeDefinition type = md.GetTypeDefinition(handle);
            TypeDefinitionHandle outer = type.GetDeclaringType();
            if (!outer.IsNil) return DefinitionName(md, outer) + "+" + md.GetString(type.Name);
            string ns = md.GetString(type.Namespace);
            return ns.Length == 0 ? md.GetString(type.Name) : ns + "." + md.GetString(type.Name);
        }

        private string ReferenceName(TypeReferenceHandle handle)
        {
            TypeReference type = _md.GetTypeReference(handle);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
                return ReferenceName((TypeReferenceHandle)type.ResolutionScope) + "+" + _md.GetString(type.Name);
            string ns = _md.GetString(type.Namespace);
            return ns.Length == 0 ? _md.GetString(type.Name) : ns + "." + _md.GetString(type.Name);
        }

        private string TypeName(TypeDefinitionHandle handle)
        {
            TypeDefinition type = _md.GetTypeDefinition(handle);
            string name = _md.GetString(type.Name);
            TypeDefinitionHandle outer = type.GetDeclaringType();
            if (!outer.IsNil) return TypeName(outer) + "+" + name;
            string ns = _md.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        private string Describe(EntityHandle type)
        {
            switch (type.Kind)
            {
                case HandleKind.TypeDefinition:
                    return TypeName((TypeDefinitionHandle)type);
                case HandleKind.TypeReference:
                    {
                        TypeReference r = _md.GetTypeReference((TypeReferenceHandle)type);
                        string ns = _md.GetString(r.Namespace);
                        return (ns.Length == 0 ? "" : ns + ".") + _md.GetString(r.Name);
                    }
                case HandleKind.TypeSpecification:
                    return _md.GetTypeSpecification((TypeSpecificationHandle)type).DecodeSignature(new TypeNames(this), null);
                default:
                    return type.Kind.ToString();
            }
        }

        /// <summary>A type signature as C#-ish text (System.Byte[]), for messages.</summary>
        private sealed class TypeNames : ISignatureTypeProvider<string, object>
        {
            private readonly RefArrayGate _gate;

            public TypeNames(RefArrayGate gate) { _gate = gate; }

            public string GetArrayType(string elementType, ArrayShape shape) { return elementType + "[,]"; }
            public string GetByReferenceType(string elementType) { return elementType + "&"; }
            public string GetFunctionPointerType(MethodSignature<string> signature) { return "fnptr"; }
            public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) { return genericType + "<" + string.Join(",", typeArguments) + ">"; }
            public string GetGenericMethodParameter(object genericContext, int index) { return "!!" + index; }
            public string GetGenericTypeParameter(object genericContext, int index) { return "!" + index; }
            public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) { return unmodifiedType; }
            public string GetPinnedType(string elementType) { return elementType; }
            public string GetPointerType(string elementType) { return elementType + "*"; }
            public string GetPrimitiveType(PrimitiveTypeCode typeCode) { return "System." + typeCode; }
            public string GetSZArrayType(string elementType) { return elementType + "[]"; }
            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) { return _gate.Describe(handle); }
            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) { return _gate.Describe(handle); }
            public string GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind) { return _gate.Describe(handle); }
        }

        /// <summary>Just enough of a signature: "void", "valuetype" or "class", and arrays as "T[]".</summary>
        private sealed class OpaqueTypes : ISignatureTypeProvider<object, object>
        {
            public object GetArrayType(object elementType, ArrayShape shape) { return elementType + "[,]"; }
            public object GetByReferenceType(object elementType) { return elementType + "&"; }
            public object GetFunctionPointerType(MethodSignature<object> signature) { return "fnptr"; }
            public object GetGenericInstantiation(object genericType, ImmutableArray<object> typeArguments) { return "generic"; }
            public object GetGenericMethodParameter(object genericContext, int index) { return "generic"; }
            public object GetGenericTypeParameter(object genericContext, int index) { return "generic"; }
            public object GetModifiedType(object modifier, object unmodifiedType, bool isRequired) { return unmodifiedType; }
            public object GetPinnedType(object elementType) { return elementType; }
            public object GetPointerType(object elementType) { return elementType + "*"; }
            public object GetPrimitiveType(PrimitiveTypeCode typeCode)
            {
                if (typeCode == PrimitiveTypeCode.Void) return "void";
                return typeCode == PrimitiveTypeCode.String || typeCode == PrimitiveTypeCode.Object ? typeCode.ToString() : "valuetype";
            }
            public object GetSZArrayType(object elementType) { return elementType + "[]"; }
            public object GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) { return Kind(rawTypeKind); }
            public object GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) { return Kind(rawTypeKind); }
            public object GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind) { return Kind(rawTypeKind); }

            private static object Kind(byte rawTypeKind)
            {
                return rawTypeKind == (byte)SignatureTypeKind.ValueType ? "valuetype" : "class";
            }
        }
    }
}
