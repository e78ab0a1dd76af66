using System;
using System.Collections.Generic;
using System.Reflection.Metadata;

namespace PosTerminal.Firmware.Tests.NanoGate
{
    /// <summary>One decoded IL instruction: where it starts, its opcode and its operand.</summary>
    internal readonly struct IlInstruction
    {
        public IlInstruction(int offset, ILOpCode opCode, long operand, int[] targets, int next)
        {
            Offset = offset;
            OpCode = opCode;
            Operand = operand;
            Targets = targets;
            Next = next;
        }

        public int Offset { get; }
        public ILOpCode OpCode { get; }

        /// <summary>Integer or token operand (int32 tokens, constants; 0 when there is none).</summary>
        public long Operand { get; }

        /// <summary>Branch targets as absolute IL offsets (empty for non-branches; several for switch).</summary>
        public int[] Targets { get; }

        /// <summary>Offset of the instruction after this one.</summary>
        public int Next { get; }

        public int Token { get { return (int)Operand; } }

        public override string ToString() { return "IL_" + Offset.ToString("x4") + " " + OpCode; }
    }

    /// <summary>
    /// Decodes a method body's IL (ECMA-335 III): one- and two-byte (0xFE-prefixed) opcodes,
    /// every operand size, and switch's jump table, so a scan never falls out of step.
    /// </summary>
    internal static class IlCode
    {
        public static List<IlInstruction> Decode(byte[] il)
        {
            var list = new List<IlInstruction>();
            var reader = new Bytes(il);
            while (reader.Offset < il.Length) list.Add(Next(reader, il.Length));
            return list;
        }

        /// <summary>Little-endian reads over the IL bytes (ECMA-335 II.25.4: operands are little-endian).</summary>
        private sealed class Bytes
        {
            private readonly byte[] _b;

            public Bytes(byte[] b) { _b = b; }

            public int Offset { get; private set; }

            public byte ReadByte()
            {
                if (Offset >= _b.Length) throw new BadImageFormatException("IL ends inside an instruction");
                return _b[Offset++];
            }

            public sbyte ReadSByte() { return (sbyte)ReadByte(); }
            public ushort ReadUInt16() { return (ushort)(ReadByte() | ReadByte() << 8); }
            public int ReadInt32() { return ReadByte() | ReadByte() << 8 | ReadByte() << 16 | ReadByte() << 24; }
            public long ReadInt64() { uint lo = (uint)ReadInt32(); return (long)((ulong)(uint)ReadInt32() << 32 | lo); }
            public void ReadSingle() { ReadInt32(); }
            public void ReadDouble() { ReadInt64(); }
        }

        private static IlInstruction Next(Bytes reader, int length)
        {
            int offset = reader.Offset;
            byte first = reader.ReadByte();
            ILOpCode op = first == 0xFE ? (ILOpCode)(0xFE00 | reader.ReadByte()) : (ILOpCode)first;
            long operand = 0;
            int[] targets = Array.Empty<int>();
            switch (OperandKind(op))
            {
                case Kind.None:
                    break;
                case Kind.Int8:
                    operand = reader.ReadSByte();
                    break;
                case Kind.UInt8:
                    operand = reader.ReadByte();
                    break;
                case Kind.UInt16:
                    operand = reader.ReadUInt16();
                    break;
                case Kind.Int32:
                    operand = reader.ReadInt32();
                    break;
                case Kind.Int64:
                    operand = reader.ReadInt64();
                    break;
                case Kind.Float32:
                    reader.ReadSingle();
                    break;
                case Kind.Float64:
                    reader.ReadDouble();
                    break;
                case Kind.Branch8:
                    {
                        int delta = reader.ReadSByte();
                        targets = new[] { reader.Offset + delta };
                        break;
                    }
                case Kind.Branch32:
                    {
                        int delta = reader.ReadInt32();
                        targets = new[] { reader.Offset + delta };
                        break;
                    }
                case Kind.Switch:
                    {
                        int count = reader.ReadInt32();
                        if (count < 0 || count > length) throw new BadImageFormatException("switch with " + count + " cases at IL_" + offset.ToString("x4"));
                        var deltas = new int[count];
                        for (int i = 0; i < count; i++) deltas[i] = reader.ReadInt32();
                        targets = new int[count];
                        for (int i = 0; i < count; i++) targets[i] = reader.Offset + deltas[i];
                        operand = count;
                        break;
                    }
                default:
                    throw new BadImageFormatException("unknown opcode 0x" + ((int)op).ToString("x") + " at IL_" + offset.ToString("x4"));
            }
            return new IlInstruction(offset, op, operand, targets, reader.Offset);
        }

