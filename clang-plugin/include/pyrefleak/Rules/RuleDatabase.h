//===- RuleDatabase.h - CPython API ownership facts ------------*- C++ -*-===//
//
/// \file
/// The facts of rules/README.md as C++ values, and the loader that reads
/// them. Nothing here knows a CPython function by name: names come from the
/// YAML files only.
//
//===----------------------------------------------------------------------===//

#ifndef PYREFLEAK_RULES_RULEDATABASE_H
#define PYREFLEAK_RULES_RULEDATABASE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace pyrefleak::rules {

/// A Python version as (major, minor); compared lexicographically.
struct PyVersion {
  unsigned Major = 0;
  unsigned Minor = 0;
  friend bool operator<(PyVersion A, PyVersion B) {
    return A.Major != B.Major ? A.Major < B.Major : A.Minor < B.Minor;
  }
  friend bool operator==(PyVersion A, PyVersion B) {
    return A.Major == B.Major && A.Minor == B.Minor;
  }
  /// Parses "3.11"; std::nullopt on anything else.
  static std::optional<PyVersion> parse(llvm::StringRef Text);
  std::string str() const;
};

enum class ReturnKind { New, Borrowed, AliasNew, AlwaysNull, Status, Value };
enum class FailureKind { None, Null, MinusOne, Negative, Zero, Sentinel };
enum class ExceptionKind { Never, OnFailure, Always, Clears, Test, Maybe };
enum class ArgEffect {
  Borrows,
  Steals,
  StealsOnSuccess,
  Keeps,
  Releases,
  Retains,
  OutNew,
  OutBorrowed,
  StealsAndOutNew,
  Stores
};
enum class FormatKind { Build, Parse, ParseKeywords };
enum class RuleSource { Refcounts, Manual, User };

struct ArgRule {
  unsigned Index = 0;
  ArgEffect Effect = ArgEffect::Borrows;
  bool Nullable = false;
  bool Derefs = false;
  /// For out-parameters: the object written may be NULL even on success,
  /// or only the output tells whether the call succeeded.
  bool OutNullable = false;
  /// The call returns 0 when this argument is NULL (PyCallable_Check): a
  /// non-zero result proves it is not NULL.
  bool FalseForNull = false;
  /// For out-parameters: written only when the call returns non-zero
  /// (PyDict_Next); a zero result leaves the caller's variable as it was.
  bool WrittenIfTrue = false;
};

/// A call that writes argument Value into item Index of argument Object
/// without releasing what the item held (PyList_SET_ITEM).
struct SlotRule {
  unsigned Object = 0;
  unsigned Index = 1;
  unsigned Value = 2;
};

struct FormatRule {
  unsigned Index = 0;
  FormatKind Kind = FormatKind::Build;
  /// Where the variadic arguments start; derived from Index and Kind when
  /// the rule does not say.
  std::optional<unsigned> FirstVararg;
  /// The names (the rule's name or aliases) under which the function reads
  /// '#' lengths as Py_ssize_t: the variants PY_SSIZE_T_CLEAN selects.
  /// Empty when every name does.
  std::vector<std::string> SsizeTNames;
  unsigned firstVararg() const {
    if (FirstVararg)
      return *FirstVararg;
    return Index + (Kind == FormatKind::ParseKeywords ? 2 : 1);
  }
};

/// A call whose failure depends only on whether argument Index is an item
/// index of argument Object (PyTuple_GetItem): it cannot fail when the
/// index is proven in range.
struct BoundsRule {
  unsigned Object = 0;
  unsigned Index = 1;
};

/// A call that cannot fail when argument Index is a constant in [Min, Max]
/// (PyLong_FromLong of a cached small int, PyTuple_New(0)).
struct CannotFailRule {
  unsigned Index = 0;
  int64_t Min = 0;
  int64_t Max = 0;
};

/// What makes a call fail: only running out of memory (an allocation), or
/// an ordinary error too (a lookup, a conversion, a call into Python).
enum class FailureCause { Error, Memory };

/// How a variadic argument list is delimited, checked like a format.
struct VarargsRule {
  unsigned First = 0; ///< Index of the first variadic argument.
  /// The argument giving how many follow (PyTuple_Pack).
  std::optional<unsigned> Count;
  /// The arguments bounding how many follow (PyArg_UnpackTuple's min and
  /// max; there must be max of them).
  std::optional<unsigned> Min, Max;
  /// The list ends with a NULL (PyObject_CallFunctionObjArgs).
  bool NullTerminated = false;
};

/// What one function or function-like macro does to ownership.
struct FunctionRule {
  std::string Name;
  std::vector<std::string> Aliases;
  ReturnKind Returns = ReturnKind::Value;
  std::optional<unsigned> Alias; ///< Argument returned by AliasNew.
  /// The integer every call returns (only inferred from a body: helpers
  /// that cannot fail yet keep an error-code signature).
  std::optional<int64_t> Constant;
  std::optional<FailureKind> Failure;
  /// The value returned on failure, with FailureKind::Sentinel.
  std::optional<int64_t> Sentinel;
  std::optional<ExceptionKind> Exception;
  std::vector<ArgRule> Args;
  std::optional<PyVersion> Since;
  std::optional<PyVersion> Until;
  bool NoReturn = false;
  /// Only for declarations with this many parameters: some builds declare
  /// the same name differently (Py_DECREF under Py_REF_DEBUG).
  std::optional<unsigned> Arity;
  std::optional<FormatRule> Format;
  /// Functions doing the same with a contract that is harder to get wrong,
  /// preferred first (PyModule_Add, then PyModule_AddObjectRef, for
  /// PyModule_AddObject): the fix-its of pyrefleak-leak name them.
  std::vector<std::string> ReplacedBy;
  std::optional<SlotRule> SetsSlot;
  /// The result is the number of items of this argument (PyTuple_Size).
  std::optional<unsigned> SizeOf;
  std::optional<BoundsRule> Bounds;
  std::optional<CannotFailRule> CannotFail;
  FailureCause Cause = FailureCause::Error;
  std::optional<VarargsRule> Varargs;
  RuleSource Source = RuleSource::User;
  /// Where the entry was read, for messages: "file:line".
  std::string Origin;

