//===- FormatChecks.cpp - Format strings against their arguments ----------===//
//
/// \file
/// Each unit of a format names the C types of the arguments it consumes, as
/// the rules spell them ("long *", "PyObject **", "converter"). Those names
/// are resolved in the translation unit (builtin types by their keywords,
/// the rest by looking up the typedef or tag) and compared with the
/// arguments' types:
///  - canonical types, ignoring qualifiers at every level ("char **" is fine
///    for "const char **"); integers (not _Bool) match any integer of the
///    same width on the target, whatever its signedness or rank, because the
///    callee reads the same bytes ("unsigned int *" for "int *", "size_t"
///    for "Py_ssize_t", "int64_t" for "long long"); enums count as their
///    integer type;
///  - build formats see the arguments after the default argument
///    promotions, so the rules spell "int" for 'b', 'h' and 'c', "double"
///    for 'f';
///  - object pointers are compatible when one pointee starts, through its
///    chain of first members, with the other (PyObject_HEAD subtypes such as
///    "PyBytesObject *" or an extension's own struct, and PyTypeObject,
///    whose first member leads to PyObject); incomplete structs are given
///    the benefit of the doubt;
///  - a "void *" argument is accepted wherever a pointer is expected (the
///    caller cast the type away), and a "void *" unit accepts any data
///    pointer ('O&' takes the address of "anything");
///  - "converter" accepts any function pointer;
///  - an explicit pointer cast only quiets the compiler: the operand under
///    it is judged as well (`(PyObject *)&self` with a subtype's `self`).
/// A type name the translation unit does not declare is not checked.
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Analysis/FormatChecks.h"
#include "pyrefleak/Analysis/FormatString.h"
#include "pyrefleak/Analysis/SummaryManager.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;
using namespace pyrefleak;
using namespace pyrefleak::analysis;
using rules::FormatKind;

/// \p T canonical, without qualifiers, enums replaced by their integer type.
static QualType plain(QualType T, const ASTContext &Ctx) {
  T = Ctx.getCanonicalType(T).getUnqualifiedType();
  if (const auto *Enum = T->getAs<EnumType>())
    if (QualType Int = Enum->getDecl()->getIntegerType(); !Int.isNull())
      return Ctx.getCanonicalType(Int).getUnqualifiedType();
  return T;
}

static bool isPlainInteger(QualType T) {
  return T->isIntegerType() && !T->isBooleanType();
}

/// Whether record type \p Sub reaches record type \p Base through its chain
/// of first members (C's "common initial member" subtyping: PyObject_HEAD).
static bool startsWith(QualType Sub, QualType Base, const ASTContext &Ctx) {
  for (unsigned Depth = 0; Depth < 8; ++Depth) {
    if (Ctx.hasSameType(Sub, Base))
      return true;
    const RecordDecl *RD = Sub->getAsRecordDecl();
    RD = RD ? RD->getDefinition() : nullptr;
    if (!RD)
      return false;
    // C++ extension types may derive from PyObject instead.
    if (const auto *Class = dyn_cast<CXXRecordDecl>(RD);
        Class && Class->getNumBases() > 0) {
      Sub = plain(Class->bases_begin()->getType(), Ctx);
      continue;
    }
    if (RD->field_empty())
      return false;
    Sub = plain(RD->field_begin()->getType(), Ctx);
  }
  return false;
}

static bool isIncompleteRecord(QualType T) {
  const RecordDecl *RD = T->getAsRecordDecl();
  return RD && !RD->getDefinition();
}

/// Whether an argument of type \p Actual can stand for \p Expected;
/// \p TopLevel allows the implicit conversions of "void *".
static bool isCompatible(QualType Expected, QualType Actual,
                         const ASTContext &Ctx, bool TopLevel) {
  QualType E = plain(Expected, Ctx), A = plain(Actual, Ctx);
  if (Ctx.hasSameType(E, A))
    return true;
  if (TopLevel && E->isPointerType() && A->isVoidPointerType())
    return true;
  if (TopLevel && E->isVoidPointerType() && A->isPointerType() &&
      !A->isFunctionPointerType())
    return true;
  if (E->isPointerType() && A->isPointerType()) {
    QualType EP = plain(E->getPointeeType(), Ctx);
    QualType AP = plain(A->getPointeeType(), Ctx);
    if (EP->isRecordType() && AP->isRecordType())
      return isIncompleteRecord(EP) || isIncompleteRecord(AP) ||
             startsWith(AP, EP, Ctx) || startsWith(EP, AP, Ctx);
    return isCompatible(EP, AP, Ctx, /*TopLevel=*/false);
  }
  if (isPlainInteger(E) && isPlainInteger(A))
    return Ctx.getTypeSize(E) == Ctx.getTypeSize(A);
  return false;
}

