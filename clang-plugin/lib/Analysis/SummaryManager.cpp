//===- SummaryManager.cpp - What a call does to ownership -----------------===//
//
/// \file
/// Lookup of call summaries and the expression helpers every analysis
/// shares.
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Analysis/SummaryManager.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

using namespace clang;
using namespace pyrefleak;
using namespace pyrefleak::analysis;

const Summary *SummaryManager::lookup(const FunctionDecl *FD) const {
  if (!FD)
    return nullptr;
  FD = FD->getCanonicalDecl();
  if (const Summary *S = ByDecl.lookup(FD))
    return S;
  const IdentifierInfo *II = FD->getIdentifier();
  if (!II)
    return nullptr;
  return Rules.lookup(II->getName(), Version, FD->getNumParams(),
                      /*Declared=*/true);
}

/// Adds the typedef names \p T is spelled with, outermost first, each
/// followed by \p Suffix.
static void typedefNames(QualType T, StringRef Suffix,
                         SmallVectorImpl<std::string> &Out) {
  const Type *Ty = T.getTypePtrOrNull();
  while (Ty) {
    if (const auto *TT = dyn_cast<TypedefType>(Ty))
      Out.push_back((TT->getDecl()->getName() + Suffix).str());
    QualType Next = Ty->getLocallyUnqualifiedSingleStepDesugaredType();
    if (Next.getTypePtr() == Ty)
      break;
    Ty = Next.getTypePtr();
  }
}

/// The names a rule may give the function \p Call reaches through a
/// pointer: "Table.field" for a function-pointer field of a table (the
/// table's typedef names, then its tag), then the typedef names of the
/// pointer's type or of the function type it points to.
static void indirectNames(const CallExpr &Call,
                          SmallVectorImpl<std::string> &Out) {
  const Expr *Callee = Call.getCallee()->IgnoreParenImpCasts();
  while (const auto *Deref = dyn_cast<UnaryOperator>(Callee)) {
    if (Deref->getOpcode() != UO_Deref)
      break;
    Callee = Deref->getSubExpr()->IgnoreParenImpCasts();
  }
  if (const auto *Member = dyn_cast<MemberExpr>(Callee))
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl())) {
      std::string Suffix = ("." + Field->getName()).str();
      QualType Table = Member->getBase()->getType();
      if (Member->isArrow())
        if (const auto *Pointer = Table->getAs<PointerType>())
          Table = Pointer->getPointeeType();
      typedefNames(Table, Suffix, Out);
      const RecordDecl *Record = Field->getParent();
      if (!Record->getName().empty())
        Out.push_back((Record->getName() + Suffix).str());
      else if (const TypedefNameDecl *Name =
                   Record->getTypedefNameForAnonDecl())
        Out.push_back((Name->getName() + Suffix).str());
    }
  QualType T = Callee->getType();
  typedefNames(T, "", Out);
  if (const auto *Pointer = T->getAs<PointerType>())
    typedefNames(Pointer->getPointeeType(), "", Out);
}

const Summary *SummaryManager::lookup(const CallExpr *Call) const {
  if (!Call)
    return nullptr;
  if (const FunctionDecl *Callee = Call->getDirectCallee())
    return lookup(Callee);
  auto [It, Inserted] = ByIndirectCall.try_emplace(Call, nullptr);
  if (!Inserted)
    return It->second;
  SmallVector<std::string, 4> Names;
  indirectNames(*Call, Names);
  for (const std::string &Name : Names)
    if (const Summary *S = Rules.lookup(Name, Version))
      return It->second = S;
  return nullptr;
}

StringRef SummaryManager::spelledName(const CallExpr *Call, const Summary &S,
                                      const ASTContext &Ctx) const {
  const SourceManager &SrcMgr = Ctx.getSourceManager();
  // Where the call's name was written: through the arguments of the macros
  // it was passed to (PyTuple_SET_ITEM(t, 0, Py_NewRef(o))), to the file or
  // to the body of the macro that made the call.
  SourceLocation Loc = Call->getBeginLoc();
  while (Loc.isMacroID() && SrcMgr.isMacroArgExpansion(Loc))
    Loc = SrcMgr.getImmediateSpellingLoc(Loc);
  if (!Loc.isMacroID())
    return S.Name;
  StringRef Macro =
      Lexer::getImmediateMacroName(Loc, SrcMgr, Ctx.getLangOpts());
  if (Macro.empty() || Macro == S.Name)
    return S.Name;
  if (const Summary *Spelled = Rules.lookup(Macro, Version))
    return Spelled->Name;
  return S.Name;
}

StringRef SummaryManager::expandingAPI(SourceLocation Loc,
                                       const ASTContext &Ctx) const {
  const SourceManager &SrcMgr = Ctx.getSourceManager();
  StringRef API;
  for (; Loc.isMacroID(); Loc = SrcMgr.getImmediateMacroCallerLoc(Loc)) {
    if (SrcMgr.isMacroArgExpansion(Loc))
      continue;
    StringRef Macro =
        Lexer::getImmediateMacroName(Loc, SrcMgr, Ctx.getLangOpts());
    if (const Summary *S = Rules.lookup(Macro, Version))
      API = S->Name;
  }
  return API;
}

const Summary *SummaryManager::defined(const FunctionDecl *FD) const {
  return FD ? ByDecl.lookup(FD->getCanonicalDecl()) : nullptr;
}

