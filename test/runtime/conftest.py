"""Shared fixtures for the runtime tests.

The tests build real C extensions against the real Python headers, link
them with the built libpyrefleak_rt.so (rpath), and run them in fresh
/usr/bin/python3 processes, reading the runtime's text and JSON reports.
Environment:
  PYREFLEAK_BUILD_DIR   build tree holding lib/libpyrefleak_rt.so
                        (default: build/ of this checkout)
  PYREFLEAK_TEST_PYTHON interpreter (default /usr/bin/python3)
  PYREFLEAK_TEST_CC     C compiler (default clang-19)
"""

import json
import os
import re
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
INPUTS = os.path.join(HERE, "Inputs")
BUILD_DIR = os.path.abspath(
    os.environ.get("PYREFLEAK_BUILD_DIR", os.path.join(HERE, "..", "..", "build")))
PYTHON = os.environ.get("PYREFLEAK_TEST_PYTHON", "/usr/bin/python3")
PYTHON_DBG = "/usr/bin/python3-dbg"
CC = os.environ.get("PYREFLEAK_TEST_CC", "clang-19")

BANNER = re.compile(
    r"^==(\d+)==ERROR: pyrefleak: leak: owned references never released$",
    re.M)
SUMMARY = re.compile(
    r"^SUMMARY: pyrefleak: (\d+) leaked references? at (\d+) sites?$", re.M)


def marked_line(source, marker):
    """Line number of the line holding `/* SITE:<marker> */`."""
    with open(source, encoding="utf-8") as f:
        for number, text in enumerate(f, start=1):
            if "SITE:%s */" % marker in text:
                return number
    raise LookupError("no SITE:%s in %s" % (marker, source))


class Build(object):
    def __init__(self, root):
        self.root = root
        self.lib_dir = os.path.join(root, "lib")
        self.runtime = os.path.join(self.lib_dir, "libpyrefleak_rt.so")
        self.include_dir = os.path.join(root, "include")
        self.package_dir = os.path.join(self.lib_dir, "pyrefleak", "python")


def python_config(python):
    out = subprocess.run(
        [python, "-c", "import sysconfig, json; print(json.dumps(["
         "sysconfig.get_config_var('EXT_SUFFIX'), "
         "sysconfig.get_paths()['include']]))"],
        check=True, capture_output=True, text=True).stdout
    return json.loads(out)


@pytest.fixture(scope="session")
def build():
    b = Build(BUILD_DIR)
    if not os.path.exists(b.runtime):
        pytest.fail("%s not found: build the runtime first (cmake --build %s "
                    "--target pyrefleak_rt), or set PYREFLEAK_BUILD_DIR"
                    % (b.runtime, BUILD_DIR))
    return b


class Extension(object):
    """A compiled C file: an extension module or a program."""

    def __init__(self, name, source, path):
        self.name = name
        self.source = source
        self.path = path
        self.dir = os.path.dirname(path)

    def line(self, marker):
        return marked_line(self.source, marker)


@pytest.fixture(scope="session")
def compile_c(build, tmp_path_factory):
    """compile_c(name, sources, python=PYTHON, program=False, flags=())
    builds sources into <tmp>/<name><EXT_SUFFIX> (or an executable)."""
    configs = {}

    def compile_c(name, sources, python=PYTHON, program=False, flags=()):
        if python not in configs:
            configs[python] = python_config(python)
        suffix, include = configs[python]
        out_dir = tmp_path_factory.mktemp(name)
        path = os.path.join(str(out_dir), name if program else name + suffix)
        sources = [s if os.path.isabs(s) else os.path.join(INPUTS, s)
                   for s in sources]
        # Debian's pyconfig.h includes <x86_64-linux-gnu/python3.X/...>
        # from the include root, which an unpacked interpreter has beside
        # its headers rather than in /usr/include.
        command = [CC, "-O2", "-g", "-Wall", "-Werror", "-I" + include,
                   "-idirafter", os.path.dirname(include),
                   "-I" + build.include_dir, "-I" + INPUTS]
        command += list(flags) + sources
        command += [] if program else ["-shared", "-fPIC"]
        command += ["-o", path, "-L" + build.lib_dir, "-lpyrefleak_rt",
                    "-Wl,-rpath," + build.lib_dir, "-pthread"]
        proc = subprocess.run(command, capture_output=True, text=True)
        if proc.returncode != 0:
            pytest.fail("compilation failed: %s\n%s" % (" ".join(command),
                                                        proc.stderr))
        return Extension(name, sources[0], path)

    return compile_c


@pytest.fixture(scope="session")
def rtmod(compile_c):
    return compile_c("rtmod", ["rtmod.c"])


class Run(object):
    """A finished Python (or program) run and its reports."""

    def __init__(self, proc, json_path):
        self.proc = proc
        self.returncode = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr
        self.json_path = json_path

    @property
    def report(self):
        with open(self.json_path) as f:
            return json.load(f)

    def leaks(self, function=None, line=None, api=None):
        found = []
        for leak in self.report["leaks"]:
            if function is not None and leak["function"] != function:
                continue
            if line is not None and leak["line"] != line:
                continue
            if api is not None and leak["api"] != api:
                continue
            found.append(leak)
        return found

    def leaked(self, **fields):
        return sum(leak["leaked_references"] for leak in self.leaks(**fields))


@pytest.fixture
def run(build, tmp_path):
    """run(code, modules=(), options="", env=None, python=PYTHON,
    argv=None, json=True) runs `code` in a fresh interpreter with the
    modules' directories and the pyrefleak package on sys.path, and
    PYREFLEAK_OPTIONS=<options>:json_report=<tmp>/report.json."""
    counter = [0]

    def run(code="", modules=(), options="", env=None, python=PYTHON,
            argv=None, json_report=True, cwd=None, timeout=300):
        counter[0] += 1
        json_path = os.path.join(str(tmp_path), "report%d.json" % counter[0])
        full_env = dict(os.environ)
        for name in ("PYREFLEAK_OPTIONS", "PYREFLEAK_RUNTIME", "PYTHONPATH",
                     "PYTHONMALLOC"):
            full_env.pop(name, None)
        paths = [m.dir for m in modules] + [build.package_dir]
        full_env["PYTHONPATH"] = os.pathsep.join(paths)
        opts = [options] if options else []
        if json_report:
            opts.append("json_report=" + json_path)
        if opts:
            full_env["PYREFLEAK_OPTIONS"] = ":".join(opts)
        full_env.update(env or {})
        command = argv if argv is not None else [python, "-c", code]
        proc = subprocess.run(command, capture_output=True, text=True,
                              env=full_env, cwd=cwd or str(tmp_path),
                              timeout=timeout)
        return Run(proc, json_path)

    return run
