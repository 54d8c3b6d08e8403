//===- PathEngine.h - The exploration behind PathAnalysis.h ----*- C++ -*-===//
//
/// \file
/// Private to lib/Analysis. PathAnalysis.cpp holds the exploration (the
/// worklist, statements, branches, exits); OwnershipModel.cpp holds what
/// calls do to references and how a violation becomes an Issue.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_LIB_ANALYSIS_PATHENGINE_H
#define PYREFLEAK_LIB_ANALYSIS_PATHENGINE_H

#include "pyrefleak/Analysis/PathAnalysis.h"
#include "pyrefleak/Analysis/RefState.h"
#include "pyrefleak/Analysis/StorageLocation.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"
#include <deque>
#include <memory>
#include <set>

namespace clang {
class ParentMap;
class ReturnStmt;
} // namespace clang

namespace pyrefleak::analysis {

/// What a path leaves behind when it returns, for summary inference.
struct ExitFact {
  enum class Result : uint8_t {
    None,     ///< No value (void, or the end of the body).
    Null,     ///< A null pointer.
    Int,      ///< The integer in Int.
    Owned,    ///< A reference the caller will own.
    Borrowed, ///< A reference the caller does not own.
    Other,    ///< Anything else.
  };
  /// What became of an object parameter, hypothetically owned on entry.
  enum class Fate : uint8_t { NotObject, Kept, Consumed, Lost, Other };

  Result Returned = Result::None;
  int64_t Int = 0;
  /// The returned reference is the result of a call that may have failed
  /// (it is NULL then), with this exception behaviour.
  bool MayFail = false;
  rules::ExceptionKind FailException = rules::ExceptionKind::Maybe;
  int AliasOf = -1; ///< The parameter returned with a new reference.
  /// The parameter returned as it came (neither owned nor borrowed for
  /// sure: the caller's own reference), if any.
  int PassedThrough = -1;
  ExceptionBase Exception = ExceptionBase::None;
  llvm::SmallVector<Fate, 4> Params;
};

/// A test a branch makes: the true side holds exactly when Subject is in
/// TrueSet (pointers compare as integers, NULL being 0).
struct BranchTest {
  Value Subject;
  IntSet TrueSet = IntSet::nonZero();
  /// Which sides the test says something on: `p == q` with q not NULL
  /// proves p not NULL when true, and nothing when false.
  bool RefinesTrue = true;
  bool RefinesFalse = true;
  /// `i < n` with n a size: Index is below Size on the side BelowWhen.
  const clang::VarDecl *Index = nullptr;
  SymId Size = 0;
  bool BelowWhen = true;
};

/// Whether \p Call returns its first argument and does nothing else
/// (__builtin_expect, the instrumentation's hooks).
bool returnsFirstArgument(const clang::CallExpr *Call);

class PathEngine {
public:
  enum class Mode { Check, Infer };

  PathEngine(const clang::FunctionDecl &FD, Mode M, const FunctionRole &Role,
             const SummaryManager &SM, clang::ASTContext &Ctx, unsigned Budget,
             const ReportedCalls *Reported);
  ~PathEngine();