        private enum Kind { None, Int8, UInt8, UInt16, Int32, Int64, Float32, Float64, Branch8, Branch32, Switch, Unknown }

        private static Kind OperandKind(ILOpCode op)
        {
            switch (op)
            {
                case ILOpCode.Ldarg_s: case ILOpCode.Ldarga_s: case ILOpCode.Starg_s:
                case ILOpCode.Ldloc_s: case ILOpCode.Ldloca_s: case ILOpCode.Stloc_s:
                case ILOpCode.Unaligned:
                    return Kind.UInt8;
                case ILOpCode.Ldc_i4_s:
                    return Kind.Int8;
                case ILOpCode.Ldarg: case ILOpCode.Ldarga: case ILOpCode.Starg:
                case ILOpCode.Ldloc: case ILOpCode.Ldloca: case ILOpCode.Stloc:
                    return Kind.UInt16;
                case ILOpCode.Ldc_i4:
                case ILOpCode.Jmp: case ILOpCode.Call: case ILOpCode.Calli: case ILOpCode.Callvirt:
                case ILOpCode.Cpobj: case ILOpCode.Ldobj: case ILOpCode.Ldstr: case ILOpCode.Newobj:
                case ILOpCode.Castclass: case ILOpCode.Isinst: case ILOpCode.Unbox: case ILOpCode.Ldfld:
                case ILOpCode.Ldflda: case ILOpCode.Stfld: case ILOpCode.Ldsfld: case ILOpCode.Ldsflda:
                case ILOpCode.Stsfld: case ILOpCode.Stobj: case ILOpCode.Box: case ILOpCode.Newarr:
                case ILOpCode.Ldelema: case ILOpCode.Ldelem: case ILOpCode.Stelem: case ILOpCode.Unbox_any:
                case ILOpCode.Refanyval: case ILOpCode.Mkrefany: case ILOpCode.Ldtoken: case ILOpCode.Ldftn:
                case ILOpCode.Ldvirtftn: case ILOpCode.Initobj: case ILOpCode.Constrained: case ILOpCode.Sizeof:
                    return Kind.Int32;
                case ILOpCode.Ldc_i8:
                    return Kind.Int64;
                case ILOpCode.Ldc_r4:
                    return Kind.Float32;
                case ILOpCode.Ldc_r8:
                    return Kind.Float64;
                case ILOpCode.Br_s: case ILOpCode.Brfalse_s: case ILOpCode.Brtrue_s: case ILOpCode.Beq_s:
                case ILOpCode.Bge_s: case ILOpCode.Bgt_s: case ILOpCode.Ble_s: case ILOpCode.Blt_s:
                case ILOpCode.Bne_un_s: case ILOpCode.Bge_un_s: case ILOpCode.Bgt_un_s: case ILOpCode.Ble_un_s:
                case ILOpCode.Blt_un_s: case ILOpCode.Leave_s:
                    return Kind.Branch8;
                case ILOpCode.Br: case ILOpCode.Brfalse: case ILOpCode.Brtrue: case ILOpCode.Beq:
                case ILOpCode.Bge: case ILOpCode.Bgt: case ILOpCode.Ble: case ILOpCode.Blt:
                case ILOpCode.Bne_un: case ILOpCode.Bge_un: case ILOpCode.Bgt_un: case ILOpCode.Ble_un:
                case ILOpCode.Blt_un: case ILOpCode.Leave:
                    return Kind.Branch32;
                case ILOpCode.Switch:
                    return Kind.Switch;
                default:
                    return Enum.IsDefined(op) ? Kind.None : Kind.Unknown;
            }
        }

