using System.Reflection;
using System.Reflection.Emit;

namespace Backprop.Tests.Layering;

/// <summary>
/// Which namespaces of an assembly each of its namespaces really references, read from the compiled assembly: base types,
/// interfaces, fields, method signatures and every type, field and method token in the IL of method bodies (nested and
/// compiler-generated types count for the namespace that holds them). A sub-namespace counts as its parent
/// (<c>Backprop.Nn.Activations</c> is <c>Nn</c>).
/// </summary>
internal static class NamespaceReferences
{
    const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every (from, to) pair of distinct namespaces, with one member that makes the reference (for the failure message).</summary>
    public static Dictionary<(string From, string To), string> Of(Assembly assembly, string root)
    {
        var edges = new Dictionary<(string, string), string>();
        foreach (var type in assembly.GetTypes())
        {
            if (Layer(type, assembly, root) is not { } from) continue;
            void Add(Type? target, string where)
            {
                foreach (var t in Flatten(target))
                    if (Layer(t, assembly, root) is { } to && to != from) edges.TryAdd((from, to), $"{Name(type)}.{where} uses {Name(t)}");
            }
            Add(type.BaseType, "(base)");
            foreach (var i in type.GetInterfaces()) Add(i, "(interface)");
            foreach (var f in type.GetFields(All)) Add(f.FieldType, f.Name);
            foreach (var p in type.GetProperties(All)) Add(p.PropertyType, p.Name);
            foreach (var m in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
            {
                if (m is MethodInfo mi) Add(mi.ReturnType, m.Name);
                foreach (var p in m.GetParameters()) Add(p.ParameterType, m.Name);
                foreach (var member in BodyTokens(m))
                    switch (member)
                    {
                        case Type t: Add(t, m.Name); break;
                        case MethodBase callee:
                            Add(callee.DeclaringType, m.Name);
                            if (callee.IsGenericMethod) foreach (var a in callee.GetGenericArguments()) Add(a, m.Name);
                            break;
                        case FieldInfo field: Add(field.DeclaringType, m.Name); Add(field.FieldType, m.Name); break;
                    }
            }
        }
        return edges;
    }

    static string? Layer(Type type, Assembly assembly, string root)
    {
        if (type.Assembly != assembly || type.Namespace is not { } ns || !ns.StartsWith(root + ".", StringComparison.Ordinal)) return null;
        return ns[(root.Length + 1)..].Split('.')[0];
    }

    static string Name(Type t) => t.DeclaringType is { } outer ? $"{Name(outer)}+{t.Name}" : $"{t.Namespace}.{t.Name}";

    static IEnumerable<Type> Flatten(Type? type)
    {
        if (type is null || type.IsGenericParameter) yield break;
        if (type.HasElementType) { foreach (var t in Flatten(type.GetElementType())) yield return t; yield break; }
        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.IsGenericType) foreach (var a in type.GetGenericArguments()) foreach (var t in Flatten(a)) yield return t;
    }

    static readonly OpCode[] OneByte = new OpCode[256], TwoByte = new OpCode[256];

    static NamespaceReferences()
    {
        foreach (var f in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var op = (OpCode)f.GetValue(null)!;
            ushort v = (ushort)op.Value;
            if (v < 0x100) OneByte[v] = op; else TwoByte[v & 0xff] = op;
        }
    }

    // The types, methods and fields named by tokens in the method's IL.
    static IEnumerable<MemberInfo> BodyTokens(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (int i = 0; i < il.Length;)
        {
            var op = il[i] == 0xFE ? TwoByte[il[i + 1]] : OneByte[il[i]];
            i += op.Size;
            int size = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
            if (op.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType)
            {
                MemberInfo? member = null;
                try { member = method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArgs, methodArgs); }
                catch (ArgumentException) { }
                if (member is not null) yield return member;
            }
            i += size;
        }
    }
}