  /// Explores every path; false when the CFG cannot be built or the budget
  /// runs out.
  bool run();
  /// From now on, a state that agrees on ownership with one already seen
  /// at a block is not explored again: fewer states, less precision.
  void mergeValues() { MergeValues = true; }
  /// Whether a path was cut short (loop bound), so "no path returns" does
  /// not mean the function never returns.
  bool droppedPaths() const { return Dropped; }
  /// The issues found, sorted by location, each reported once.
  std::vector<Issue> takeIssues();
  llvm::ArrayRef<ExitFact> exits() const { return Exits; }

private:
  // --- Exploration (PathAnalysis.cpp) -----------------------------------
  PathState initialState();
  void visitBlock(const clang::CFGBlock *B, PathState S);
  void followEdges(const clang::CFGBlock *B, PathState S);
  void enqueue(const clang::CFGBlock *From, const clang::CFGBlock *To,
               PathState S);
  void atExit(PathState &S);
  /// \p VD goes out of scope (\p Trigger leaves it): an owned reference
  /// only it held is lost.
  void endLifetime(const clang::VarDecl *VD, const clang::Stmt *Trigger,
                   PathState &S);
  void transfer(const clang::Stmt *Element, PathState &S);
  Value evaluate(const clang::Stmt *Element, PathState &S);
  Value valueOf(const clang::Expr *E, PathState &S);
  Value castValue(const clang::CastExpr *Cast, PathState &S);
  Value assign(const clang::BinaryOperator *Assign, PathState &S);
  /// The followed object whose field or slot \p LHS is, if any.
  RefId storageOwner(const clang::Expr *LHS, PathState &S);
  void declare(const clang::DeclStmt *DS, PathState &S);
  void returnFrom(const clang::ReturnStmt *RS, PathState &S);
  void recordExit(const clang::ReturnStmt *RS, Value Returned, PathState &S);
  BranchTest parseTest(const clang::Expr *Cond, PathState &S);
  /// Refines \p S for the \p Taken side of \p T; false when that side
  /// cannot happen on this path.
  bool assume(PathState &S, const BranchTest &T, bool Taken);
  void recordBranch(PathState &S, const clang::Stmt *Terminator,
                    const clang::Expr *Cond, bool Taken);
  bool endsStatement(const clang::Stmt *S);
  bool insideStatementExpression(const clang::Stmt *S);
  /// Whether \p Inner is \p Outer or nested in it.
  bool encloses(const clang::Stmt *Outer, const clang::Stmt *Inner);
  bool isTracked(const clang::VarDecl *VD) const;
  /// The tracked variable \p E names: itself, or `*p` with p an alias.
  const clang::VarDecl *trackedVariable(const clang::Expr *E) const;
  void findUntrackedVariables();

  // --- Conditions on plain values (PathAnalysis.cpp) ---------------------
  /// Numbers the conditions without side effects that the function tests
  /// more than once, or stores into a variable tested later.
  void findConditions();
  /// The number of the condition \p E (normalized), creating it.
  unsigned conditionNumber(const clang::Expr *E);
  /// Whether \p E reads only local variables, fields and constants, and
  /// calls only functions that cannot fail or change anything; its reads
  /// go to \p Reads.
  bool isPureCondition(const clang::Expr *E,
                       llvm::SmallVectorImpl<const clang::Decl *> &Reads);
  /// Refines \p S with what \p Cond being \p Taken says about the
  /// conditions decided before; false when it contradicts them.
  bool assumeCondition(PathState &S, const clang::Expr *Cond, bool Taken);
  /// \p D (a variable or a field) was written: what was known of it and
  /// of the conditions reading it is gone.
  void invalidate(PathState &S, const clang::Decl *D);
  /// After \p VD = \p RHS: remember which condition it holds.
  void linkCondition(PathState &S, const clang::VarDecl *VD,
                     const clang::Expr *RHS);
  void followSwitch(const clang::CFGBlock *B, const clang::SwitchStmt *Switch,
                    PathState S);
  /// Whether argument Bounds.Index of \p Call is proven an index of the
  /// object in argument Bounds.Object.
  bool indexInRange(const clang::CallExpr *Call, const rules::BoundsRule &B,
                    PathState &S);
  /// Whether argument C.Index of \p Call is a constant the call cannot
  /// fail for.
  bool cannotFail(const clang::CallExpr *Call, const rules::CannotFailRule &C,
                  PathState &S);