/// The type of \p Arg as its author wrote it: before promotions, but after
/// array and function decay.
static QualType writtenType(const Expr *Arg) {
  QualType T = Arg->IgnoreParenImpCasts()->getType();
  if (T->isArrayType() || T->isFunctionType())
    return Arg->getType();
  return T;
}

namespace {
/// A C type as the rules spell it.
struct ExpectedType {
  bool AnyFunctionPointer = false; ///< "converter"
  QualType Type;
};

/// Resolves the rules' type names in one translation unit.
class TypeNames {
public:
  explicit TypeNames(ASTContext &Ctx) : Ctx(Ctx) {}

  /// The type \p Spelling names, or std::nullopt when the translation unit
  /// does not declare it (or it is no type name the rules may use).
  std::optional<ExpectedType> resolve(llvm::StringRef Spelling) {
    auto [It, Inserted] = Cache.try_emplace(Spelling);
    if (Inserted)
      It->second = parse(Spelling);
    return It->second;
  }

private:
  std::optional<ExpectedType> parse(llvm::StringRef Spelling);
  QualType builtin(llvm::ArrayRef<llvm::StringRef> Words) const;
  QualType declared(llvm::ArrayRef<llvm::StringRef> Words) const;

  ASTContext &Ctx;
  llvm::StringMap<std::optional<ExpectedType>> Cache;
};
} // namespace

/// Whether \p Arg suits \p Expected. Under an explicit cast the operand is
/// judged too: a pointer cast only quiets the compiler, the callee reads
/// the same address (`(PyObject *)&self` for an "O!" unit, `self` being a
/// subtype's pointer).
static bool matches(const ExpectedType &Expected, const Expr *Arg,
                    const ASTContext &Ctx) {
  while (true) {
    QualType Actual = Arg->getType();
    if (Expected.AnyFunctionPointer
            ? Actual->isFunctionPointerType() || Actual->isVoidPointerType()
            : isCompatible(Expected.Type, Actual, Ctx, /*TopLevel=*/true))
      return true;
    const auto *Cast = dyn_cast<ExplicitCastExpr>(Arg->IgnoreParenImpCasts());
    if (!Cast || !Actual->isPointerType() ||
        !Cast->getSubExpr()->getType()->isPointerType())
      return false;
    Arg = Cast->getSubExpr();
  }
}

static bool isBuiltinWord(llvm::StringRef Word) {
  return llvm::StringSwitch<bool>(Word)
      .Cases("void", "_Bool", "char", "short", "int", "long", true)
      .Cases("float", "double", "signed", "unsigned", true)
      .Default(false);
}

std::optional<ExpectedType> TypeNames::parse(llvm::StringRef Spelling) {
  llvm::SmallVector<llvm::StringRef, 4> Words;
  unsigned Pointers = 0;
  for (llvm::StringRef Rest = Spelling.trim(); !Rest.empty();
       Rest = Rest.ltrim()) {
    if (Rest.consume_front("*")) {
      ++Pointers;
      continue;
    }
    llvm::StringRef Word =
        Rest.take_while([](char C) { return llvm::isAlnum(C) || C == '_'; });
    bool Qualifier = Word == "const" || Word == "volatile";
    if (Word.empty() || (Pointers > 0 && !Qualifier))
      return std::nullopt;
    Rest = Rest.drop_front(Word.size());
    if (!Qualifier)
      Words.push_back(Word);
  }
  if (Words.empty())
    return std::nullopt;
  if (Words.size() == 1 && Words[0] == "converter" && Pointers == 0)
    return ExpectedType{/*AnyFunctionPointer=*/true, QualType()};
  QualType T =
      llvm::all_of(Words, isBuiltinWord) ? builtin(Words) : declared(Words);
  if (T.isNull())
    return std::nullopt;
  for (unsigned I = 0; I < Pointers; ++I)
    T = Ctx.getPointerType(T);
  return ExpectedType{false, T};
}

