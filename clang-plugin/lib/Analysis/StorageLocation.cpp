//===- StorageLocation.cpp - Where a reference lives ----------------------===//
//
/// \file
/// Classifies the expressions that designate storage, by walking member,
/// subscript and dereference expressions down to a variable.
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Analysis/StorageLocation.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <functional>
#include <tuple>

using namespace clang;
using namespace pyrefleak::analysis;

template <typename T> static bool before(const T *A, const T *B) {
  return std::less<const T *>()(A, B);
}

bool SlotIndex::operator==(const SlotIndex &O) const {
  if (K != O.K)
    return false;
  switch (K) {
  case Kind::Constant:
    return Constant == O.Constant;
  case Kind::Variable:
    return Var == O.Var;
  case Kind::Expression:
    return Expr == O.Expr;
  }
  return false;
}

bool SlotIndex::operator<(const SlotIndex &O) const {
  if (K != O.K)
    return K < O.K;
  switch (K) {
  case Kind::Constant:
    return Constant < O.Constant;
  case Kind::Variable:
    return before(Var, O.Var);
  case Kind::Expression:
    return before(Expr, O.Expr);
  }
  return false;
}

bool StorageStep::operator==(const StorageStep &O) const {
  if (K != O.K || ThroughPointer != O.ThroughPointer)
    return false;
  return K == Kind::Field ? Field == O.Field : Index == O.Index;
}

bool StorageStep::operator<(const StorageStep &O) const {
  if (K != O.K)
    return K < O.K;
  if (ThroughPointer != O.ThroughPointer)
    return ThroughPointer < O.ThroughPointer;
  return K == Kind::Field ? before(Field, O.Field) : Index < O.Index;
}

/// \p E without parentheses and casts, but stopping at the decay of an
/// array (then \p IsArray is set and the array is returned).
static const Expr *stripToArray(const Expr *E, bool &IsArray) {
  IsArray = false;
  while (true) {
    E = E->IgnoreParens();
    const auto *Cast = dyn_cast<CastExpr>(E);
    if (!Cast)
      return E;
    if (Cast->getCastKind() == CK_ArrayToPointerDecay) {
      IsArray = true;
      return Cast->getSubExpr();
    }
    E = Cast->getSubExpr();
  }
}

static SlotIndex indexOf(const Expr *Idx, const ASTContext &Ctx) {
  SlotIndex I;
  Idx = Idx->IgnoreParenImpCasts();
  if (std::optional<llvm::APSInt> C = Idx->getIntegerConstantExpr(Ctx);
      C && C->getSignificantBits() <= 64) {
    I.K = SlotIndex::Kind::Constant;
    I.Constant = C->getExtValue();
    return I;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Idx))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl())) {
      I.K = SlotIndex::Kind::Variable;
      I.Var = VD;
      return I;
    }
  I.K = SlotIndex::Kind::Expression;
  I.Expr = Idx;
  return I;
}

void StorageLocation::build(const Expr *E, const ASTContext &Ctx) {
  E = E->IgnoreParenCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl())) {
      RootVar = VD;
      return;
    }
  } else if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    if (const auto *FD = dyn_cast<FieldDecl>(Member->getMemberDecl())) {
      StorageStep Step;
      Step.K = StorageStep::Kind::Field;
      Step.Field = FD;
      const Expr *Base = Member->getBase()->IgnoreParens();
      const auto *Deref = dyn_cast<UnaryOperator>(Base);
      if (Member->isArrow()) {
        Step.ThroughPointer = true;
      } else if (Deref && Deref->getOpcode() == UO_Deref) {
        // (*p).f is p->f.
        Step.ThroughPointer = true;
        Base = Deref->getSubExpr();
      }
      build(Base, Ctx);
      Steps.push_back(Step);
      return;
    }
  } else if (const auto *Element = dyn_cast<ArraySubscriptExpr>(E)) {
    StorageStep Step;
    Step.K = StorageStep::Kind::Slot;
    Step.Index = indexOf(Element->getIdx(), Ctx);
    bool IsArray;
    const Expr *Base = stripToArray(Element->getBase(), IsArray);
    Step.ThroughPointer = !IsArray;
    build(Base, Ctx);
    Steps.push_back(Step);
    return;
  } else if (const auto *Comma = dyn_cast<BinaryOperator>(E);
             Comma && Comma->getOpcode() == BO_Comma) {
    // `(assert(...), (PyTupleObject *)(op))`: the value of its right side.
    build(Comma->getRHS(), Ctx);
    return;
  } else if (const auto *U = dyn_cast<UnaryOperator>(E);
             U && U->getOpcode() == UO_Deref) {
    // *p is p[0].
    StorageStep Step;
    Step.K = StorageStep::Kind::Slot;
    bool IsArray;
    const Expr *Base = stripToArray(U->getSubExpr(), IsArray);
    Step.ThroughPointer = !IsArray;
    build(Base, Ctx);
    Steps.push_back(Step);
    return;
  }
  RootExpr = E;
}

