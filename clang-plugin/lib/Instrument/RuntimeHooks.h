//===- RuntimeHooks.h - The ledger's entry points, as AST -------*- C++ -*-===//
//
/// \file
/// Finds the declarations of runtime/include/pyrefleak/instrument.h in a
/// translation unit (pyrefleak-cc force-includes it) and builds the
/// expressions that call them: the calls, the implicit conversions to and
/// from the hooks' parameter types, and the site descriptor literals.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_LIB_INSTRUMENT_RUNTIMEHOOKS_H
#define PYREFLEAK_LIB_INSTRUMENT_RUNTIMEHOOKS_H

#include "clang/AST/Type.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace pyrefleak::instrument {

/// The hooks that take an object (or a status) and return it unchanged.
enum class Hook {
  Acquire,
  Release,
  Steal,
  Escape,
  Store,
  Retain,
  StealPending,
  SettleStatus,
  SettleObject,
};
constexpr unsigned NumHooks = 9;

/// The runtime's declarations in one translation unit, and a factory for
/// calls to them.
class RuntimeHooks {
public:
  /// The hooks declared in \p Ctx's translation unit, or std::nullopt when
  /// one is missing or is not the declaration instrument.h makes: each
  /// carries the "pyrefleak::transparent" mark that tells the analyses,
  /// which run on the instrumented code, to read a call to it as its first
  /// argument.
  static std::optional<RuntimeHooks> find(clang::ASTContext &Ctx);

  /// `(T)hook((void *)Object, "<site>", Owner)` with T the type of
  /// \p Object, a pointer prvalue; any hook but the settle ones. \p Owner numbers the variable of the function that holds
  /// the reference, 0 for none.
  clang::Expr *wrapObject(Hook H, clang::Expr *Object, llvm::StringRef Site,
                          unsigned Owner) const;
  /// `(T)__pyrefleak_settle_status((long)Status)` around an integer result,
  /// or `(T)__pyrefleak_settle_object((void *)Result)` around a pointer.
  clang::Expr *wrapSettle(clang::Expr *Result) const;

  /// `__pyrefleak_frame __pyrefleak_frame_var
  ///    __attribute__((cleanup(__pyrefleak_frame_exit))) =
  ///    __pyrefleak_frame_enter();` declared in \p FD.
  clang::Stmt *frameDeclaration(clang::FunctionDecl &FD,
                                clang::SourceLocation Loc) const;

private:
  explicit RuntimeHooks(clang::ASTContext &Ctx) : Ctx(&Ctx) {}

  clang::Expr *call(clang::FunctionDecl *Callee,
                    llvm::ArrayRef<clang::Expr *> Args,
                    clang::SourceLocation Begin,
                    clang::SourceLocation End) const;
  clang::Expr *convert(clang::Expr *E, clang::QualType To) const;
  clang::Expr *siteLiteral(llvm::StringRef Text,
                           clang::SourceLocation Loc) const;

  clang::ASTContext *Ctx;
  clang::FunctionDecl *Hooks[NumHooks] = {};
  clang::FunctionDecl *FrameEnter = nullptr;
  clang::FunctionDecl *FrameExit = nullptr;
};

} // namespace pyrefleak::instrument

#endif // PYREFLEAK_LIB_INSTRUMENT_RUNTIMEHOOKS_H
