"""Compiles each file with and without --instrument and prints the files
whose diagnostics differ, then how many were compared."""
import shlex
import subprocess
import sys


def diagnostics(command, path):
    proc = subprocess.run(command + [path], capture_output=True, text=True)
    return sorted(line for line in proc.stderr.splitlines()
                  if ": warning:" in line or ": error:" in line or ": note:" in line)


def main():
    compiler = shlex.split(sys.argv[1])
    files = sys.argv[2:]
    different = 0
    for path in files:
        plain = diagnostics(compiler, path)
        instrumented = diagnostics(compiler[:1] + ["--instrument"] + compiler[1:], path)
        if plain != instrumented:
            different += 1
            print("diagnostics differ in", path)
            for line in sorted(set(plain) ^ set(instrumented)):
                print("  ", "only plain:" if line in plain else "only instrumented:", line)
    if not different:
        print("same diagnostics in %d files" % len(files))
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
