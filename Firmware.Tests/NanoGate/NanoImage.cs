using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace PosTerminal.Firmware.Tests.NanoGate
{
    /// <summary>
    /// The two tables of a nanoFramework .pe that grow with the firmware, counted from a nano
    /// assembly's metadata and IL the way nanoFramework's metadata processor writes them. Both are
    /// addressed by 16-bit offsets, so each must stay within 65,535 bytes per assembly:
    /// <list type="bullet">
    /// <item>Byte code: a method's offset is CLR_RECORD_METHODDEF.RVA, a CLR_OFFSET = CLR_UINT16
    /// (nf-interpreter src/CLR/Include/nanoCLR_Types.h); the metadata processor refuses more
    /// ("Byte code table overflow", nanoByteCodeTable.GetMethodId). Counted exactly: CodeWriter
    /// writes each IL instruction with its opcode as in CIL and shorter operands (method, field,
    /// type and string tokens and long branch offsets 2 bytes, switch 1 + 2 per target, calli's
    /// signature none), then for a body with exception clauses 12 bytes each and a count byte;
    /// types it never writes (ThisAssembly, RefSafetyRulesAttribute, AccessedThroughPropertyAttribute:
    /// nanoTablesContext.SetDefaultTypesToExclude) are left out. This gives the .pe files' own byte
    /// code table sizes to the byte: 8,431 / 30,858 / 27,627 for Hal / Core / Firmware on harness2's
    /// Release build of main 571a0f7, 14,785 / 39,070 / 34,482 on Firmware/Nano's Debug build of b313e16.</item>
    /// <item>Strings: names and literals are CLR_STRING = CLR_UINT16 offsets. Estimated from above:
    /// every distinct type, namespace, field, method, member-reference and assembly name and every
    /// distinct string literal once, in UTF-8 with its terminating zero (the .pe shares strings and
    /// takes well-known ones from mscorlib's table, so it is smaller: 4,286 / 17,833 / 22,208
    /// bytes against this bound's 5,788 / 22,940 / 24,274 on the 571a0f7 build, 4,995 / 17,833 /
    /// 22,162 against 6,702 / 22,990 / 24,278 on the b313e16 one).</item>
    /// </list>
    /// </summary>
    internal sealed class NanoImage
    {
        /// <summary>The most a 16-bit offset can address.</summary>
        public const int TableLimit = ushort.MaxValue;

        private static readonly string[] NeverWritten =
        {
            "ThisAssembly",
            "System.Runtime.CompilerServices.RefSafetyRulesAttribute",
            "System.Runtime.CompilerServices.AccessedThroughPropertyAttribute",
        };

        public string Name { get; private set; }

        /// <summary>Bytes of the .pe's byte code table (exact).</summary>
        public int ByteCode { get; private set; }

        /// <summary>Bytes of the CIL method bodies (for comparison: byte code is 0.74-0.85 of it).</summary>
        public int CilBytes { get; private set; }

        /// <summary>An upper bound on the .pe's string table.</summary>
        public int StringsBound { get; private set; }

        public int Methods { get; private set; }

        public static NanoImage Read(string path)
        {
            using (var pe = new PEReader(File.OpenRead(path)))
            {
                MetadataReader md = pe.GetMetadataReader();
                var image = new NanoImage { Name = md.GetString(md.GetAssemblyDefinition().Name) };
                foreach (TypeDefinitionHandle t in md.TypeDefinitions)
                {
                    if (IsNeverWritten(md, t)) continue;
                    foreach (MethodDefinitionHandle m in md.GetTypeDefinition(t).GetMethods())
                    {
                        MethodDefinition method = md.GetMethodDefinition(m);
                        if (method.RelativeVirtualAddress == 0) continue; // abstract, extern: no body
                        MethodBodyBlock body = pe.GetMethodBody(method.RelativeVirtualAddress);
                        byte[] il = body.GetILBytes();
                        image.CilBytes += il.Length;
                        image.ByteCode += ByteCodeSize(il, body.ExceptionRegions.Length);
                        image.Methods++;
                    }
                }
                image.StringsBound = CountStrings(md);
                return image;
            }
        }

        /// <summary>Bytes the metadata processor writes for one method body (CodeWriter.WriteMethodBody).</summary>
        public static int ByteCodeSize(byte[] il, int exceptionClauses)
        {
            int size = 0;
            foreach (IlInstruction i in IlCode.Decode(il))
            {
                int opcode = (int)i.OpCode > 0xFF ? 2 : 1;
                size += opcode + OperandSize(i, i.Next - i.Offset - opcode);
            }
            return exceptionClauses == 0 ? size : size + 12 * exceptionClauses + 1;
        }

        /// <summary>The operand's size in nano byte code, from its size in CIL.</summary>
        private static int OperandSize(IlInstruction i, int cil)
        {
            switch (i.OpCode)
            {
                case ILOpCode.Switch:
                    return 1 + 2 * (int)i.Operand;      // a byte count, 16-bit offsets (CIL: 4 + 4 each)
                case ILOpCode.Calli:
                    return 0;                            // InlineSig: written as nothing
                case ILOpCode.Ldc_i4:
                case ILOpCode.Ldc_r4:
                case ILOpCode.Ldtoken:
                    return cil;                          // 4-byte constants and InlineTok stay 4
                default:
                    return cil == 4 ? 2 : cil;           // tokens and long branches: 16 bits
            }
        }

        private static bool IsNeverWritten(MetadataReader md, TypeDefinitionHandle handle)
        {
            for (TypeDefinitionHandle t = handle; !t.IsNil; t = md.GetTypeDefinition(t).GetDeclaringType())
            {
                TypeDefinition type = md.GetTypeDefinition(t);
                string name = md.GetString(type.Name);
                string ns = md.GetString(type.Namespace);
                string full = ns.Length == 0 ? name : ns + "." + name;
                if (NeverWritten.Contains(name) || NeverWritten.Contains(full)) return true;
            }
            return false;
        }

        private static int CountStrings(MetadataReader md)
        {
            var strings = new HashSet<string>(StringComparer.Ordinal);
            void Add(StringHandle h)
            {
                if (!h.IsNil) strings.Add(md.GetString(h));
            }
            foreach (TypeDefinitionHandle h in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(h);
                Add(type.Name);
                Add(type.Namespace);
                foreach (FieldDefinitionHandle f in type.GetFields()) Add(md.GetFieldDefinition(f).Name);
                foreach (MethodDefinitionHandle m in type.GetMethods()) Add(md.GetMethodDefinition(m).Name);
            }
            foreach (TypeReferenceHandle h in md.TypeReferences)
            {
                Add(md.GetTypeReference(h).Name);
                Add(md.GetTypeReference(h).Namespace);
            }
            foreach (MemberReferenceHandle h in md.MemberReferences) Add(md.GetMemberReference(h).Name);
            foreach (AssemblyReferenceHandle h in md.AssemblyReferences) Add(md.GetAssemblyReference(h).Name);
            Add(md.GetAssemblyDefinition().Name);
            if (md.GetHeapSize(HeapIndex.UserString) <= 1) return strings.Sum(s => Encoding.UTF8.GetByteCount(s) + 1);
            for (UserStringHandle u = MetadataTokens.UserStringHandle(1); !u.IsNil; u = md.GetNextHandle(u))
            {
                strings.Add(md.GetUserString(u));
            }
            return strings.Sum(s => Encoding.UTF8.GetByteCount(s) + 1);
        }
    }
}
