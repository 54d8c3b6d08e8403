#!/usr/bin/env python3
"""Runs a command with its output discarded and prints "exit status N", for
FileCheck: lit's shell has no $?."""
import subprocess
import sys

status = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL).returncode
print("exit status %d" % status)
