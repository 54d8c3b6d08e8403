//===- StorageLocation.h - Where a reference lives -------------*- C++ -*-===//
//
/// \file
/// The one model of the places a reference can be stored in, shared by the
/// path analysis, the instrumenter and through it the runtime: a local
/// variable, a static or global variable, a field reached through a chain
/// of members and pointers (`p->f`, `(*p).f`, `p->a.b`, `s.f`), or an array
/// slot with a constant or symbolic index (`items[2]`, `items[i]`, `*p`).
///
/// A location is a root (a variable, or an expression the model cannot
/// name, such as a call's result) and a path of steps from it. Each step
/// either selects a field or an element of the object at hand, or first
/// dereferences the pointer held there (ThroughPointer). Spellings of the
/// same place compare equal: `p->f` and `(*p).f`, `*p` and `p[0]`, with or
/// without parentheses and pointer casts (`((PyListObject *)op)->ob_item`).
///
/// Stable interface: the instrumenter and the runtime helpers depend on
/// classify(), kind(), outlivesFrame(), the accessors and the comparison
/// operators; extend it, but do not change their meaning.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_ANALYSIS_STORAGELOCATION_H
#define PYREFLEAK_ANALYSIS_STORAGELOCATION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <string>

namespace clang {
class ASTContext;
class Expr;
class FieldDecl;
class ValueDecl;
class VarDecl;
} // namespace clang

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace pyrefleak::analysis {

/// The index of an array slot.
struct SlotIndex {
  enum class Kind : uint8_t {
    Constant,   ///< A constant expression: Constant.
    Variable,   ///< The current value of a variable: Var.
    Expression, ///< Anything else: Expr, compared by identity.
  };
  Kind K = Kind::Constant;
  int64_t Constant = 0;
  const clang::VarDecl *Var = nullptr;
  const clang::Expr *Expr = nullptr;

  bool operator==(const SlotIndex &O) const;
  bool operator<(const SlotIndex &O) const;
};

/// One step from a location to a place inside or behind it.
struct StorageStep {
  enum class Kind : uint8_t { Field, Slot };
  Kind K = Kind::Field;
  /// The step first dereferences the pointer stored at the location so
  /// far (`->`, `*`, subscript of a pointer); else it selects a part of
  /// the object there (`.`, subscript of an array).
  bool ThroughPointer = false;
  const clang::FieldDecl *Field = nullptr; ///< Kind::Field.
  SlotIndex Index;                         ///< Kind::Slot.

  bool operator==(const StorageStep &O) const;
  bool operator<(const StorageStep &O) const;
};

class StorageLocation {
public:
  enum class Kind : uint8_t {
    Unknown, ///< Not a place the model names (a call's result, `a ? b : c`).
    Local,   ///< A variable with automatic storage.
    Global,  ///< A static or global variable (function statics included).
    Field,   ///< A field: the last step is Kind::Field.
    Slot,    ///< An array element: the last step is Kind::Slot.
  };

  /// The place \p E designates (an lvalue), or that its value was loaded
  /// from (an rvalue read of an lvalue: `self->x` used as an argument).
  /// Implicit and explicit casts and parentheses are looked through.
  static StorageLocation classify(const clang::Expr *E,
                                  const clang::ASTContext &Ctx);

  Kind kind() const;
  /// The root variable, or null when the root is an expression.
  const clang::VarDecl *rootVariable() const { return RootVar; }
  /// The root expression when it is not a variable (else null).
  const clang::Expr *rootExpression() const { return RootExpr; }
  llvm::ArrayRef<StorageStep> steps() const { return Steps; }
  /// The field the location is, for Kind::Field.
  const clang::FieldDecl *field() const;
  /// The index of the slot the location is, for Kind::Slot.
  const SlotIndex *slotIndex() const;

  /// Whether the place is named by the model: a variable root and no
  /// index compared by identity. Two named locations that compare equal
  /// are the same place as long as the variables they mention (root,
  /// pointers on the way, variable indices) keep their values.
  bool isNamed() const;
  /// Whether a reference stored there outlives the function's frame:
  /// anything but a local variable or a part of a local struct or array.
  bool outlivesFrame() const;
  /// Whether \p VD's value is part of what the location means (its root,
  /// or the variable of an index): assigning \p VD moves the place.
  bool mentions(const clang::VarDecl *VD) const;

  /// Item \p Index of the array the pointer stored here points to
  /// (`p[2]` for `p`): also how the model names a container's item that a
  /// call sets (PyList_SET_ITEM(list, 2, v) sets `list[2]`).
  StorageLocation element(int64_t Index) const;
  /// Whether the place is \p Prefix or inside or behind it (`p->a.b` and
  /// `p->a->c` start with `p->a`).
  bool startsWith(const StorageLocation &Prefix) const;

  /// The location with \p Pointee in place of the pointer it starts from:
  /// `p->f` with p == &s is s.f, `*p` is s. Unknown when the location
  /// does not start by dereferencing its root.
  StorageLocation rebase(const StorageLocation &Pointee) const;
  /// The location with Variable indices replaced by \p Value's constants
  /// where it knows them (\p Value returns false when it does not).
  template <typename Fn> StorageLocation withConstantIndices(Fn Value) const {
    StorageLocation L = *this;
    for (StorageStep &Step : L.Steps) {
      int64_t C;
      if (Step.K == StorageStep::Kind::Slot &&
          Step.Index.K == SlotIndex::Kind::Variable && Value(Step.Index.Var, C))
        Step.Index = SlotIndex{SlotIndex::Kind::Constant, C, nullptr, nullptr};
    }
    return L;
  }

  /// The place as a reader writes it: `self->cache`, `items[2]`, `s.f`.
  void print(llvm::raw_ostream &OS) const;
  std::string spelling() const;

  bool operator==(const StorageLocation &O) const;
  bool operator!=(const StorageLocation &O) const { return !(*this == O); }
  /// A total order, for std::map keys.
  bool operator<(const StorageLocation &O) const;

private:
  void build(const clang::Expr *E, const clang::ASTContext &Ctx);

  const clang::VarDecl *RootVar = nullptr;
  const clang::Expr *RootExpr = nullptr;
  llvm::SmallVector<StorageStep, 2> Steps;
};

} // namespace pyrefleak::analysis

#endif // PYREFLEAK_ANALYSIS_STORAGELOCATION_H
