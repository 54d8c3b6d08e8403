#!/usr/bin/env python3
"""A minimal LSP client for testing pyrefleak-clangd over stdio.

    lsp-client.py --workspace DIR --file NAME --open TEXT [--change TEXT]...
                  [--timeout S] -- SERVER [ARGS...]

Starts SERVER, initializes it with DIR as the workspace root, opens
DIR/NAME with the contents of the file TEXT as unsaved text (nothing is
written to DIR/NAME), then replaces the whole text with each --change file
in turn. After each step it waits for the publishDiagnostics of that
document version and prints them, one line each, sorted:

    publishDiagnostics version=1
    4:28 warning pyrefleak-leak clang-tidy: <message>
    publishDiagnostics version=2
    (no diagnostics)

Lines and columns are 1-based, as in compiler output. Exits non-zero when
the server dies or a step times out.
"""

import argparse
import json
import os
import queue
import subprocess
import sys
import threading

SEVERITY = {1: "error", 2: "warning", 3: "information", 4: "hint"}


class Server:
    def __init__(self, argv, log):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=log)
        self.messages = queue.Queue()
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            if length is None:
                continue
            self.messages.put(json.loads(out.read(length)))

    def send(self, message):
        message["jsonrpc"] = "2.0"
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method, params, timeout):
        ident = self.next_id
        self.next_id += 1
        self.send({"id": ident, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == ident and "method" not in m,
                         timeout, method)

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def wait(self, predicate, timeout, what):
        while True:
            try:
                message = self.messages.get(timeout=timeout)
            except queue.Empty:
                sys.exit("lsp-client: timed out waiting for %s" % what)
            if message is None:
                sys.exit("lsp-client: server exited while waiting for %s" %
                         what)
            # Answer the server's own requests (window/workDoneProgress/
            # create, workspace/configuration) so that it does not stall.
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": None})
                continue
            if predicate(message):
                return message


def print_diagnostics(message):
    params = message["params"]
    print("publishDiagnostics version=%s" % params.get("version"))
    lines = []
    for diag in params["diagnostics"]:
        start = diag["range"]["start"]
        line = "%d:%d %s %s %s: %s" % (
            start["line"] + 1, start["character"] + 1,
            SEVERITY.get(diag.get("severity"), "?"), diag.get("code", "-"),
            diag.get("source", "-"), diag["message"].replace("\n", " | "))
        for related in diag.get("relatedInformation", []):
            at = related["location"]["range"]["start"]
            line += "\n  related %d:%d: %s" % (
                at["line"] + 1, at["character"] + 1,
                related["message"].replace("\n", " | "))
        lines.append(line)
    for line in sorted(lines, key=lambda l: [int(x) for x in
                                             l.split(" ")[0].split(":")]):
        print(line)
    if not lines:
        print("(no diagnostics)")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workspace", required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--open", required=True)
    parser.add_argument("--change", action="append", default=[])
    parser.add_argument("--language", default="c")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--log", help="file for the server's stderr")
    parser.add_argument("server", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    server_argv = args.server[1:] if args.server[:1] == ["--"] else args.server
    if not server_argv:
        parser.error("no server command after --")

    workspace = os.path.abspath(args.workspace)
    root_uri = "file://" + workspace
    uri = root_uri + "/" + args.file
    log = open(args.log, "wb") if args.log else subprocess.DEVNULL
    server = Server(server_argv, log)

    server.request("initialize", {
        "processId": os.getpid(),
        "rootUri": root_uri,
        "capabilities": {"textDocument": {"publishDiagnostics": {
            "relatedInformation": True, "codeDescriptionSupport": True}}},
    }, args.timeout)
    server.notify("initialized", {})

    def published(version):
        return lambda m: (m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == uri
                          and m["params"].get("version") == version)

    with open(args.open) as f:
        text = f.read()
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": args.language, "version": 1, "text": text}})
    print_diagnostics(server.wait(published(1), args.timeout, "diagnostics"))

    for version, path in enumerate(args.change, start=2):
        with open(path) as f:
            text = f.read()
        server.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]})
        print_diagnostics(server.wait(published(version), args.timeout,
                                      "diagnostics"))

    server.request("shutdown", None, args.timeout)
    server.notify("exit", None)
    try:
        server.proc.wait(timeout=args.timeout)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        sys.exit("lsp-client: server did not exit")
    return server.proc.returncode


if __name__ == "__main__":
    sys.exit(main())
