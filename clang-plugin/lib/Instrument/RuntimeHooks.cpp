//===- RuntimeHooks.cpp - The ledger's entry points, as AST ---------------===//
//
/// \file
/// The names below are the runtime's own ABI (instrument.h), not CPython
/// API: they are the one place C++ spells a function name.
//
//===----------------------------------------------------------------------===//

#include "RuntimeHooks.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;
using namespace pyrefleak::instrument;

/// The hook a declaration named \p Name is, if any.
static std::optional<Hook> hookNamed(StringRef Name) {
  return llvm::StringSwitch<std::optional<Hook>>(Name)
      .Case("__pyrefleak_acquire", Hook::Acquire)
      .Case("__pyrefleak_release", Hook::Release)
      .Case("__pyrefleak_steal", Hook::Steal)
      .Case("__pyrefleak_escape", Hook::Escape)
      .Case("__pyrefleak_store", Hook::Store)
      .Case("__pyrefleak_retain", Hook::Retain)
      .Case("__pyrefleak_steal_pending", Hook::StealPending)
      .Case("__pyrefleak_settle_status", Hook::SettleStatus)
      .Case("__pyrefleak_settle_object", Hook::SettleObject)
      .Default(std::nullopt);
}

static bool isTransparent(const FunctionDecl &FD) {
  for (const auto *A : FD.specific_attrs<AnnotateAttr>())
    if (A->getAnnotation() == "pyrefleak::transparent")
      return true;
  return false;
}

/// Whether \p FD has the parameters instrument.h gives hook \p H.
static bool hasHookShape(const FunctionDecl &FD, Hook H) {
  switch (H) {
  case Hook::Acquire:
  case Hook::Release:
  case Hook::Steal:
  case Hook::Escape:
  case Hook::Store:
  case Hook::Retain:
  case Hook::StealPending:
    return FD.getNumParams() == 3 && FD.getReturnType()->isVoidPointerType() &&
           FD.getParamDecl(0)->getType()->isVoidPointerType() &&
           FD.getParamDecl(1)->getType()->isPointerType() &&
           FD.getParamDecl(2)->getType()->isUnsignedIntegerType();
  case Hook::SettleStatus:
    return FD.getNumParams() == 1 && FD.getReturnType()->isIntegerType() &&
           FD.getParamDecl(0)->getType()->isIntegerType();
  case Hook::SettleObject:
    return FD.getNumParams() == 1 && FD.getReturnType()->isVoidPointerType() &&
           FD.getParamDecl(0)->getType()->isVoidPointerType();
  }
  llvm_unreachable("unhandled Hook");
}

std::optional<RuntimeHooks> RuntimeHooks::find(ASTContext &Ctx) {
  RuntimeHooks Found(Ctx);
  // In C++ the header's declarations are inside its extern "C" block.
  SmallVector<Decl *, 64> Decls(Ctx.getTranslationUnitDecl()->decls());
  for (unsigned I = 0; I < Decls.size(); ++I) {
    Decl *D = Decls[I];
    if (auto *Linkage = dyn_cast<LinkageSpecDecl>(D)) {
      Decls.append(Linkage->decls_begin(), Linkage->decls_end());
      continue;
    }
    auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || !FD->getIdentifier())
      continue;
    StringRef Name = FD->getName();
    if (!isTransparent(*FD))
      continue;
    if (Name == "__pyrefleak_frame_enter")
      Found.FrameEnter = FD;
    else if (Name == "__pyrefleak_frame_exit")
      Found.FrameExit = FD;
    else if (std::optional<Hook> H = hookNamed(Name);
             H && hasHookShape(*FD, *H))
      Found.Hooks[unsigned(*H)] = FD;
  }
  for (FunctionDecl *FD : Found.Hooks)
    if (!FD)
      return std::nullopt;
  if (!Found.FrameEnter || !Found.FrameExit ||
      Found.FrameEnter->getNumParams() != 0 ||
      Found.FrameExit->getNumParams() != 1)
    return std::nullopt;
  return Found;
}

Expr *RuntimeHooks::convert(Expr *E, QualType To) const {
  QualType From = E->getType();
  if (Ctx->hasSameType(From, To))
    return E;
  CastKind Kind;
  if (From->isPointerType() && To->isPointerType())
    Kind = Ctx->hasSameUnqualifiedType(From->getPointeeType(),
                                       To->getPointeeType())
               ? CK_NoOp
               : CK_BitCast;
  else if (From->isIntegerType() && To->isIntegerType())
    Kind = CK_IntegralCast;
  else
    llvm_unreachable("hooks convert only between pointers or integers");
  return ImplicitCastExpr::Create(*Ctx, To, Kind, E, /*BasePath=*/nullptr,
                                  VK_PRValue, FPOptionsOverride());
}