void SummaryManager::define(const FunctionDecl *FD, Summary S) {
  Defined.push_back(std::move(S));
  ByDecl[FD->getCanonicalDecl()] = &Defined.back();
}

bool SummaryManager::isImmortal(const rules::StaticObjectRule &Object) const {
  if (!Object.ImmortalSince)
    return false;
  return !(Version < *Object.ImmortalSince) &&
         !(Target.LimitedApi && *Target.LimitedApi < *Object.ImmortalSince);
}

const rules::StaticObjectRule *
SummaryManager::macroReturnedStatic(const ReturnStmt *RS,
                                    const ASTContext &Ctx) const {
  SourceLocation Loc = RS->getBeginLoc();
  const auto *Addr =
      dyn_cast_or_null<UnaryOperator>(stripWrappers(RS->getRetValue()));
  if (!Loc.isMacroID() || !Addr || Addr->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(Addr->getSubExpr()->IgnoreParens());
  const rules::StaticObjectRule *Object =
      Ref ? Rules.staticObject(Ref->getDecl()->getName()) : nullptr;
  if (!Object || Object->ReturnMacro.empty() ||
      Lexer::getImmediateMacroName(Loc, Ctx.getSourceManager(),
                                   Ctx.getLangOpts()) != Object->ReturnMacro)
    return nullptr;
  return Object;
}

/// The integer a macro defined as one number (decimal or hexadecimal)
/// expands to. Spelled through the preprocessor: macros loaded from a
/// precompiled preamble (clangd) have tokens without literal data.
static std::optional<unsigned> numericMacro(const Preprocessor &PP,
                                            StringRef Name) {
  const IdentifierInfo *II = PP.getIdentifierInfo(Name);
  const MacroInfo *MI = II ? PP.getMacroInfo(II) : nullptr;
  if (!MI || MI->getNumTokens() != 1 ||
      !MI->getReplacementToken(0).is(tok::numeric_constant))
    return std::nullopt;
  SmallString<16> Buffer;
  unsigned Value;
  if (PP.getSpelling(MI->getReplacementToken(0), Buffer)
          .rtrim("uUlL")
          .getAsInteger(0, Value))
    return std::nullopt;
  return Value;
}

std::optional<PythonTarget> SummaryManager::targetOf(const Preprocessor &PP) {
  std::optional<unsigned> Major = numericMacro(PP, "PY_MAJOR_VERSION");
  std::optional<unsigned> Minor = numericMacro(PP, "PY_MINOR_VERSION");
  if (!Major || !Minor)
    return std::nullopt;
  PythonTarget Target{rules::PyVersion{*Major, *Minor}, std::nullopt};
  // Py_LIMITED_API is 3 (any 3.x: the stable ABI began with 3.2) or a
  // PY_VERSION_HEX value.
  if (const IdentifierInfo *II = PP.getIdentifierInfo("Py_LIMITED_API");
      II && PP.getMacroInfo(II)) {
    std::optional<unsigned> Hex = numericMacro(PP, "Py_LIMITED_API");
    if (!Hex || *Hex < 0x03000000)
      Target.LimitedApi = rules::PyVersion{3, 2};
    else
      Target.LimitedApi = rules::PyVersion{*Hex >> 24, (*Hex >> 16) & 0xff};
  }
  return Target;
}

std::string SummaryManager::pythonIncludeDir(const Preprocessor &PP) {
  const IdentifierInfo *II = PP.getIdentifierInfo("PY_MAJOR_VERSION");
  const MacroInfo *MI = II ? PP.getMacroInfo(II) : nullptr;
  if (!MI)
    return {};
  const SourceManager &SM = PP.getSourceManager();
  StringRef File = SM.getFilename(SM.getSpellingLoc(MI->getDefinitionLoc()));
  return llvm::sys::path::parent_path(File).str();
}

bool pyrefleak::analysis::isTransparent(const FunctionDecl *FD) {
  if (!FD)
    return false;
  for (const auto *A : FD->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation() == "pyrefleak::transparent")
      return true;
  return false;
}

const Expr *pyrefleak::analysis::stripWrappers(const Expr *E) {
  while (E) {
    const Expr *Inner = E->IgnoreParenCasts();
    if (const auto *Call = dyn_cast<CallExpr>(Inner);
        Call && Call->getNumArgs() > 0 && isTransparent(Call->getDirectCallee()))
      Inner = Call->getArg(0);
    if (Inner == E)
      return E;
    E = Inner;
  }
  return E;
}

bool pyrefleak::analysis::isObjectPointer(const Expr *E) {
  return isObjectPointerType(E->getType());
}

bool pyrefleak::analysis::isObjectPointerType(QualType T) {
  if (!T->isPointerType())
    return false;
  // PyObject is `struct _object`; extension types start with PyObject_HEAD,
  // so a chain of first members (or C++ first bases) leads to it.
  const RecordDecl *RD = T->getPointeeType()->getAsRecordDecl();
  for (unsigned Depth = 0; RD && Depth < 8; ++Depth) {
    if (RD->getName() == "_object")
      return true;
    RD = RD->getDefinition();
    if (!RD)
      return false;
    if (const auto *Class = dyn_cast<CXXRecordDecl>(RD);
        Class && Class->getNumBases() > 0)
      RD = Class->bases_begin()->getType()->getAsRecordDecl();
    else
      RD = RD->field_empty() ? nullptr
                             : RD->field_begin()->getType()->getAsRecordDecl();
  }
  return false;
}