QualType TypeNames::builtin(llvm::ArrayRef<llvm::StringRef> Words) const {
  bool Signed = false, Unsigned = false, Short = false;
  unsigned Longs = 0;
  llvm::StringRef Base;
  for (llvm::StringRef W : Words) {
    if (W == "signed")
      Signed = true;
    else if (W == "unsigned")
      Unsigned = true;
    else if (W == "short")
      Short = true;
    else if (W == "long")
      ++Longs;
    else if (!Base.empty())
      return QualType();
    else
      Base = W;
  }
  if (Base == "void")
    return Ctx.VoidTy;
  if (Base == "_Bool")
    return Ctx.BoolTy;
  if (Base == "float")
    return Ctx.FloatTy;
  if (Base == "double")
    return Longs ? Ctx.LongDoubleTy : Ctx.DoubleTy;
  if (Base == "char")
    return Unsigned ? Ctx.UnsignedCharTy
           : Signed ? Ctx.SignedCharTy
                    : Ctx.CharTy;
  if (Short)
    return Unsigned ? Ctx.UnsignedShortTy : Ctx.ShortTy;
  if (Longs == 1)
    return Unsigned ? Ctx.UnsignedLongTy : Ctx.LongTy;
  if (Longs == 2)
    return Unsigned ? Ctx.UnsignedLongLongTy : Ctx.LongLongTy;
  return Unsigned ? Ctx.UnsignedIntTy : Ctx.IntTy;
}

QualType TypeNames::declared(llvm::ArrayRef<llvm::StringRef> Words) const {
  bool Tag = Words.size() == 2 && (Words[0] == "struct" ||
                                   Words[0] == "union" || Words[0] == "enum");
  if (Words.size() != 1 && !Tag)
    return QualType();
  IdentifierInfo &Name = Ctx.Idents.get(Words.back());
  for (const NamedDecl *D : Ctx.getTranslationUnitDecl()->lookup(&Name)) {
    if (const auto *Typedef = dyn_cast<TypedefNameDecl>(D); Typedef && !Tag)
      return Ctx.getTypedefType(Typedef);
    if (const auto *TD = dyn_cast<TagDecl>(D); TD && Tag)
      return Ctx.getTagDeclType(TD);
  }
  return QualType();
}

namespace {
/// Checks the format calls of one function body.
class FormatWalker {
public:
  FormatWalker(const SummaryManager &SM, ASTContext &Ctx, const IssueSink &Sink)
      : SM(SM), Ctx(Ctx), Sink(Sink), Types(Ctx) {}

  void walk(const Stmt *S) {
    if (!S)
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      checkCall(Call);
    for (const Stmt *Child : S->children())
      walk(Child);
  }

private:
  void checkCall(const CallExpr *Call);
  void checkVarargs(const CallExpr *Call, const Summary &S);
  void checkKeywords(const CallExpr *Call, const rules::FormatRule &Rule,
                     const ParsedFormat &Parsed, Issue Base);
  void checkTypes(const CallExpr *Call, const rules::FormatRule &Rule,
                  const ParsedFormat &Parsed, const Issue &Base);
  std::optional<unsigned> keywordCount(const Expr *List) const;
  bool isNullPointer(const Expr *Arg) const;
  bool readsSsizeTLengths(const CallExpr *Call,
                          const rules::FormatRule &Rule) const;
  SourceLocation locationInFormat(const StringLiteral *Literal,
                                  unsigned Offset) const;

  const SummaryManager &SM;
  ASTContext &Ctx;
  const IssueSink &Sink;
  TypeNames Types;
};
} // namespace

/// Where a reader sees byte \p Offset of the format: the character itself
/// when the literal is written in the call, the macro otherwise.
SourceLocation FormatWalker::locationInFormat(const StringLiteral *Literal,
                                              unsigned Offset) const {
  if (Literal->getBeginLoc().isMacroID())
    return Literal->getBeginLoc();
  return Literal->getLocationOfByte(Offset, Ctx.getSourceManager(),
                                    Ctx.getLangOpts(), Ctx.getTargetInfo());
}

bool FormatWalker::readsSsizeTLengths(const CallExpr *Call,
                                      const rules::FormatRule &Rule) const {
  if (Rule.SsizeTNames.empty())
    return true;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return true;
  return llvm::is_contained(Rule.SsizeTNames, Callee->getName());
}