Expr *RuntimeHooks::call(FunctionDecl *Callee, ArrayRef<Expr *> Args,
                         SourceLocation Begin, SourceLocation End) const {
  Callee->setIsUsed();
  // A function name is an lvalue in C++ and an rvalue in C.
  ExprValueKind CalleeKind =
      Ctx->getLangOpts().CPlusPlus ? VK_LValue : VK_PRValue;
  auto *Ref = DeclRefExpr::Create(*Ctx, NestedNameSpecifierLoc(),
                                  SourceLocation(), Callee,
                                  /*RefersToEnclosingVariableOrCapture=*/false,
                                  Begin, Callee->getType(), CalleeKind);
  Expr *Fn = ImplicitCastExpr::Create(
      *Ctx, Ctx->getPointerType(Callee->getType()), CK_FunctionToPointerDecay,
      Ref, nullptr, VK_PRValue, FPOptionsOverride());
  SmallVector<Expr *, 2> Converted;
  for (unsigned I = 0; I < Args.size(); ++I)
    Converted.push_back(convert(Args[I], Callee->getParamDecl(I)->getType()));
  return CallExpr::Create(*Ctx, Fn, Converted, Callee->getReturnType(),
                          VK_PRValue, End, FPOptionsOverride());
}

Expr *RuntimeHooks::siteLiteral(StringRef Text, SourceLocation Loc) const {
  QualType Array = Ctx->getStringLiteralArrayType(Ctx->CharTy, Text.size());
  auto *Literal = StringLiteral::Create(*Ctx, Text, StringLiteralKind::Ordinary,
                                        /*Pascal=*/false, Array, Loc);
  return ImplicitCastExpr::Create(*Ctx, Ctx->getArrayDecayedType(Array),
                                  CK_ArrayToPointerDecay, Literal, nullptr,
                                  VK_PRValue, FPOptionsOverride());
}

Expr *RuntimeHooks::wrapObject(Hook H, Expr *Object, StringRef Site,
                               unsigned Owner) const {
  assert(H != Hook::SettleStatus && H != Hook::SettleObject &&
         "settle hooks take no site");
  assert(Object->isPRValue() && Object->getType()->isPointerType() &&
         "hooks wrap pointer values");
  SourceLocation Begin = Object->getBeginLoc(), End = Object->getEndLoc();
  FunctionDecl *Callee = Hooks[unsigned(H)];
  QualType OwnerType = Callee->getParamDecl(2)->getType();
  Expr *OwnerValue = IntegerLiteral::Create(
      *Ctx, llvm::APInt(Ctx->getIntWidth(OwnerType), Owner), OwnerType, Begin);
  Expr *Call =
      call(Callee, {Object, siteLiteral(Site, Begin), OwnerValue}, Begin, End);
  return convert(Call, Object->getType());
}

Expr *RuntimeHooks::wrapSettle(Expr *Result) const {
  assert(Result->isPRValue() && "settle hooks wrap call results");
  FunctionDecl *Settle = Result->getType()->isPointerType()
                             ? Hooks[unsigned(Hook::SettleObject)]
                             : Hooks[unsigned(Hook::SettleStatus)];
  Expr *Call =
      call(Settle, {Result}, Result->getBeginLoc(), Result->getEndLoc());
  return convert(Call, Result->getType());
}

Stmt *RuntimeHooks::frameDeclaration(FunctionDecl &FD,
                                     SourceLocation Loc) const {
  IdentifierInfo &Name = Ctx->Idents.get("__pyrefleak_frame_var");
  QualType FrameType = FrameEnter->getReturnType();
  auto *Frame =
      VarDecl::Create(*Ctx, &FD, Loc, Loc, &Name, FrameType,
                      Ctx->getTrivialTypeSourceInfo(FrameType, Loc), SC_None);
  Frame->setImplicit();
  Frame->setIsUsed();
  Frame->addAttr(
      CleanupAttr::CreateImplicit(*Ctx, FrameExit, SourceRange(Loc)));
  FrameExit->setIsUsed();
  Frame->setInit(call(FrameEnter, {}, Loc, Loc));
  return new (*Ctx) DeclStmt(DeclGroupRef(Frame), Loc, Loc);
}
