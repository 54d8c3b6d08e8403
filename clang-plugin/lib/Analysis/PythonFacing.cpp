//===- PythonFacing.cpp - Functions CPython calls directly ----------------===//
//
/// \file
/// Walks the initializers of the translation unit's variables for tables
/// the rules' entry-points describe, and collects the functions stored in
/// their function fields.
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Analysis/PythonFacing.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/GlobPattern.h"

using namespace clang;
using namespace llvm;
using namespace pyrefleak;
using namespace pyrefleak::analysis;

namespace {
/// An entry-point rule with its field globs compiled.
struct Table {
  const rules::EntryPointRule *Rule;
  std::vector<GlobPattern> Fields;
};

/// Collects the functions found in the tables of one translation unit.
class TableWalker {
public:
  TableWalker(ArrayRef<rules::EntryPointRule> Rules, ASTContext &Ctx,
              DenseMap<const FunctionDecl *, EntryPointFacts> &Found)
      : Ctx(Ctx), Found(Found) {
    for (const rules::EntryPointRule &Rule : Rules) {
      if (Rule.Record.empty())
        continue;
      Table T{&Rule, {}};
      for (const std::string &Field : Rule.Fields) {
        Expected<GlobPattern> Glob = GlobPattern::create(Field);
        if (Glob)
          T.Fields.push_back(std::move(*Glob));
        else
          consumeError(Glob.takeError());
      }
      Tables.push_back(std::move(T));
    }
  }

  void walk(const Expr *E) {
    const auto *Init = dyn_cast_or_null<InitListExpr>(E->IgnoreParenImpCasts());
    if (!Init)
      return;
    if (Init->isSyntacticForm() && Init->getSemanticForm())
      Init = Init->getSemanticForm();
    const RecordDecl *RD = Init->getType()->getAsRecordDecl();
    if (!RD) {
      for (const Expr *Item : Init->inits())
        walk(Item);
      return;
    }
    // The initializer of each field, for the rules' `when` conditions.
    SmallVector<std::pair<const FieldDecl *, const Expr *>, 8> Fields;
    if (RD->isUnion()) {
      if (const FieldDecl *F = Init->getInitializedFieldInUnion();
          F && Init->getNumInits() == 1)
        Fields.push_back({F, Init->getInit(0)});
    } else {
      unsigned Index = 0;
      for (const FieldDecl *F : RD->fields()) {
        if (Index >= Init->getNumInits())
          break;
        Fields.push_back({F, Init->getInit(Index++)});
      }
    }
    SmallVector<const Table *, 2> Matching = tablesFor(Init->getType(), RD);
    for (auto [F, Value] : Fields) {
      visitField(F, Value, Matching, Fields);
      walk(Value);
    }
  }

private:
  /// The tables whose record is \p T (by typedef or tag name).
  SmallVector<const Table *, 2> tablesFor(QualType T,
                                          const RecordDecl *RD) const {
    SmallVector<const Table *, 2> Matching;
    StringRef Typedef;
    if (const auto *TT = T->getAs<TypedefType>())
      Typedef = TT->getDecl()->getName();
    for (const Table &Tab : Tables)
      if (Tab.Rule->Record == Typedef || Tab.Rule->Record == RD->getName())
        Matching.push_back(&Tab);
    return Matching;
  }

  /// Whether the entry's `when` condition holds among \p Fields.
  bool conditionHolds(
      const rules::EntryPointRule &Rule,
      ArrayRef<std::pair<const FieldDecl *, const Expr *>> Fields) const {
    if (Rule.WhenField.empty())
      return true;
    for (auto [F, Value] : Fields) {
      if (F->getName() != Rule.WhenField)
        continue;
      std::optional<APSInt> V = Value->getIntegerConstantExpr(Ctx);
      return V && llvm::is_contained(Rule.WhenValues, V->getExtValue());
    }
    return false;
  }

  void visitField(const FieldDecl *F, const Expr *Value,
                  ArrayRef<const Table *> Matching,
                  ArrayRef<std::pair<const FieldDecl *, const Expr *>> Fields) {
    const FunctionDecl *FD = functionIn(Value);
    if (!FD)
      return;
    for (const Table *Tab : Matching) {
      bool Named = llvm::any_of(Tab->Fields, [&](const GlobPattern &Glob) {
        return Glob.match(F->getName());
      });
      if (!Named || !conditionHolds(*Tab->Rule, Fields))
        continue;
      auto [It, Inserted] = Found.try_emplace(FD->getCanonicalDecl());
      It->second.ExceptionRequired &= Tab->Rule->ExceptionRequired;
      It->second.ResultNew &= Tab->Rule->ResultNew;
    }
  }

  /// The function \p E names, through casts and '&'.
  static const FunctionDecl *functionIn(const Expr *E) {
    E = E->IgnoreParenCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && U->getOpcode() == UO_AddrOf)
      E = U->getSubExpr()->IgnoreParenCasts();
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    return Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
  }

  ASTContext &Ctx;
  std::vector<Table> Tables;
  DenseMap<const FunctionDecl *, EntryPointFacts> &Found;
};
} // namespace

DenseMap<const FunctionDecl *, EntryPointFacts>
pyrefleak::analysis::findPythonFacing(ASTContext &Ctx,
                                      const rules::RuleDatabase &Rules) {
  DenseMap<const FunctionDecl *, EntryPointFacts> Found;
  TableWalker Walker(Rules.entryPoints(), Ctx, Found);
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls()) {
    if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
      for (const rules::EntryPointRule &Rule : Rules.entryPoints()) {
        if (Rule.Prefix.empty() || !FD->getIdentifier() ||
            !FD->getName().starts_with(Rule.Prefix))
          continue;
        auto [It, Inserted] = Found.try_emplace(FD->getCanonicalDecl());
        It->second.ExceptionRequired &= Rule.ExceptionRequired;
        It->second.ResultNew &= Rule.ResultNew;
      }
      continue;
    }
    if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit())
      Walker.walk(VD->getInit());
  }
  return Found;
}