void FormatWalker::checkVarargs(const CallExpr *Call, const Summary &S) {
  const rules::VarargsRule &Rule = *S.Varargs;
  if (Call->getNumArgs() < Rule.First)
    return;
  unsigned Given = Call->getNumArgs() - Rule.First;
  Issue I{IssueKind::VarargsCount, Call->getBeginLoc()};
  I.Range = Call->getSourceRange();
  I.API = S.Name;
  I.Format.emplace();
  I.Format->Given = Given;
  if (Rule.NullTerminated) {
    const Expr *Last = Call->getArg(Call->getNumArgs() - 1);
    if (Given > 0 && Last->IgnoreParenCasts()->isNullPointerConstant(
                         Ctx, Expr::NPC_ValueDependentIsNotNull))
      return;
    I.Kind = IssueKind::VarargsMissingSentinel;
    I.Loc = Call->getRParenLoc();
    Sink(std::move(I));
    return;
  }
  // A count given as a constant expression; anything else is not checked.
  unsigned CountArg = Rule.Count ? *Rule.Count : *Rule.Max;
  Expr::EvalResult Result;
  const Expr *Count = Call->getArg(CountArg);
  if (Count->isValueDependent() || !Count->EvaluateAsInt(Result, Ctx))
    return;
  const llvm::APSInt &Needed = Result.Val.getInt();
  if (Needed.isNegative() || Needed == Given)
    return;
  I.Format->Needed = Needed.getZExtValue();
  I.Detail = Rule.Count ? "count" : "max";
  I.ArgIndex = CountArg;
  I.Loc = Count->getBeginLoc();
  Sink(std::move(I));
}

void FormatWalker::checkCall(const CallExpr *Call) {
  const Summary *S = SM.lookup(Call);
  if (S && S->Varargs)
    checkVarargs(Call, *S);
  if (!S || !S->Format)
    return;
  const rules::FormatRule &Rule = *S->Format;
  const StringLiteral *Literal = formatLiteral(Call, Rule);
  unsigned First = Rule.firstVararg();
  if (!Literal || Call->getNumArgs() < First)
    return;
  llvm::StringRef Text =
      Literal->getString().take_until([](char C) { return C == '\0'; });
  Issue Base{IssueKind::FormatInvalid, Literal->getBeginLoc()};
  Base.API = S->Name;
  Base.Format.emplace();
  Base.Format->Text = Text.str();

  auto Parsed =
      parseFormat(Text, Rule.Kind, SM.rules().formatUnits(), SM.version());
  if (const auto *Error = std::get_if<FormatError>(&Parsed)) {
    Issue I = Base;
    I.Loc = locationInFormat(Literal, Error->Offset);
    I.Range = Literal->getSourceRange();
    I.Format->Unit = Error->Text;
    I.Format->Defect = Error->Defect;
    Sink(std::move(I));
    return;
  }
  const auto &Units = std::get<ParsedFormat>(Parsed);
  unsigned Given = Call->getNumArgs() - First;
  if (Given != Units.NumArguments) {
    Issue I = Base;
    I.Kind = IssueKind::FormatArgumentCount;
    I.Format->Needed = Units.NumArguments;
    I.Format->Given = Given;
    if (Given > Units.NumArguments) {
      const Expr *Extra = Call->getArg(First + Units.NumArguments);
      I.Loc = Extra->getBeginLoc();
      I.Range = SourceRange(Extra->getBeginLoc(),
                            Call->getArg(Call->getNumArgs() - 1)->getEndLoc());
    } else {
      I.Range = Call->getSourceRange();
    }
    Sink(std::move(I));
    return;
  }
  if (Rule.Kind == FormatKind::ParseKeywords)
    checkKeywords(Call, Rule, Units, Base);
  checkTypes(Call, Rule, Units, Base);
}

/// The number of names in a keyword list initialised in place
/// ({"a", "b", NULL}), or std::nullopt when it cannot be seen.
std::optional<unsigned> FormatWalker::keywordCount(const Expr *List) const {
  const auto *Ref = dyn_cast<DeclRefExpr>(List->IgnoreParenCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->getType()->isArrayType())
    return std::nullopt;
  const Expr *Init = Var->getAnyInitializer();
  const auto *Items = dyn_cast_or_null<InitListExpr>(
      Init ? Init->IgnoreParenImpCasts() : nullptr);
  if (!Items)
    return std::nullopt;
  unsigned Names = 0;
  for (const Expr *Item : Items->inits()) {
    if (isa<ImplicitValueInitExpr>(Item) ||
        Item->IgnoreParenCasts()->isNullPointerConstant(
            Ctx, Expr::NPC_ValueDependentIsNotNull))
      return Names;
    ++Names;
  }
  // Elements past the initialisers are null.
  const ConstantArrayType *Array = Ctx.getAsConstantArrayType(Var->getType());
  if (Array && Array->getSize().ugt(Items->getNumInits()))
    return Names;
  return std::nullopt;
}

