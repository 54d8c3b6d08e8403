#!/usr/bin/env python3
"""Create the pieces of a new pyrefleak check, all named after it.

    utils/add-check.py borrowed-return "a borrowed reference is returned"

writes, for check `pyrefleak-borrowed-return` (class BorrowedReturnCheck):

  clang-plugin/lib/Tidy/BorrowedReturnCheck.{h,cpp}   the clang-tidy check
  clang-plugin/lib/Tidy/PyRefLeakTidyModule.cpp       its registerCheck line
  clang-plugin/lib/Tidy/CMakeLists.txt                its source file
  clang-plugin/docs/checks/pyrefleak-borrowed-return.md
  test/tidy/pyrefleak-borrowed-return.c               a test that fails until
                                                      the analysis reports it
  README.md, clang-plugin/docs/checks/README.md       a line in the check list
  clang-plugin/include/pyrefleak/IssueKinds.def       the PYREFLEAK_CHECK row

The analysis still has to produce issues of the new kind: add its
PYREFLEAK_ISSUE rows, the texts in lib/Diagnostics/IssueText.cpp and the
code in lib/Analysis. Modelled on clang-tidy's add_new_check.py.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys

TIDY = "clang-plugin/lib/Tidy"
MODULE = TIDY + "/PyRefLeakTidyModule.cpp"
CMAKE = TIDY + "/CMakeLists.txt"
DOCS = "clang-plugin/docs/checks"
KINDS = "clang-plugin/include/pyrefleak/IssueKinds.def"
LIST_BEGIN = "<!-- pyrefleak-checks-begin -->"
LIST_END = "<!-- pyrefleak-checks-end -->"


def camel(name):
    return "".join(part[:1].upper() + part[1:] for part in name.split("-"))


def banner(filename, what, cxx_header):
    """An LLVM file banner padded to 80 columns."""
    head = "//===- %s - %s " % (filename, what)
    tail = "*- C++ -*-===//" if cxx_header else "===//"
    return head + "-" * max(3, 80 - len(head) - len(tail)) + tail


def write_new(root, rel, text, created):
    path = os.path.join(root, rel)
    if os.path.exists(path):
        sys.exit("add-check: %s already exists" % rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    created.append(rel)


def edit(root, rel, change, created):
    path = os.path.join(root, rel)
    if not os.path.exists(path):
        print("add-check: %s not found; add the line yourself" % rel,
              file=sys.stderr)
        return
    with open(path) as f:
        old = f.read()
    new = change(old)
    if new != old:
        with open(path, "w") as f:
            f.write(new)
        created.append(rel)


def header_text(name, cls, summary):
    guard = "PYREFLEAK_TIDY_%s_H" % cls.upper()
    return """{banner}
//
/// \\file
/// pyrefleak-{name}: {summary}.
//
//===----------------------------------------------------------------------===//

#ifndef {guard}
#define {guard}

#include "PyRefLeakCheck.h"

namespace pyrefleak::tidy {{

/// {Summary}.
/// Docs: docs/checks/pyrefleak-{name}.md
class {cls} : public PyRefLeakCheck {{
public:
  {cls}(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx);
}};

}} // namespace pyrefleak::tidy

#endif // {guard}
""".format(banner=banner(cls + ".h", "pyrefleak-" + name, True), name=name,
           summary=summary, Summary=summary[:1].upper() + summary[1:],
           guard=guard, cls=cls)


def source_text(name, cls, kind):
    return """{banner}
//
/// \\file
/// The analysis finds the issues; this check reports those of its kind.
//
//===----------------------------------------------------------------------===//

#include "{cls}.h"

using namespace clang::tidy;
using namespace pyrefleak;
using namespace pyrefleak::tidy;

{cls}::{cls}(llvm::StringRef Name, ClangTidyContext *Ctx)
    : PyRefLeakCheck(Name, Ctx, CheckKind::{kind}) {{}}
""".format(banner=banner(cls + ".cpp", "pyrefleak-" + name, False), cls=cls,
           kind=kind)


def doc_text(name, summary):
    return """# pyrefleak-{name}

{Summary}.

## Example

```c
#include <Python.h>

/* TODO: the smallest code that has the problem, and the fix. */
```

## Options

