using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using PosTerminal.Firmware.Tests.NanoGate;

namespace PosTerminal.Firmware.Tests
{
    /// <summary>
    /// The nanoFramework gate. Firmware/Nano compiles Hal/ and Firmware/ against
    /// nanoFramework.CoreLibrary 1.17's mscorlib (a compile error fails the build, and so
    /// `dotnet test`); this reads the result and fails on anything the 1.x interpreter
    /// cannot run: generic definitions, generic instantiations, other assemblies, and any
    /// reference-type array that can be read before every element was stored (RefArrayGate).
    /// </summary>
    [TestClass]
    public sealed class NanoGateTests
    {
        [TestMethod]
        public void NanoAssemblyReferencesOnlyMscorlib()
        {
            List<string> refs = new List<string>();
            Inspect(md =>
            {
                foreach (AssemblyReferenceHandle h in md.AssemblyReferences)
                {
                    refs.Add(md.GetString(md.GetAssemblyReference(h).Name));
                }
            });
            CollectionAssert.AreEqual(new[] { "mscorlib" }, refs, "references: " + string.Join(", ", refs));
        }

        [TestMethod]
        public void NanoAssemblyHasNoGenericDefinitions()
        {
            List<string> found = new List<string>();
            Inspect(md =>
            {
                foreach (TypeDefinitionHandle h in md.TypeDefinitions)
                {
                    TypeDefinition type = md.GetTypeDefinition(h);
                    string name = md.GetString(type.Namespace) + "." + md.GetString(type.Name);
                    if (type.GetGenericParameters().Count > 0) found.Add("generic type " + name);
                    foreach (MethodDefinitionHandle m in type.GetMethods())
                    {
                        MethodDefinition method = md.GetMethodDefinition(m);
                        if (method.GetGenericParameters().Count > 0)
                            found.Add("generic method " + name + "." + md.GetString(method.Name));
                    }
                }
            });
            Assert.AreEqual(0, found.Count, string.Join("\n", found));
        }