  // --- Ownership model (OwnershipModel.cpp) -----------------------------
  Value call(const clang::CallExpr *Call, PathState &S);
  Value unknownCall(const clang::CallExpr *Call, PathState &S);
  void outArgument(const clang::CallExpr *Call, const clang::VarDecl *VD,
                   std::optional<rules::ArgEffect> Effect, PathState &S,
                   const rules::ArgRule *Rule = nullptr, SymId Sym = 0);
  /// \p E, an untracked variable, was dereferenced: it is not NULL.
  void markDereferenced(const clang::Expr *E, PathState &S);
  void parseOutputs(const clang::CallExpr *Call, const Summary &Sum,
                    llvm::SmallVectorImpl<bool> &Handled, PathState &S);
  /// \p Arg: the expression released, when it is a call's argument.
  /// Whether nothing looks at \p Call's result.
  bool resultIgnored(const clang::CallExpr *Call);
  /// \p R, passed as argument \p Index to \p Call, which steals it only
  /// when it succeeds, leaks when it fails: nothing tests which it did.
  void reportIgnoredStatus(PathState &S, const clang::CallExpr *Call,
                           const Summary &Sum, llvm::StringRef API, RefId R,
                           unsigned Index);
  void release(PathState &S, RefId R, const clang::Expr *At,
               llvm::StringRef API, const clang::Expr *Arg = nullptr);
  void steal(PathState &S, RefId R, const clang::Expr *At,
             const clang::Expr *Arg, llvm::StringRef API, unsigned Index,
             RefId Container);
  /// \p IntoStorage: a Py_INCREF, which gives the new reference to a place
  /// that points to the object without owning it (`self->x = o;
  /// Py_INCREF(o);`) before the function keeps it.
  void retain(PathState &S, RefId R, const clang::Expr *At,
              bool IntoStorage = false);
  void use(PathState &S, RefId R, const clang::Expr *At);
  void dereference(PathState &S, RefId R, const clang::Expr *At,
                   llvm::StringRef API);
  void resolve(PathState &S, SymId Sym, Outcome O);
  /// Makes \p VD hold \p V; an owned reference it held and nothing else
  /// holds is lost: overwritten, or (\p Redeclared, a declaration run
  /// again by a loop) gone at the end of the previous iteration's scope,
  /// \p ScopeEnd.
  void bind(PathState &S, const clang::VarDecl *VD, Value V,
            const clang::Stmt *At, bool Redeclared,
            clang::SourceLocation ScopeEnd = {});
  // --- Storage (OwnershipModel.cpp) ---------------------------------------
  /// The number of the place \p E designates on this path (a field, a slot
  /// with a known index, a global; `*p` with p == &self->x is self->x), or
  /// 0 when the model does not follow it.
  unsigned locate(const clang::Expr *E, PathState &S);
  /// \p E's place as this path resolves it (through pointers to places,
  /// with the index variables it knows), before the checks of locate().
  std::optional<StorageLocation> resolve(const clang::Expr *E, PathState &S);
  /// The number of \p L, or 0 when the model does not follow it.
  unsigned intern(StorageLocation L);
  /// The container item a call with \p Rule sets, if the path knows it.
  unsigned locateItem(const clang::CallExpr *Call,
                      const rules::SlotRule &Rule, PathState &S);
  /// What the path last stored at \p E's place, if it knows.
  Value load(const clang::Expr *E, PathState &S);
  /// The reference an owning field of a Python-facing function's parameter
  /// holds before the path writes it (FunctionRole::OwningFields).
  Value ownedOnEntry(const clang::Expr *E, unsigned Location, PathState &S);
  /// \p V is stored at \p Location. An owned reference goes to the place
  /// (unless \p Taken: a followed container already took it); what the
  /// place owned before is lost unless a variable still holds it.
  void store(PathState &S, unsigned Location, Value V, const clang::Stmt *At,
             bool Taken = false);
  /// Stops following what \p Location holds (an out-parameter wrote it).
  void clobber(PathState &S, unsigned Location);
  /// \p VD changes value: the places named through it are other places.
  void moved(PathState &S, const clang::VarDecl *VD);
  /// A call the analysis cannot see into may change any place that
  /// outlives the frame.
  void forgetStorage(PathState &S);
  /// \p R, owned by no one but a place, is released or stolen as \p Arg
  /// (that place, or an alias): the place gives up its reference. False
  /// when no place owns it, or only a followed container's slot does and
  /// \p Arg is not that slot.
  bool takeFromStorage(PathState &S, RefId R, const clang::Expr *Arg);
  const StorageLocation &location(unsigned Id) const {
    return Locations[Id - 1];
  }

