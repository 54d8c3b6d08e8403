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
# %check_plugin: the plugin on a syntax-only compile with -verify, the way
# clang's own analysis tests are written.
config.substitutions.append(
    ("%clang_verify",
     "%s -fsyntax-only -Xclang -verify -fplugin=%s -fplugin-arg-pyrefleak-rules-dir=%s -I%s %s"
     % (config.clang, plugin, rules, config.python_include, python_compat)))
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
for tool in ("meson", "ninja", "make", "bear", "gcc"):
    if shutil.which(tool):
        config.available_features.add(tool)
if os.system(config.python + " -c 'import setuptools' 2>/dev/null") == 0:
    config.available_features.add("setuptools")
