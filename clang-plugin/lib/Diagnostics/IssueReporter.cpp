//===- IssueReporter.cpp - Issues to diagnostics --------------------------===//
//
/// \file
/// Filtering (enabled checks, NOLINT, duplicates) and the compiler front
/// end's way of emitting: custom diagnostic IDs, which clang 19 does not map
/// through -Werror, so the level is chosen here.
//
//===----------------------------------------------------------------------===//

#include "pyrefleak/Diagnostics/IssueReporter.h"
#include "pyrefleak/Diagnostics/IssueText.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/GlobPattern.h"

using namespace clang;
using namespace llvm;
using namespace pyrefleak;
using namespace pyrefleak::diag;

CheckSet CheckSet::all() {
  CheckSet S;
  S.Bits.set();
  return S;
}

CheckSet CheckSet::none() { return CheckSet(); }

/// Whether glob \p Pattern names check \p C ("leak", "pyrefleak-leak",
/// "pyrefleak-*", "*").
static bool globMatches(StringRef Pattern, CheckKind C) {
  std::string Full = ("pyrefleak-" + checkName(C)).str();
  if (!Pattern.contains('-') && !Pattern.contains('*'))
    return Pattern == checkName(C);
  Expected<GlobPattern> Glob = GlobPattern::create(Pattern);
  if (!Glob) {
    consumeError(Glob.takeError());
    return false;
  }
  return Glob->match(Full) || Glob->match(checkName(C));
}

std::vector<std::string> CheckSet::apply(StringRef Globs) {
  std::vector<std::string> Unmatched;
  SmallVector<StringRef, 8> Items;
  Globs.split(Items, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (StringRef Item : Items) {
    Item = Item.trim();
    bool Negated = Item.consume_front("-");
    bool Matched = false;
    for (unsigned I = 0; I < NumChecks; ++I) {
      if (!globMatches(Item, CheckKind(I)))
        continue;
      Bits.set(I, !Negated);
      Matched = true;
    }
    // Other tools' checks may share a clang-tidy list; only names that
    // claim to be ours must match one of ours.
    if (!Matched && (Item.starts_with("pyrefleak-") || !Item.contains('-')) &&
        Item != "*")
      Unmatched.push_back(Item.str());
  }
  return Unmatched;
}

/// Whether a NOLINT-style marker in \p Text names check \p C: a bare
/// marker names every check, "(a,b)" names a list of globs.
static bool markerNames(StringRef Text, StringRef Marker, CheckKind C) {
  size_t At = Text.find(Marker);
  while (At != StringRef::npos) {
    StringRef Rest = Text.substr(At + Marker.size());
    // NOLINT must not match the NOLINTNEXTLINE/NOLINTBEGIN spellings.
    if (Rest.empty() || !(llvm::isAlnum(Rest[0]) || Rest[0] == '_')) {
      if (!Rest.consume_front("("))
        return true;
      StringRef List = Rest.take_until([](char Ch) { return Ch == ')'; });
      SmallVector<StringRef, 4> Globs;
      List.split(Globs, ',');
      for (StringRef Glob : Globs)
        if (globMatches(Glob.trim(), C))
          return true;
    }
    At = Text.find(Marker, At + Marker.size());
  }
  return false;
}

bool pyrefleak::diag::isSilencedByNolint(const SourceManager &SM, SourceLocation Loc,
                              CheckKind C) {
  Loc = SM.getExpansionLoc(Loc);
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (Invalid)
    return false;
  size_t LineStart = Buffer.rfind('\n', Offset);
  LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
  size_t LineEnd = Buffer.find('\n', Offset);
  StringRef Line = Buffer.slice(LineStart, LineEnd);
  if (markerNames(Line, "NOLINT", C))
    return true;
  if (LineStart > 0) {
    size_t PrevStart = Buffer.rfind('\n', LineStart - 1);
    PrevStart = PrevStart == StringRef::npos ? 0 : PrevStart + 1;
    if (markerNames(Buffer.slice(PrevStart, LineStart), "NOLINTNEXTLINE", C))
      return true;
  }
  // Inside a NOLINTBEGIN ... NOLINTEND region for this check.
  StringRef Before = Buffer.take_front(LineStart);
  size_t Begin = Before.rfind("NOLINTBEGIN");
  if (Begin == StringRef::npos)
    return false;
  size_t End = Before.rfind("NOLINTEND");
  if (End != StringRef::npos && End > Begin)
    return false;
  StringRef BeginLine = Before.substr(Begin).take_until(
      [](char Ch) { return Ch == '\n'; });
  return markerNames(BeginLine, "NOLINTBEGIN", C);
}

void IssueReporter::report(const Issue &I) {
  CheckKind C = checkOf(I.Kind);
  if (!Enabled.contains(C) || I.Loc.isInvalid())
    return;
  SourceLocation Loc = SM.getExpansionLoc(I.Loc);
  if (!handlesNolint() && isSilencedByNolint(SM, Loc, C))
    return;
  std::string Text = headline(I);
  SourceLocation Created;
  for (const TrailStep &Step : I.Trail)
    if (Step.StepKind == TrailStep::Kind::Created && Step.Loc.isValid()) {
      Created = SM.getExpansionLoc(Step.Loc);
      break;
    }
  if (!Seen.insert({Loc.getRawEncoding(), unsigned(C), Text,
                    Created.getRawEncoding()})
           .second)
    return;
  if (!emitWarning(C, Loc, Text, I.Range, I.FixIts))
    return;
  for (const TrailStep &Step : I.Trail)
    if (Step.Loc.isValid())
      emitNote(SM.getExpansionLoc(Step.Loc), stepText(I, Step));
  std::string Fix = fixText(I);
  if (!Fix.empty())
    emitNote(Loc, Fix);
}

void IssueReporter::reportError(const ConfigError &E) {
  if (E.Loc.isInvalid())
    return;
  emitError(SM.getExpansionLoc(E.Loc), errorText(E));
}

void IssueReporter::emitError(SourceLocation Loc, StringRef Text) {
  emitWarning(CheckKind::Leak, Loc, Text, SourceRange(), {});
}

CompilerIssueReporter::CompilerIssueReporter(DiagnosticsEngine &Diags,
                                             const SourceManager &SM,
                                             CheckSet Errors)
    : IssueReporter(SM), Diags(Diags), Errors(Errors) {}

bool CompilerIssueReporter::emitWarning(CheckKind C, SourceLocation Loc,
                                        StringRef Text, SourceRange Range,
                                        ArrayRef<FixItHint> FixIts) {
  bool AsError = Errors.contains(C) || Diags.getWarningsAsErrors();
  if (!AsError && Diags.getIgnoreAllWarnings())
    return false;
  unsigned ID = Diags.getCustomDiagID(AsError ? DiagnosticsEngine::Error
                                              : DiagnosticsEngine::Warning,
                                      "%0 %1");
  auto Builder = Diags.Report(Loc, ID);
  Builder << Text << checkTag(C);
  if (Range.isValid())
    Builder << CharSourceRange::getTokenRange(SM.getExpansionRange(Range).getAsRange());
  for (const FixItHint &Fix : FixIts)
    Builder << Fix;
  return true;
}

void CompilerIssueReporter::emitNote(SourceLocation Loc, StringRef Text) {
  unsigned ID = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");
  Diags.Report(Loc, ID) << Text;
}

void CompilerIssueReporter::emitError(SourceLocation Loc, StringRef Text) {
  unsigned ID = Diags.getCustomDiagID(DiagnosticsEngine::Error, "%0");
  Diags.Report(Loc, ID) << ("pyrefleak: " + Text).str();
}