        /// <summary>The constant an ldc.i4 form pushes, or null for any other instruction.</summary>
        public static int? Int32Constant(IlInstruction i)
        {
            switch (i.OpCode)
            {
                case ILOpCode.Ldc_i4_m1: return -1;
                case ILOpCode.Ldc_i4_0: return 0;
                case ILOpCode.Ldc_i4_1: return 1;
                case ILOpCode.Ldc_i4_2: return 2;
                case ILOpCode.Ldc_i4_3: return 3;
                case ILOpCode.Ldc_i4_4: return 4;
                case ILOpCode.Ldc_i4_5: return 5;
                case ILOpCode.Ldc_i4_6: return 6;
                case ILOpCode.Ldc_i4_7: return 7;
                case ILOpCode.Ldc_i4_8: return 8;
                case ILOpCode.Ldc_i4_s: case ILOpCode.Ldc_i4: return (int)i.Operand;
                default: return null;
            }
        }

        /// <summary>True for instructions after which control never falls through to the next one.</summary>
        public static bool EndsFlow(ILOpCode op)
        {
            switch (op)
            {
                case ILOpCode.Br: case ILOpCode.Br_s: case ILOpCode.Leave: case ILOpCode.Leave_s:
                case ILOpCode.Ret: case ILOpCode.Throw: case ILOpCode.Rethrow: case ILOpCode.Endfinally:
                case ILOpCode.Endfilter: case ILOpCode.Jmp:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Values an instruction pops and pushes (ECMA-335 III), or null when that depends on
        /// something this table does not model (calls: see the caller; calli, jmp, ret, arglist).
        /// </summary>
        public static (int Pop, int Push)? StackEffect(ILOpCode op)
        {
            switch (op)
            {
                case ILOpCode.Nop: case ILOpCode.Break: case ILOpCode.Br: case ILOpCode.Br_s:
                case ILOpCode.Leave: case ILOpCode.Leave_s: case ILOpCode.Endfinally:
                case ILOpCode.Constrained: case ILOpCode.Volatile: case ILOpCode.Unaligned:
                case ILOpCode.Tail: case ILOpCode.Readonly: case ILOpCode.Rethrow:
                    return (0, 0);
                case ILOpCode.Ldarg_0: case ILOpCode.Ldarg_1: case ILOpCode.Ldarg_2: case ILOpCode.Ldarg_3:
                case ILOpCode.Ldloc_0: case ILOpCode.Ldloc_1: case ILOpCode.Ldloc_2: case ILOpCode.Ldloc_3:
                case ILOpCode.Ldarg_s: case ILOpCode.Ldarga_s: case ILOpCode.Ldloc_s: case ILOpCode.Ldloca_s:
                case ILOpCode.Ldarg: case ILOpCode.Ldarga: case ILOpCode.Ldloc: case ILOpCode.Ldloca:
                case ILOpCode.Ldnull: case ILOpCode.Ldc_i4_m1: case ILOpCode.Ldc_i4_0: case ILOpCode.Ldc_i4_1:
                case ILOpCode.Ldc_i4_2: case ILOpCode.Ldc_i4_3: case ILOpCode.Ldc_i4_4: case ILOpCode.Ldc_i4_5:
                case ILOpCode.Ldc_i4_6: case ILOpCode.Ldc_i4_7: case ILOpCode.Ldc_i4_8: case ILOpCode.Ldc_i4_s:
                case ILOpCode.Ldc_i4: case ILOpCode.Ldc_i8: case ILOpCode.Ldc_r4: case ILOpCode.Ldc_r8:
                case ILOpCode.Ldstr: case ILOpCode.Ldsfld: case ILOpCode.Ldsflda: case ILOpCode.Ldtoken:
                case ILOpCode.Ldftn: case ILOpCode.Sizeof:
                    return (0, 1);
                case ILOpCode.Stloc_0: case ILOpCode.Stloc_1: case ILOpCode.Stloc_2: case ILOpCode.Stloc_3:
                case ILOpCode.Stloc_s: case ILOpCode.Stloc: case ILOpCode.Starg_s: case ILOpCode.Starg:
                case ILOpCode.Pop: case ILOpCode.Brfalse: case ILOpCode.Brfalse_s: case ILOpCode.Brtrue:
                case ILOpCode.Brtrue_s: case ILOpCode.Switch: case ILOpCode.Stsfld: case ILOpCode.Throw:
                case ILOpCode.Initobj: case ILOpCode.Endfilter:
                    return (1, 0);
                case ILOpCode.Dup:
                    return (1, 2);
                case ILOpCode.Beq: case ILOpCode.Beq_s: case ILOpCode.Bge: case ILOpCode.Bge_s:
                case ILOpCode.Bgt: case ILOpCode.Bgt_s: case ILOpCode.Ble: case ILOpCode.Ble_s:
                case ILOpCode.Blt: case ILOpCode.Blt_s: case ILOpCode.Bne_un: case ILOpCode.Bne_un_s:
                case ILOpCode.Bge_un: case ILOpCode.Bge_un_s: case ILOpCode.Bgt_un: case ILOpCode.Bgt_un_s:
                case ILOpCode.Ble_un: case ILOpCode.Ble_un_s: case ILOpCode.Blt_un: case ILOpCode.Blt_un_s:
                case ILOpCode.Stind_i: case ILOpCode.Stind_i1: case ILOpCode.Stind_i2: case ILOpCode.Stind_i4:
                case ILOpCode.Stind_i8: case ILOpCode.Stind_r4: case ILOpCode.Stind_r8: case ILOpCode.Stind_ref:
                case ILOpCode.Stfld: case ILOpCode.Stobj: case ILOpCode.Cpobj:
                    return (2, 0);
                case ILOpCode.Stelem: case ILOpCode.Stelem_i: case ILOpCode.Stelem_i1: case ILOpCode.Stelem_i2:
                case ILOpCode.Stelem_i4: case ILOpCode.Stelem_i8: case ILOpCode.Stelem_r4: case ILOpCode.Stelem_r8:
                case ILOpCode.Stelem_ref: case ILOpCode.Cpblk: case ILOpCode.Initblk:
                    return (3, 0);
                case ILOpCode.Add: case ILOpCode.Sub: case ILOpCode.Mul: case ILOpCode.Div: case ILOpCode.Div_un:
                case ILOpCode.Rem: case ILOpCode.Rem_un: case ILOpCode.And: case ILOpCode.Or: case ILOpCode.Xor:
                case ILOpCode.Shl: case ILOpCode.Shr: case ILOpCode.Shr_un: case ILOpCode.Add_ovf:
                case ILOpCode.Add_ovf_un: case ILOpCode.Mul_ovf: case ILOpCode.Mul_ovf_un: case ILOpCode.Sub_ovf:
                case ILOpCode.Sub_ovf_un: case ILOpCode.Ceq: case ILOpCode.Cgt: case ILOpCode.Cgt_un:
                case ILOpCode.Clt: case ILOpCode.Clt_un: case ILOpCode.Ldelema: case ILOpCode.Ldelem:
                case ILOpCode.Ldelem_i: case ILOpCode.Ldelem_i1: case ILOpCode.Ldelem_i2: case ILOpCode.Ldelem_i4:
                case ILOpCode.Ldelem_i8: case ILOpCode.Ldelem_u1: case ILOpCode.Ldelem_u2: case ILOpCode.Ldelem_u4:
                case ILOpCode.Ldelem_r4: case ILOpCode.Ldelem_r8: case ILOpCode.Ldelem_ref:
                    return (2, 1);
                default:
                    return OneToOne(op) ? (1, 1) : null;
            }
        }

        /// <summary>Instructions that replace the top value with one result.</summary>
        private static bool OneToOne(ILOpCode op)
        {
            switch (op)
            {
                case ILOpCode.Neg: case ILOpCode.Not: case ILOpCode.Ldind_i: case ILOpCode.Ldind_i1:
                case ILOpCode.Ldind_i2: case ILOpCode.Ldind_i4: case ILOpCode.Ldind_i8: case ILOpCode.Ldind_u1:
                case ILOpCode.Ldind_u2: case ILOpCode.Ldind_u4: case ILOpCode.Ldind_r4: case ILOpCode.Ldind_r8:
                case ILOpCode.Ldind_ref: case ILOpCode.Ldobj: case ILOpCode.Castclass: case ILOpCode.Isinst:
                case ILOpCode.Unbox: case ILOpCode.Unbox_any: case ILOpCode.Ldfld: case ILOpCode.Ldflda:
                case ILOpCode.Box: case ILOpCode.Newarr: case ILOpCode.Ldlen: case ILOpCode.Refanyval:
                case ILOpCode.Refanytype: case ILOpCode.Mkrefany: case ILOpCode.Ckfinite: case ILOpCode.Ldvirtftn:
                case ILOpCode.Localloc:
                    return true;
                default:
                    return op.ToString().StartsWith("Conv_", StringComparison.Ordinal);
            }
        }
    }
}