void FormatWalker::checkKeywords(const CallExpr *Call,
                                 const rules::FormatRule &Rule,
                                 const ParsedFormat &Parsed, Issue Base) {
  unsigned ListIndex = Rule.Index + 1;
  if (ListIndex >= Call->getNumArgs())
    return;
  const Expr *List = Call->getArg(ListIndex);
  std::optional<unsigned> Names = keywordCount(List);
  if (!Names || *Names == Parsed.NumTopLevelItems)
    return;
  Base.Kind = IssueKind::FormatKeywordCount;
  Base.Loc = List->getBeginLoc();
  Base.Range = List->getSourceRange();
  Base.ArgIndex = ListIndex;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(List->IgnoreParenCasts()))
    Base.Value = Ref->getDecl()->getNameAsString();
  Base.Format->Needed = Parsed.NumTopLevelItems;
  Base.Format->Given = *Names;
  Sink(std::move(Base));
}

/// Whether \p Arg is C++'s NULL or nullptr, which are not pointers by type
/// (C's NULL is a void pointer, accepted as one).
bool FormatWalker::isNullPointer(const Expr *Arg) const {
  switch (Arg->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)) {
  case Expr::NPCK_GNUNull:
  case Expr::NPCK_CXX11_nullptr:
    return true;
  default:
    return false;
  }
}

void FormatWalker::checkTypes(const CallExpr *Call,
                              const rules::FormatRule &Rule,
                              const ParsedFormat &Parsed, const Issue &Base) {
  const StringLiteral *Literal = formatLiteral(Call, Rule);
  unsigned First = Rule.firstVararg();
  bool SsizeTLengths = readsSsizeTLengths(Call, Rule);
  for (const FormatSlot &Slot : Parsed.Slots) {
    bool Unclean = Slot.Unit->SizeTClean && !SsizeTLengths;
    if (Unclean && Slot.Unit->UncleanTypes.empty()) {
      // The call fails whatever the arguments are: one report for the unit.
      Issue I = Base;
      I.Kind = IssueKind::FormatNeedsSsizeTClean;
      I.Loc = locationInFormat(Literal, Slot.Offset);
      I.Range = Literal->getSourceRange();
      I.Format->Unit = Slot.Unit->Unit;
      Sink(std::move(I));
      continue;
    }
    const std::vector<std::string> *SlotTypes =
        Unclean ? &Slot.Unit->UncleanTypes : &Slot.Unit->Types;
    for (unsigned K = 0; K < SlotTypes->size(); ++K) {
      const std::string &Spelling = (*SlotTypes)[K];
      std::optional<ExpectedType> Expected = Types.resolve(Spelling);
      unsigned Index = First + Slot.FirstArgument + K;
      const Expr *Arg = Call->getArg(Index);
      QualType Actual = Arg->getType();
      if (!Expected || Actual.isNull() || Actual->isDependentType() ||
          Arg->containsErrors())
        continue;
      if (isNullPointer(Arg) &&
          (Expected->AnyFunctionPointer || Expected->Type->isPointerType()))
        continue;
      if (matches(*Expected, Arg, Ctx))
        continue;
      Issue I = Base;
      I.Kind = IssueKind::FormatArgumentType;
      I.Loc = Arg->getBeginLoc();
      I.Range = Arg->getSourceRange();
      I.ArgIndex = Index;
      I.Format->Unit = Slot.Unit->Unit;
      I.Format->ExpectedType = Spelling;
      I.Format->GivenType =
          writtenType(Arg).getAsString(Ctx.getPrintingPolicy());
      Sink(std::move(I));
    }
  }
}

void pyrefleak::analysis::findFormatIssues(const FunctionDecl &FD,
                                           const SummaryManager &SM,
                                           ASTContext &Ctx,
                                           const IssueSink &Sink) {
  FormatWalker Walker(SM, Ctx, Sink);
  Walker.walk(FD.getBody());
}