        [TestMethod]
        public void NanoAssemblyHasNoGenericInstantiations()
        {
            List<string> found = new List<string>();
            Inspect(md =>
            {
                if (md.GetTableRowCount(TableIndex.MethodSpec) > 0)
                    found.Add(md.GetTableRowCount(TableIndex.MethodSpec) + " generic method instantiation(s)");
                var provider = new GenericFinder();
                for (int row = 1; row <= md.GetTableRowCount(TableIndex.TypeSpec); row++)
                {
                    TypeSpecification spec = md.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row));
                    string shape = spec.DecodeSignature(provider, null);
                    if (shape.Contains("<")) found.Add("type " + shape);
                }
                foreach (MemberReferenceHandle h in md.MemberReferences)
                {
                    MemberReference member = md.GetMemberReference(h);
                    string shape = member.GetKind() == MemberReferenceKind.Field
                        ? member.DecodeFieldSignature(provider, null)
                        : Describe(member.DecodeMethodSignature(provider, null));
                    if (shape.Contains("<")) found.Add("member " + md.GetString(member.Name) + ": " + shape);
                }
                foreach (TypeDefinitionHandle t in md.TypeDefinitions)
                {
                    TypeDefinition type = md.GetTypeDefinition(t);
                    foreach (FieldDefinitionHandle f in type.GetFields())
                    {
                        FieldDefinition field = md.GetFieldDefinition(f);
                        string shape = field.DecodeSignature(provider, null);
                        if (shape.Contains("<")) found.Add("field " + md.GetString(field.Name) + ": " + shape);
                    }
                    foreach (MethodDefinitionHandle m in type.GetMethods())
                    {
                        MethodDefinition method = md.GetMethodDefinition(m);
                        string shape = Describe(method.DecodeSignature(provider, null));
                        if (shape.Contains("<")) found.Add("method " + md.GetString(method.Name) + ": " + shape);
                    }
                }
            });
            Assert.AreEqual(0, found.Count, string.Join("\n", found));
        }

        /// <summary>Issue 9's crash class: every reference-type newarr in Hal/ and Firmware/ is filled (RefArrayGate).</summary>
        [TestMethod]
        public void NanoAssemblyFillsEveryReferenceArray()
        {
            Assert.IsTrue(File.Exists(TestPaths.NanoAssembly), "the nano gate assembly was not built: " + TestPaths.NanoAssembly);
            List<string> problems = RefArrayGate.Check(TestPaths.NanoAssembly, TestPaths.NanoMscorlib, null, out int accepted);
            Assert.AreEqual(0, problems.Count, problems.Count + " reference array(s) not filled:\n" + string.Join("\n", problems));
            // The gate saw the portable code's arrays (RefArrays.Nulls calls and initializers), not nothing.
            Assert.IsGreaterThan(20, accepted, "reference-type newarr accepted: " + accepted);
        }

        [TestMethod]
        [DataRow("NeverFilledString", "elements never stored: 0, 1, 2, 3 of 4")]
        [DataRow("NeverFilledInterface", "its length is not a constant")]
        [DataRow("NeverFilledJagged", "elements never stored: 0, 1, 2 of 3")]
        [DataRow("InitializerWithNull", "elements never stored: 1 of 3")]
        [DataRow("FilledByLoop", "its length is not a constant")]
        [DataRow("AfterSwitch", "its length is not a constant")]
        public void TheGateRefusesAnArrayThatCanBeReadUnfilled(string method, string why)
        {
            List<string> problems = CheckSamples("PosTerminal.GateSamples.Refused." + method);
            Assert.AreEqual(1, problems.Count, string.Join("\n", problems));
            StringAssert.StartsWith(problems[0], "PosTerminal.GateSamples.Refused." + method + " IL_");
            StringAssert.Contains(problems[0], why);
        }

        [TestMethod]
        public void TheGateNamesTheElementTypeAndOffset()
        {
            string problem = CheckSamples("PosTerminal.GateSamples.Refused.NeverFilledJagged").Single();
            StringAssert.Contains(problem, ": newarr System.Byte[]: ");
            problem = CheckSamples("PosTerminal.GateSamples.Refused.NeverFilledInterface").Single();
            StringAssert.Contains(problem, "newarr PosTerminal.GateSamples.ILine");
        }

        [TestMethod]
        public void TheGateAcceptsNullsInitializersAndValueTypes()
        {
            List<string> problems = RefArrayGate.Check(TestPaths.GateSamplesAssembly, TestPaths.NanoMscorlib,
                name => name.StartsWith("PosTerminal.GateSamples.Accepted.", System.StringComparison.Ordinal), out int accepted);
            Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
            // ThroughNulls 1, FullInitializer 1, NestedInitializer 2, Params 1, Empty 1; ValueTypes none.
            Assert.AreEqual(6, accepted);
        }

        private static List<string> CheckSamples(string method)
        {
            Assert.IsTrue(File.Exists(TestPaths.GateSamplesAssembly), "the gate samples were not built: " + TestPaths.GateSamplesAssembly);
            return RefArrayGate.Check(TestPaths.GateSamplesAssembly, TestPaths.NanoMscorlib, name => name == method, out _);
        }

        private static string Describe(MethodSignature<string> signature)
        {
            return signature.ReturnType + "(" + string.Join(",", signature.ParameterTypes) + ")";
        }

        private static void Inspect(System.Action<MetadataReader> check)
        {
            string path = TestPaths.NanoAssembly;
            Assert.IsTrue(File.Exists(path), "the nano gate assembly was not built: " + path);
            using (var pe = new PEReader(File.OpenRead(path)))
            {
                check(pe.GetMetadataReader());
            }
        }

        /// <summary>Renders a signature as text, marking every generic construct with '&lt;'.</summary>
        private sealed class GenericFinder : ISignatureTypeProvider<string, object>
        {
            public string GetArrayType(string elementType, ArrayShape shape) { return elementType + "[,]"; }
            public string GetByReferenceType(string elementType) { return elementType + "&"; }
            public string GetFunctionPointerType(MethodSignature<string> signature) { return "fnptr"; }
            public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) { return genericType + "<" + string.Join(",", typeArguments) + ">"; }
            public string GetGenericMethodParameter(object genericContext, int index) { return "<!!" + index + ">"; }
            public string GetGenericTypeParameter(object genericContext, int index) { return "<!" + index + ">"; }
            public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) { return unmodifiedType; }
            public string GetPinnedType(string elementType) { return elementType; }
            public string GetPointerType(string elementType) { return elementType + "*"; }
            public string GetPrimitiveType(PrimitiveTypeCode typeCode) { return typeCode.ToString(); }
            public string GetSZArrayType(string elementType) { return elementType + "[]"; }
            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) { return reader.GetString(reader.GetTypeDefinition(handle).Name); }
            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) { return reader.GetString(reader.GetTypeReference(handle).Name); }
            public string GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind) { return reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext); }
        }
    }
}