StorageLocation StorageLocation::classify(const Expr *E,
                                          const ASTContext &Ctx) {
  StorageLocation L;
  if (E)
    L.build(E, Ctx);
  return L;
}

StorageLocation::Kind StorageLocation::kind() const {
  if (!Steps.empty())
    return Steps.back().K == StorageStep::Kind::Field ? Kind::Field
                                                      : Kind::Slot;
  if (!RootVar)
    return Kind::Unknown;
  return RootVar->hasLocalStorage() ? Kind::Local : Kind::Global;
}

const FieldDecl *StorageLocation::field() const {
  return kind() == Kind::Field ? Steps.back().Field : nullptr;
}

const SlotIndex *StorageLocation::slotIndex() const {
  return kind() == Kind::Slot ? &Steps.back().Index : nullptr;
}

bool StorageLocation::isNamed() const {
  return RootVar && llvm::none_of(Steps, [](const StorageStep &Step) {
           return Step.K == StorageStep::Kind::Slot &&
                  Step.Index.K == SlotIndex::Kind::Expression;
         });
}

bool StorageLocation::outlivesFrame() const {
  if (!RootVar || !RootVar->hasLocalStorage())
    return true;
  return llvm::any_of(Steps,
                      [](const StorageStep &Step) { return Step.ThroughPointer; });
}

bool StorageLocation::mentions(const VarDecl *VD) const {
  return RootVar == VD || llvm::any_of(Steps, [&](const StorageStep &Step) {
           return Step.K == StorageStep::Kind::Slot &&
                  Step.Index.K == SlotIndex::Kind::Variable &&
                  Step.Index.Var == VD;
         });
}

StorageLocation StorageLocation::element(int64_t Index) const {
  StorageLocation L = *this;
  StorageStep Step;
  Step.K = StorageStep::Kind::Slot;
  Step.ThroughPointer = true;
  Step.Index.Constant = Index;
  L.Steps.push_back(Step);
  return L;
}

bool StorageLocation::startsWith(const StorageLocation &Prefix) const {
  return RootVar == Prefix.RootVar && RootExpr == Prefix.RootExpr &&
         Steps.size() >= Prefix.Steps.size() &&
         std::equal(Prefix.Steps.begin(), Prefix.Steps.end(), Steps.begin());
}

StorageLocation StorageLocation::rebase(const StorageLocation &Pointee) const {
  if (Steps.empty() || !Steps.front().ThroughPointer)
    return StorageLocation();
  StorageLocation L = Pointee;
  StorageStep First = Steps.front();
  First.ThroughPointer = false;
  if (First.K == StorageStep::Kind::Field)
    L.Steps.push_back(First);
  else if (First.Index.K != SlotIndex::Kind::Constant || First.Index.Constant)
    return StorageLocation(); // p[i] with p == &x: not a place of x.
  L.Steps.append(Steps.begin() + 1, Steps.end());
  return L;
}

void StorageLocation::print(llvm::raw_ostream &OS) const {
  PrintingPolicy Policy{LangOptions()};
  if (RootVar)
    OS << RootVar->getName();
  else if (RootExpr)
    RootExpr->printPretty(OS, nullptr, Policy);
  for (const StorageStep &Step : Steps) {
    if (Step.K == StorageStep::Kind::Field) {
      OS << (Step.ThroughPointer ? "->" : ".") << Step.Field->getName();
      continue;
    }
    OS << '[';
    switch (Step.Index.K) {
    case SlotIndex::Kind::Constant:
      OS << Step.Index.Constant;
      break;
    case SlotIndex::Kind::Variable:
      OS << Step.Index.Var->getName();
      break;
    case SlotIndex::Kind::Expression:
      Step.Index.Expr->printPretty(OS, nullptr, Policy);
      break;
    }
    OS << ']';
  }
}

std::string StorageLocation::spelling() const {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  print(OS);
  return Text;
}

bool StorageLocation::operator==(const StorageLocation &O) const {
  return RootVar == O.RootVar && RootExpr == O.RootExpr && Steps == O.Steps;
}

bool StorageLocation::operator<(const StorageLocation &O) const {
  if (RootVar != O.RootVar)
    return before(RootVar, O.RootVar);
  if (RootExpr != O.RootExpr)
    return before(RootExpr, O.RootExpr);
  return std::lexicographical_compare(Steps.begin(), Steps.end(),
                                      O.Steps.begin(), O.Steps.end());
}
