# lit configuration for pyrefleak. Every test compiles real C against the
# real CPython headers with the real plugin.
import os
import lit.formats

config.name = "pyrefleak"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".test", ".yaml"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = config.pyrefleak_test_exec_root

# Another CPython to test against (utils/run-tests.sh runs the static suites
# once per header set of build/pythons/manifest.tsv, and the run-time ones
# once per interpreter): `--param python_include=DIR`, and
# `--param python=INTERPRETER` (with pytest) where there is a real one.
if "python_include" in lit_config.params:
    config.python_include = lit_config.params["python_include"]
    config.python = lit_config.params.get("python") or config.python
    config.name += " (%s)" % os.path.basename(config.python_include)

obj = config.pyrefleak_obj_root
plugin = os.path.join(obj, "lib", "PyRefLeak.so")
rules = os.path.join(obj, "share", "pyrefleak", "rules")
config.substitutions.append(("%pyrefleak_cc", os.path.join(obj, "bin", "pyrefleak-cc")))
config.substitutions.append(("%pyrefleak_rules_tool", os.path.join(obj, "bin", "pyrefleak-rules")))
config.substitutions.append(("%pyrefleak_plugin", plugin))
config.substitutions.append(("%rules_dir", rules))
# Code for 3.9 takes Py_NewRef and friends from a compatibility header, as
# real extensions do (%python_compat force-includes ours); a free-threaded
# build's headers refuse the limited API.
def header_macro(name, header):
    import re
    path = os.path.join(config.python_include, header)
    text = open(path).read() if os.path.exists(path) else ""
    match = re.search(r"^#define %s\s+(\S+)" % name, text, re.M)
    return match.group(1) if match else None
python_minor = int(header_macro("PY_MINOR_VERSION", "patchlevel.h") or 0)
python_compat = ("-include " + os.path.join(config.test_source_root, "Inputs", "capi-compat.h")
                 if python_minor < 10 else "")
config.substitutions.append(("%python_compat", python_compat))
# 3.12+ headers: None, True, False and small ints are immortal, and the
# headers' return macros stop taking references to them.
if python_minor >= 12:
    config.available_features.add("immortal-objects")
# python-ge-3.N: headers of 3.N or later (XFAIL on what a version changed).
for minor in range(9, python_minor + 1):
    config.available_features.add("python-ge-3.%d" % minor)
if header_macro("Py_GIL_DISABLED", "pyconfig.h"):
    config.available_features.add("free-threaded-headers")
config.substitutions.append(("%python_include", config.python_include))
# Every header set of build/pythons/manifest.tsv (utils/pythons.sh), for
# the tests that look across versions at once; the current one without it.
manifest = os.path.join(obj, "pythons", "manifest.tsv")
header_sets = ([line.split("\t")[1] for line in open(manifest).read().splitlines()]
               if os.path.exists(manifest) else [config.python_include])
config.substitutions.append(
    ("%python_header_sets", " ".join("--headers " + d for d in header_sets)))
config.substitutions.append(("%python", config.python))
config.substitutions.append(("%shared", config.shared_dir))
config.substitutions.append(("%src_root", config.pyrefleak_src_root))
config.substitutions.append(("%obj_root", obj))
config.substitutions.append(("%clang_tidy", config.clang_tidy))
# %clang_verify: the plugin on a syntax-only compile with -verify, the way
# clang's own analysis tests are written. Besides `expected-`, directives
# may name the versions they hold for: `since-3-12-warning` (3.12 and
# later), `before-3-10-note`, `py3-10-to-3-12-warning` (inclusive), and
# `free-threaded-`/`with-gil-` for the build's kind.
verify_prefixes = ["expected"]
verify_prefixes += ["since-3-%d" % m for m in range(9, python_minor + 1)]
verify_prefixes += ["before-3-%d" % m for m in range(python_minor + 1, 16)]
verify_prefixes += ["py3-%d-to-3-%d" % (a, b) for a in range(9, python_minor + 1)
                    for b in range(python_minor, 16) if a < b]
verify_prefixes.append("free-threaded" if header_macro("Py_GIL_DISABLED", "pyconfig.h")
                       else "with-gil")
verify = "%s -fsyntax-only -Xclang -verify=%s -fplugin=%s -fplugin-arg-pyrefleak-rules-dir=%s -I%s" % (
    config.clang, ",".join(verify_prefixes), plugin, rules, config.python_include)
config.substitutions.append(("%clang_verify", "%s %s" % (verify, python_compat)))
# Instrumenting: the runtime's declarations come first, as pyrefleak-cc
# --instrument includes them, before any header of the code's own.
config.substitutions.append(
    ("%clang_instrument_verify",
     "%s -fplugin-arg-pyrefleak-instrument -include %s %s"
     % (verify, os.path.join(config.pyrefleak_src_root, "runtime", "include", "pyrefleak",
                             "instrument.h"), python_compat)))
config.substitutions.append(("%clang", config.clang))
config.substitutions.append(("FileCheck", config.filecheck))

# python3-dbg's Py_DEBUG headers, next to the release ones.
if os.path.isdir(config.python_include + "d"):
    config.available_features.add("python-debug-headers")
    config.substitutions.append(("%python_debug_include", config.python_include + "d"))
if os.path.isdir(os.path.join(config.shared_dir, "acceptance")):
    config.available_features.add("shared")
# FileCheck, count, not and friends come from LLVM's tools directory.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
# Tests must not pick up the user's environment.
config.environment["PYREFLEAK_OPTIONS"] = ""
for var in ("PYREFLEAK_INSTRUMENT", "PYREFLEAK_CLANG"):
    config.environment.pop(var, None)

# Front ends: the clang-tidy module, pyrefleak-clangd and `pyrefleak scan`.
config.substitutions.append(("%pyrefleak_tidy", os.path.join(obj, "lib", "PyRefLeakTidy.so")))
config.substitutions.append(("%pyrefleak_clangd", os.path.join(obj, "bin", "pyrefleak-clangd")))
config.substitutions.append(("%pyrefleak_scan", os.path.join(obj, "bin", "pyrefleak") + " scan"))
if os.path.exists(os.path.join(obj, "bin", "pyrefleak-clangd")):
    config.available_features.add("pyrefleak-clangd")
import shutil
for tool in ("meson", "ninja", "make", "bear", "gcc", "g++"):
    if shutil.which(tool):
        config.available_features.add(tool)
# Cython 3's C for a few standard-library modules (utils/cython-output.sh).
if os.path.exists(os.path.join(obj, "cython", "textwrap.c")):
    config.available_features.add("cython-output")
if os.system(config.python + " -c 'import setuptools' 2>/dev/null") == 0:
    config.available_features.add("setuptools")
# Real suites (test/real-suites) download sdists: only where PyPI answers
# and setuptools and pytest are there to build and run them.
if os.system(config.python + " -c 'import setuptools, pytest, urllib.request; "
             "urllib.request.urlopen(\"https://pypi.org/simple/msgpack/\", "
             "timeout=5)' >/dev/null 2>&1") == 0:
    config.available_features.add("pypi")
else:
    lit_config.note("PyPI is not reachable (or setuptools/pytest missing): "
                    "the real extension suites of test/real-suites are skipped")
