//===- Annotations.cpp - Summaries the user writes down -------------------===//
//
/// \file
/// Turns __attribute__((annotate("pyrefleak::...", ...))) on function
/// declarations into summaries, and malformed ones into ConfigErrors. The
/// annotation names are pyrefleak's own vocabulary (pyrefleak/annotations.h).
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Analysis/Annotations.h"
#include "pyrefleak/Analysis/SummaryManager.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/MapVector.h"

using namespace clang;
using namespace llvm;
using namespace pyrefleak;
using namespace pyrefleak::analysis;
using rules::ArgEffect;
using rules::ExceptionKind;
using rules::FailureKind;
using rules::ReturnKind;

namespace {
/// The annotations of one function, gathered over its redeclarations.
struct Gathered {
  const FunctionDecl *FD = nullptr;
  Summary S;
  bool ReturnsNew = false;
  bool ReturnsBorrowed = false;
  bool SetsException = false;
  bool Valid = false; ///< At least one well-formed annotation.
};

/// Reads annotations one at a time into a Gathered.
class AnnotationReader {
public:
  AnnotationReader(ASTContext &Ctx, const ConfigErrorSink &Errors)
      : Ctx(Ctx), Errors(Errors) {}

  void read(const FunctionDecl &FD, const AnnotateAttr &A, Gathered &G) {
    StringRef Name = A.getAnnotation();
    StringRef Kind = Name;
    Kind.consume_front("pyrefleak::");
    if (Kind == "transparent")
      return; // The instrumentation's hooks: see stripWrappers.
    if (Kind == "returns-new" || Kind == "returns-borrowed") {
      if (!noArguments(FD, A))
        return;
      if (!isObjectPointerType(FD.getReturnType())) {
        error(ConfigError::Kind::NotObjectReturn, FD, A);
        return;
      }
      (Kind == "returns-new" ? G.ReturnsNew : G.ReturnsBorrowed) = true;
      G.Valid = true;
      return;
    }
    if (Kind == "sets-exception") {
      if (!noArguments(FD, A))
        return;
      G.SetsException = true;
      G.Valid = true;
      return;
    }
    if (Kind == "steals-argument") {
      if (std::optional<unsigned> Index = parameterIndex(FD, A)) {
        if (!G.S.arg(*Index))
          G.S.Args.push_back({*Index, ArgEffect::Steals, false, false});
        G.Valid = true;
      }
      return;
    }
    error(ConfigError::Kind::UnknownAnnotation, FD, A, Kind.str());
  }

  void error(ConfigError::Kind K, const FunctionDecl &FD, const AnnotateAttr &A,
             std::string Detail = {}) {
    Errors(ConfigError{K, A.getLocation(), A.getAnnotation().str(),
                       FD.getNameAsString(), std::move(Detail)});
  }

private:
  bool noArguments(const FunctionDecl &FD, const AnnotateAttr &A) {
    if (A.args_size() == 0)
      return true;
    error(ConfigError::Kind::UnexpectedArgument, FD, A);
    return false;
  }

  /// The 0-based parameter an annotation's only argument (counting from
  /// one, like the nonnull attribute) names.
  std::optional<unsigned> parameterIndex(const FunctionDecl &FD,
                                         const AnnotateAttr &A) {
    if (A.args_size() != 1) {
      error(A.args_size() ? ConfigError::Kind::UnexpectedArgument
                          : ConfigError::Kind::MissingArgument,
            FD, A);
      return std::nullopt;
    }
    const Expr *Arg = *A.args_begin();
    std::optional<llvm::APSInt> Value = Arg->isValueDependent()
                                            ? std::nullopt
                                            : Arg->getIntegerConstantExpr(Ctx);
    if (!Value || Value->isNegative() || *Value < 1 ||
        Value->getZExtValue() > FD.getNumParams()) {
      SmallString<16> Text;
      if (Value)
        Value->toString(Text);
      else
        Text = "?";
      error(ConfigError::Kind::BadArgumentIndex, FD, A, std::string(Text));
      return std::nullopt;
    }
    unsigned Index = Value->getZExtValue() - 1;
    if (!isObjectPointerType(FD.getParamDecl(Index)->getType())) {
      error(ConfigError::Kind::NotObjectParameter, FD, A,
            std::to_string(Index + 1));
      return std::nullopt;
    }
    return Index;
  }

  ASTContext &Ctx;
  const ConfigErrorSink &Errors;
};
} // namespace

/// The summary the annotations of \p G state.
static Summary summaryOf(Gathered &G) {
  Summary S = std::move(G.S);
  S.Name = G.FD->getNameAsString();
  S.Source = rules::RuleSource::User;
  S.Origin = "annotation";
  QualType T = G.FD->getReturnType();
  if (G.ReturnsNew || G.ReturnsBorrowed) {
    S.Returns = G.ReturnsNew ? ReturnKind::New : ReturnKind::Borrowed;
    S.Failure = FailureKind::Null;
  } else if (G.SetsException && T->isIntegerType()) {
    S.Returns = ReturnKind::Status;
    S.Failure = FailureKind::MinusOne;
  } else {
    S.Returns = ReturnKind::Value;
    S.Failure = G.SetsException && T->isPointerType() ? FailureKind::Null
                                                      : FailureKind::None;
  }
  S.Exception =
      G.SetsException ? ExceptionKind::OnFailure : ExceptionKind::Maybe;
  return S;
}

void pyrefleak::analysis::applyAnnotations(ASTContext &Ctx, SummaryManager &SM,
                                           const ConfigErrorSink &Errors) {
  AnnotationReader Reader(Ctx, Errors);
  MapVector<const FunctionDecl *, Gathered> ByFunction;
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD)
      continue;
    for (const auto *A : FD->specific_attrs<AnnotateAttr>()) {
      // Later declarations inherit the attribute: read each one once.
      if (A->isInherited() || !A->getAnnotation().starts_with("pyrefleak::"))
        continue;
      Gathered &G = ByFunction[FD->getCanonicalDecl()];
      G.FD = FD;
      Reader.read(*FD, *A, G);
    }
  }
  for (auto &[Canonical, G] : ByFunction) {
    if (!G.Valid)
      continue;
    if (G.ReturnsNew && G.ReturnsBorrowed) {
      for (const auto *A : G.FD->specific_attrs<AnnotateAttr>())
        if (A->getAnnotation() == "pyrefleak::returns-borrowed") {
          Reader.error(ConfigError::Kind::ConflictingReturns, *G.FD, *A);
          break;
        }
      continue;
    }
    SM.define(Canonical, summaryOf(G));
  }
}
