"""The built artefacts: exported symbols, dependencies, headers, layout."""

import os
import re
import subprocess

import pytest

from conftest import CC, HERE

INTERFACE_INC = os.path.join(HERE, "..", "..", "runtime", "lib",
                             "interface.inc")


def dynamic_symbols(path, *options):
    out = subprocess.run(["nm", "-D"] + list(options) + [path],
                         check=True, capture_output=True, text=True).stdout
    return {line.split()[-1] for line in out.splitlines() if line.strip()}


def test_exports_are_exactly_interface_inc(build):
    with open(INTERFACE_INC) as f:
        listed = set(re.findall(r"^PYREFLEAK_INTERFACE_\w+\((\w+)\)",
                                f.read(), re.M))
    assert "__pyrefleak_runtime_v3" in listed
    exported = {s.split("@")[0] for s in
                dynamic_symbols(build.runtime, "--defined-only")}
    assert exported == listed


def test_no_link_dependency_on_python_or_the_cxx_runtime(build):
    undefined = dynamic_symbols(build.runtime, "--undefined-only")
    assert not [s for s in undefined if s.startswith(("Py", "_Py"))]
    dynamic = subprocess.run(["readelf", "-d", build.runtime], check=True,
                             capture_output=True, text=True).stdout
    needed = re.findall(r"\(NEEDED\).*\[(.*)\]", dynamic)
    assert not [n for n in needed if "python" in n or "stdc++" in n
                or "c++" in n], needed
    assert "libpyrefleak_rt.so" in re.findall(r"\(SONAME\).*\[(.*)\]",
                                              dynamic)


def test_build_tree_layout(build):
    for header in ("instrument.h", "interface.h"):
        assert os.path.exists(os.path.join(build.include_dir, "pyrefleak",
                                           header))
    package = os.path.join(build.package_dir, "pyrefleak")
    for module in ("__init__.py", "pytest_plugin.py"):
        assert os.path.exists(os.path.join(package, module))


@pytest.mark.parametrize("language", ["c", "c++"])
def test_public_headers_compile_cleanly(build, tmp_path, language):
    source = tmp_path / "use.c"
    source.write_text('#include "pyrefleak/instrument.h"\n'
                      '#include "pyrefleak/interface.h"\n'
                      "int main(void) { return __pyrefleak_runtime_v3() == 0; }\n")
    compiler = CC.replace("clang", "clang++") if language == "c++" else CC
    proc = subprocess.run(
        [compiler, "-x", language, "-Wall", "-Wextra", "-Werror", "-pedantic",
         "-I" + build.include_dir, str(source), "-o", str(tmp_path / "use"),
         "-L" + build.lib_dir, "-lpyrefleak_rt",
         "-Wl,-rpath," + build.lib_dir], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert subprocess.run([str(tmp_path / "use")]).returncode == 0
