#!/usr/bin/env python3
"""Lists the functions returning PyObject * that a translation unit calls,
defines nowhere, and that no rule describes: what the checker meets as an
unknown external. With --rules KIND it prints a rules file giving them all
`returns: KIND` instead, to measure what assuming KIND for unknown externals
would report (utils/real-code-static.sh -U KIND).

    real-code-unknown-externals.py [--rules KIND] RULES_DIR AST_DUMP...

AST_DUMP is the output of `clang -fsyntax-only -Xclang -ast-dump`."""
import argparse
import glob
import os
import re

DECL = re.compile(r"FunctionDecl 0x[0-9a-f]+ (?:prev 0x[0-9a-f]+ )?<.*?> .*?"
                  r"(used |referenced )?([A-Za-z_]\w*) "
                  r"'(?:PyObject|struct _object) \*\(")
NAME = re.compile(r'name:\s*"?([A-Za-z_]\w*)')
ALIASES = re.compile(r"aliases:\s*\[([^\]]*)\]")


def depth(line):
    return len(line) - len(line.lstrip("|` -"))


def known_names(rules_dir):
    names = set()
    for path in glob.glob(os.path.join(rules_dir, "**", "*.yaml"),
                          recursive=True):
        with open(path) as f:
            text = f.read()
        names |= set(NAME.findall(text))
        for group in ALIASES.findall(text):
            names |= {a.strip().strip('"') for a in group.split(",")}
    return names


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rules", metavar="KIND")
    parser.add_argument("rules_dir")
    parser.add_argument("dumps", nargs="+")
    args = parser.parse_args()
    seen = {}  # name -> [defined, used]
    for dump in args.dumps:
        with open(dump, errors="replace") as f:
            lines = f.read().split("\n")
        for i, line in enumerate(lines):
            match = DECL.search(line)
            if not match:
                continue
            level, defined = depth(line), False
            for child in lines[i + 1:]:
                if depth(child) <= level:
                    break
                if depth(child) == level + 2 and \
                        child.lstrip("|` -").startswith("CompoundStmt"):
                    defined = True
                    break
            state = seen.setdefault(match.group(2), [False, False])
            state[0] |= defined
            state[1] |= bool(match.group(1))
    known = known_names(args.rules_dir)
    unknown = sorted(n for n, (defined, used) in seen.items()
                     if used and not defined and n not in known)
    if args.rules:
        print("functions:")
        for name in unknown:
            print("  - {name: %s, returns: %s}" % (name, args.rules))
    else:
        print("\n".join(unknown))


if __name__ == "__main__":
    main()