Shared by all pyrefleak checks and read with `getLocalOrGlobal`: see
[the common options](README.md#options).

### RulesDir
Directory of the built-in rules. Default: empty, the installed
`share/pyrefleak/rules`.

### RulesFiles
Extra rules files for the project's own API, separated by `;` or `,`.
Default: empty.

### PathBudget
States the path-sensitive analysis explores per function before giving up
on it. Default: 20000.

## Suppressing

`// NOLINT(pyrefleak-{name})` on the line, `// NOLINTNEXTLINE(pyrefleak-{name})`
above it, or `NOLINTBEGIN(pyrefleak-{name})`/`NOLINTEND(pyrefleak-{name})` around a
region.
""".format(name=name, Summary=summary[:1].upper() + summary[1:])


def test_text(name):
    return """// pyrefleak-{name}: TODO describe the construct this file tests.
// RUN: %clang_tidy -load %pyrefleak_tidy -checks='-*,pyrefleak-{name}' %s -- -I%python_include | FileCheck --check-prefix=CHECK-MESSAGES --implicit-check-not='warning:' %s
#include <Python.h>

// TODO: replace with the smallest function that has the problem. This test
// fails until the analysis reports it.
PyObject *example(PyObject *self, PyObject *args) {{
  Py_RETURN_NONE;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: TODO [pyrefleak-{name}]
}}
""".format(name=name)


def add_registration(text, cls, name):
    """Adds the #include and the registerCheck line, both kept sorted."""
    includes = re.findall(r'^#include "(\w+Check)\.h"\n', text, re.M)
    if cls not in includes:
        line = '#include "%s.h"\n' % cls
        later = [i for i in includes if i > cls]
        if later:
            anchor = '#include "%s.h"\n' % later[0]
            text = text.replace(anchor, line + anchor, 1)
        elif includes:
            anchor = '#include "%s.h"\n' % includes[-1]
            text = text.replace(anchor, anchor + line, 1)
        else:
            at = text.index('#include "clang-tidy/')
            text = text[:at] + line + text[at:]
    pattern = re.compile(
        r'^[ \t]*Factories\.registerCheck<(\w+)>\(\s*"([^"]+)"\);\n', re.M)
    entries = {m.group(2): m.group(1) for m in pattern.finditer(text)}
    if "pyrefleak-" + name in entries:
        return text
    matches = list(pattern.finditer(text))
    if matches:
        start, end = matches[0].start(), matches[-1].end()
    else:
        start = end = text.index("\n", text.index("addCheckFactories(")) + 1
    entries["pyrefleak-" + name] = cls
    block = ""
    for check in sorted(entries):
        one = '    Factories.registerCheck<%s>("%s");\n' % (entries[check], check)
        if len(one) > 81:
            one = ('    Factories.registerCheck<%s>(\n        "%s");\n' %
                   (entries[check], check))
        block += one
    return text[:start] + block + text[end:]


def add_source(text, cls):
    files = re.findall(r"^\s+(\w+\.cpp)$", text, re.M)
    new = cls + ".cpp"
    if new in files:
        return text
    later = sorted(f for f in files if f > new)
    if later:
        return re.sub(r"^(\s+)%s$" % re.escape(later[0]),
                      lambda m: "%s%s\n%s%s" % (m.group(1), new, m.group(1),
                                                later[0]),
                      text, count=1, flags=re.M)
    last = files[-1]
    return re.sub(r"^(\s+)%s$" % re.escape(last),
                  lambda m: "%s%s\n%s%s" % (m.group(1), last, m.group(1), new),
                  text, count=1, flags=re.M)


def add_kind(text, kind, name, summary):
    if re.search(r'PYREFLEAK_CHECK\(\w+,\s*"%s"' % re.escape(name), text):
        return text
    rows = list(re.finditer(r"^PYREFLEAK_CHECK\([^;]*?\)\n", text, re.M | re.S))
    row = 'PYREFLEAK_CHECK(%s, "%s", "%s")\n' % (kind, name, summary)
    at = rows[-1].end()
    return text[:at] + row + text[at:]


def add_list_line(text, line):
    if LIST_BEGIN not in text or LIST_END not in text:
        print("add-check: no %s ... %s list; add '%s' yourself" %
              (LIST_BEGIN, LIST_END, line.strip()), file=sys.stderr)
        return text
    begin = text.index(LIST_BEGIN) + len(LIST_BEGIN)
    end = text.index(LIST_END)
    lines = [l for l in text[begin:end].strip("\n").split("\n") if l.strip()]
    if line in lines:
        return text
    lines = sorted(lines + [line])
    return text[:begin] + "\n" + "\n".join(lines) + "\n" + text[end:]


def main():
    root_default = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("name", help="check name, with or without 'pyrefleak-'")
    parser.add_argument("summary", help="one line, lower-case, no final period")
    parser.add_argument("--root", default=root_default,
                        help="project root (default: this checkout)")
    args = parser.parse_args()

    name = args.name
    if name.startswith("pyrefleak-"):
        name = name[len("pyrefleak-"):]
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", name):
        sys.exit("add-check: '%s' is not a lower-case, dash-separated name" %
                 name)
    summary = args.summary.strip().rstrip(".")
    kind = camel(name)
    cls = kind + "Check"
    root = args.root
    created = []

    write_new(root, "%s/%s.h" % (TIDY, cls), header_text(name, cls, summary),
              created)
    write_new(root, "%s/%s.cpp" % (TIDY, cls), source_text(name, cls, kind),
              created)
    write_new(root, "%s/pyrefleak-%s.md" % (DOCS, name),
              doc_text(name, summary), created)
    write_new(root, "test/tidy/pyrefleak-%s.c" % name, test_text(name), created)
    edit(root, MODULE, lambda t: add_registration(t, cls, name), created)
    edit(root, CMAKE, lambda t: add_source(t, cls), created)
    edit(root, KINDS, lambda t: add_kind(t, kind, name, summary), created)
    edit(root, "README.md", lambda t: add_list_line(
        t, "- [pyrefleak-%s](%s/pyrefleak-%s.md): %s" % (name, DOCS, name,
                                                         summary)), created)
    edit(root, DOCS + "/README.md", lambda t: add_list_line(
        t, "- [pyrefleak-%s](pyrefleak-%s.md): %s" % (name, name, summary)),
        created)
    # The templates follow LLVM style, except where a long name overflows.
    formatter = next((shutil.which(f) for f in ("clang-format-19",
                      "clang-format") if shutil.which(f)), None)
    if formatter:
        subprocess.run([formatter, "-style=LLVM", "-i"] +
                       [os.path.join(root, "%s/%s.%s" % (TIDY, cls, ext))
                        for ext in ("h", "cpp")], check=False)
    for rel in created:
        print(rel)


if __name__ == "__main__":
    main()
