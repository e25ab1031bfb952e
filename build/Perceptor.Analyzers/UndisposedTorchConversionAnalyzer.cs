using System.Collections.Generic;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Perceptor.Analyzers;

/// <summary>
/// Reports the places where TorchSharp creates a native Scalar (or Tensor) that nothing disposes while a native call
/// is about to read it: PCP0001 for a Scalar made in our code by a conversion (<c>x.pow(0.3)</c>, <c>clamp(0, 1)</c>,
/// <c>(Scalar)0.3</c>) or by a call whose result is passed straight on (<c>x.pow(0.3.ToScalar())</c>); PCP0002 for a
/// Tensor made by TorchSharp's implicit conversions from numbers and arrays; PCP0003 for calls into TorchSharp
/// members that do the same inside TorchSharp (<c>x * 0.3</c>, <c>a + b</c>, <c>square()</c>, AdamW's step), listed
/// in TorchSharpLeaks.txt.
/// </summary>
/// <remarks>
/// Such a Scalar's handle is read for the native call, after which the managed wrapper is unreachable: the garbage
/// collector may run its finalizer, which frees the native scalar, while libtorch is still using it. The result is
/// a rare, random crash ("INTERNAL ASSERT FAILED at c10/core/Scalar.h") or silent corruption, so it is ruled out at
/// build time. The remedy is to give every Scalar an owner that outlives the call: a <c>using</c> local, or a
/// cached static for a fixed value.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UndisposedTorchConversionAnalyzer : DiagnosticAnalyzer
{
    public const string ScalarId = "PCP0001";
    public const string TensorConversionId = "PCP0002";
    public const string LeakingMemberId = "PCP0003";

    private const string Category = "Reliability";
    private const string TorchSharpAssembly = "TorchSharp";

    internal static readonly DiagnosticDescriptor UndisposedScalar = new(
        ScalarId,
        "TorchSharp.Scalar is never disposed",
        "'{0}' makes a TorchSharp.Scalar that nothing disposes; its finalizer can free the native scalar while " +
        "libtorch still reads it. Create it with ToScalar() in a using declaration (or a cached static) and pass that.",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A Scalar created for a single call and never disposed can be finalized during that call " +
                     "(use-after-free in libtorch).");

    internal static readonly DiagnosticDescriptor TensorConversion = new(
        TensorConversionId,
        "Implicitly converted TorchSharp Tensor is never disposed",
        "'{0}' becomes a TorchSharp Tensor through a conversion operator; nothing disposes that tensor and its " +
        "finalizer can free it while libtorch still reads it. Create it with torch.tensor(...) in a using declaration, " +
        "or call an overload that takes a Scalar.",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "TorchSharp's implicit conversions to Tensor create a native tensor that only the finalizer " +
                     "(or an enclosing dispose scope) frees.");

    internal static readonly DiagnosticDescriptor LeakingMember = new(
        LeakingMemberId,
        "TorchSharp member creates a Scalar it never disposes",
        "'{0}' makes TorchSharp create a native Scalar or Tensor that it never disposes ({1}); its finalizer can " +
        "free it while libtorch still reads it. Call an overload that takes a Scalar you own (see TorchScalars).",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Some TorchSharp members convert numbers to Scalars internally (operators with a number " +
                     "operand, add(Tensor) with its implicit alpha of 1, square(), the optimizers' step, ...).");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(UndisposedScalar, TensorConversion, LeakingMember);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var scalar = start.Compilation.GetTypeByMetadataName("TorchSharp.Scalar");
            var tensor = start.Compilation.GetTypeByMetadataName("TorchSharp.torch+Tensor");
            if (scalar is null && tensor is null)
                return; // No TorchSharp in this compilation: nothing to look at.
            var analysis = new Analysis(scalar, tensor, TorchSharpLeakCatalog.Entries);
            start.RegisterOperationAction(analysis.Conversion, OperationKind.Conversion);
            start.RegisterOperationAction(analysis.Call,
                OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.Binary, OperationKind.Unary,
                OperationKind.CompoundAssignment, OperationKind.PropertyReference);
        });
    }

    private sealed class Analysis
    {
        private readonly INamedTypeSymbol? _scalar;
        private readonly INamedTypeSymbol? _tensor;
        private readonly IReadOnlyDictionary<string, string> _catalog;
        private readonly ConcurrentDictionary<ISymbol, string?> _reasons = new(SymbolEqualityComparer.Default);

        public Analysis(INamedTypeSymbol? scalar, INamedTypeSymbol? tensor, IReadOnlyDictionary<string, string> catalog)
        {
            _scalar = scalar;
            _tensor = tensor;
            _catalog = catalog;
        }

        public void Conversion(OperationAnalysisContext context)
        {
            var conversion = (IConversionOperation)context.Operation;
            if (!conversion.Conversion.IsUserDefined || conversion.OperatorMethod is not { } method)
                return;
            // The operator's own return type, not the conversion's target: a standard conversion may follow the
            // user-defined one (Scalar to object), and it is the operator that allocates.
            if (Is(method.ReturnType, _scalar))
                Report(context, UndisposedScalar, conversion.Operand.Syntax);
            else if (Is(method.ReturnType, _tensor))
                Report(context, TensorConversion, conversion.Operand.Syntax);
            else
                CheckMember(context, method, conversion.Syntax);
        }

        public void Call(OperationAnalysisContext context)
        {
            var operation = context.Operation;
            switch (operation)
            {
                case IInvocationOperation invocation:
                    CheckMember(context, invocation.TargetMethod, invocation.Syntax);
                    CheckFactory(context, invocation.TargetMethod, invocation.Syntax);
                    break;
                case IObjectCreationOperation creation:
                    if (creation.Constructor is { } constructor)
                        CheckMember(context, constructor, creation.Syntax);
                    if (creation.Type is { } created)
                        CheckType(context, created, creation.Syntax);
                    break;
                case IBinaryOperation { OperatorMethod: { } method }:
                    CheckMember(context, method, operation.Syntax);
                    break;
                case IUnaryOperation { OperatorMethod: { } method }:
                    CheckMember(context, method, operation.Syntax);
                    break;
                case ICompoundAssignmentOperation { OperatorMethod: { } method }:
                    CheckMember(context, method, operation.Syntax);
                    break;
                case IPropertyReferenceOperation { Property.GetMethod: { } getter }:
                    CheckMember(context, getter, operation.Syntax);
                    break;
            }

            // A Scalar made by a call (0.3.ToScalar(), tensor.ToScalar()) and handed straight on has no owner either.
            if (operation is IInvocationOperation or IObjectCreationOperation
                && operation.Type is { } type && Is(type, _scalar) && ConsumedWithoutOwner(operation))
                Report(context, UndisposedScalar, operation.Syntax);
        }

        private static bool ConsumedWithoutOwner(IOperation operation) => operation.Parent switch
        {
            IArgumentOperation => true,
            IConversionOperation { IsImplicit: true } conversion => ConsumedWithoutOwner(conversion),
            IInvocationOperation invocation => invocation.Instance == operation,
            IPropertyReferenceOperation property => property.Instance == operation,
            IBinaryOperation or IUnaryOperation => true,
            _ => false,
        };

        private void CheckMember(OperationAnalysisContext context, IMethodSymbol method, SyntaxNode syntax)
        {
            if (Reason(method.OriginalDefinition) is { } reason)
                Report(context, LeakingMember, syntax, reason);
        }

        // A TorchSharp factory (torch.optim.AdamW(...), nn.BatchNorm2d(...)) that returns a type with a leaking
        // override: the later virtual call (Optimizer.step, Module.call) cannot be told apart, so creation is reported.
        private void CheckFactory(OperationAnalysisContext context, IMethodSymbol method, SyntaxNode syntax)
        {
            if (method.ContainingAssembly?.Name == TorchSharpAssembly && method.ReturnType is INamedTypeSymbol returned)
                CheckType(context, returned, syntax);
        }

        private void CheckType(OperationAnalysisContext context, ITypeSymbol type, SyntaxNode syntax)
        {
            if (Reason(type.OriginalDefinition) is { } reason)
                Report(context, LeakingMember, syntax, reason);
        }

        private string? Reason(ISymbol symbol)
        {
            if (symbol.ContainingAssembly?.Name != TorchSharpAssembly)
                return null;
            return _reasons.GetOrAdd(symbol, s =>
                s.GetDocumentationCommentId() is { } id && _catalog.TryGetValue(id, out var reason)
                    ? reason
                    : null);
        }

        private static bool Is(ITypeSymbol type, INamedTypeSymbol? expected) =>
            expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

        private static void Report(OperationAnalysisContext context, DiagnosticDescriptor descriptor, SyntaxNode syntax, string? reason = null) =>
            context.ReportDiagnostic(Diagnostic.Create(descriptor, syntax.GetLocation(), syntax.ToString(), reason));
    }
}