  void killContents(PathState &S, RefId Container, const clang::Expr *At,
                    llvm::StringRef API);
  /// A reference's name for messages: the variable holding it, if any.
  llvm::StringRef nameOf(const PathState &S, RefId R) const;
  /// The issue recorded, or null when it was not (a repeat, or inference).
  Issue *report(PathState &S, IssueKind Kind, const clang::Stmt *At, RefId R,
                llvm::StringRef API = {}, std::optional<unsigned> Arg = {},
                clang::SourceLocation Loc = {}, llvm::StringRef Detail = {});
  /// A Python-facing function returns \p R, which it does not own.
  void returnUnowned(PathState &S, const clang::ReturnStmt *RS, RefId R);
  void reportMissingException(PathState &S, const clang::ReturnStmt *RS,
                              llvm::StringRef Returned);
  llvm::SmallVector<TrailStep, 4> trailOf(const PathState &S, RefId R) const;

  const clang::FunctionDecl &FD;
  Mode M;
  FunctionRole Role;
  const SummaryManager &SM;
  clang::ASTContext &Ctx;
  unsigned Budget;
  const ReportedCalls *Reported;

  std::unique_ptr<clang::CFG> Cfg;
  std::unique_ptr<clang::ParentMap> Parents;
  llvm::DenseSet<const clang::VarDecl *> Untracked;
  /// Pointers initialised to a variable's address and only dereferenced
  /// (Py_CLEAR's `_tmp_op_ptr = &(op)` on 3.12+): `*p` is that variable.
  llvm::DenseMap<const clang::VarDecl *, const clang::VarDecl *> Aliases;
  llvm::DenseMap<const clang::Stmt *, bool> EndsStatement;
  /// Conditions by their text (a variable by its declaration), their
  /// occurrences, what they read, and whether deciding one is worth
  /// remembering (it is tested again).
  std::map<std::string, unsigned> ConditionIds;
  llvm::DenseMap<const clang::Expr *, unsigned> ConditionOf;
  std::vector<llvm::SmallVector<const clang::Decl *, 2>> ConditionReads;
  std::vector<unsigned> ConditionTests;
  std::vector<bool> Remembered;
  /// Right-hand sides of assignments to tested variables that are
  /// conditions: their number, and whether negated.
  llvm::DenseMap<const clang::Expr *, std::pair<unsigned, bool>> LinkOf;
  std::deque<std::pair<const clang::CFGBlock *, PathState>> Worklist;
  std::vector<std::set<std::string>> Seen;
  unsigned Steps = 0;
  bool Dropped = false;
  bool MergeValues = false;

  /// The places met so far, numbered from 1, and their spellings.
  std::vector<StorageLocation> Locations;
  std::map<StorageLocation, unsigned> LocationIds;
  std::deque<std::string> LocationNames;
  /// Each expression's place as written, before the path resolves it.
  llvm::DenseMap<const clang::Expr *, StorageLocation> Written;
  /// The name of the place a reference is lost from, for the issue.
  llvm::StringRef StorageName;

  /// The variable the expression being checked names (Py_DECREF(alias)):
  /// an issue's headline calls the reference by it.
  const clang::VarDecl *NameHint = nullptr;
  /// The branch being assumed found NULL a reference nothing said could be.
  bool AssumedDefensive = false;

  std::vector<Issue> Issues;
  llvm::StringSet<> IssueKeys;
  std::vector<ExitFact> Exits;
};

} // namespace pyrefleak::analysis

#endif // PYREFLEAK_LIB_ANALYSIS_PATHENGINE_H