  FailureKind failure() const;
  ExceptionKind exception() const;
  const ArgRule *arg(unsigned Index) const;
  bool appliesTo(PyVersion V) const;
};

/// A class of objects CPython caches or makes immortal.
struct CachedRule {
  std::string Type;
  std::optional<int64_t> Min, Max;
  std::optional<int64_t> MaxSize;
  std::optional<int64_t> MaxCodepoint;
  std::optional<PyVersion> Since;
};

/// A statically allocated object of the API (`_Py_NoneStruct` behind
/// Py_None): borrowed wherever it is named, immortal from some version on.
struct StaticObjectRule {
  std::string Name;        ///< The variable the headers define.
  std::string ReturnMacro; ///< The macro returning a new reference to it.
  std::optional<PyVersion> ImmortalSince;
};

/// One entry of a format-string table (rules/cpython/format-units.yaml).
struct FormatUnitRule {
  FormatKind Kind = FormatKind::Build; ///< Build or Parse (Parse covers both
                                       ///< parse kinds).
  std::string Unit;                    ///< "i", "s#", "O!", ...
  std::vector<std::string> Types;      ///< Expected C types, one per argument.
  ArgEffect Reference = ArgEffect::Borrows; ///< For object units: O vs N.
  bool SizeTClean = false; ///< '#' lengths are Py_ssize_t only with
                           ///< PY_SSIZE_T_CLEAN.
  /// What the variants without PY_SSIZE_T_CLEAN read instead, where they
  /// still work (int lengths, before 3.10); empty: they fail.
  std::vector<std::string> UncleanTypes;
  std::optional<PyVersion> Since;
  std::optional<PyVersion> Until;

  bool appliesTo(PyVersion V) const;
};

/// Where CPython calls into an extension: functions stored in fields of a
/// table (PyMethodDef.ml_meth, PyTypeObject.tp_repr, ...) or named by a
/// convention (PyInit_*). Such functions borrow their object parameters,
/// and by default must return new references and set an exception with
/// their error value.
struct EntryPointRule {
  std::string Record;              ///< Record or typedef name of the table.
  std::vector<std::string> Fields; ///< Fields holding functions (globs).
  std::string Prefix;              ///< Or: a function name prefix.
  /// Whether the error value needs an exception set (tp_iternext may
  /// return NULL without one: the iterator is exhausted).
  bool ExceptionRequired = true;
  /// Whether an object result must be a new reference (a multi-phase
  /// PyInit_* returns its PyModuleDef).
  bool ResultNew = true;
  /// Only in table entries whose field WhenField holds one of WhenValues
  /// (the slot number of a PyType_Slot).
  std::string WhenField;
  std::vector<int64_t> WhenValues;
};

/// All rules, indexed by every name and alias.
class RuleDatabase {
public:
  /// The rule for \p Name that applies to version \p V and, when given, to
  /// a declaration with \p Arity parameters.
  /// With \p Declared (the code declares the function, perhaps through a
  /// compatibility header backporting it), a rule of a later version
  /// applies when none applies to \p V.
  const FunctionRule *lookup(llvm::StringRef Name, PyVersion V,
                             std::optional<unsigned> Arity = {},
                             bool Declared = false) const;
  llvm::ArrayRef<FunctionRule> functions() const { return Functions; }
  llvm::ArrayRef<CachedRule> cached() const { return Cached; }
  /// The static object defined by the variable \p Name, if any.
  const StaticObjectRule *staticObject(llvm::StringRef Name) const;
  llvm::ArrayRef<FormatUnitRule> formatUnits() const { return FormatUnits; }
  llvm::ArrayRef<EntryPointRule> entryPoints() const { return EntryPoints; }

  /// Parses one YAML document and merges it in. \p Source is the source
  /// entries without an explicit `source:` get. Errors name
  /// "file:line:column".
  llvm::Error addFile(llvm::StringRef Buffer, llvm::StringRef FileName,
                      RuleSource DefaultSource);

private:
  llvm::Error addFunction(FunctionRule Rule);
  void reindex();

  std::vector<FunctionRule> Functions;
  std::vector<CachedRule> Cached;
  std::vector<StaticObjectRule> StaticObjects;
  std::vector<FormatUnitRule> FormatUnits;
  std::vector<EntryPointRule> EntryPoints;
  llvm::StringMap<llvm::SmallVector<unsigned, 1>> ByName;
};

/// \p Functions as a rules file in the schema of rules/README.md, which
/// loadRules reads back (what the schema cannot say, such as an inferred
/// constant result, is left out).
std::string writeRules(llvm::ArrayRef<FunctionRule> Functions);

/// Loads every *.yaml file below \p Dir (sorted), then each of \p UserFiles.
llvm::Expected<RuleDatabase>
loadRules(llvm::StringRef Dir, llvm::ArrayRef<std::string> UserFiles = {});

} // namespace pyrefleak::rules

#endif // PYREFLEAK_RULES_RULEDATABASE_H
