#!/usr/bin/env python3
"""Reference verifier for iam-wizard change logs, written from docs/change-log-format.md alone.

Python 3.8+ and its standard library only (Ed25519 verification is the RFC 8032 reference
code below), so an auditor can run it without iam-wizard, Node or any package.

    python3 verify-change-log.py [--pubkey FILE] [--strict] [--anchors FILE] PATH...

--anchors FILE: a text holding "iam-wizard anchor: ..." lines (as apply and the wizard print
last); every anchored session must be present, whole and unchanged.

PATH is a log directory (its session files form one chain) or a single session file.
Prints WARNING lines first, then one line: "OK: ..." (exit 0) or
"FAILED: <kind>: <file> line <n>: <why>" (exit 1). Usage errors exit 2.
"""
import base64
import hashlib
import json
import os
import re
import sys
from decimal import Decimal

# ---------------------------------------------------------------- Ed25519 (RFC 8032, 6)
P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)


def _recover_x(y, sign):
    if y >= P:
        return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P != 0:
        return None
    if (x & 1) != sign:
        x = P - x
    return x


_GY = 4 * pow(5, P - 2, P) % P
_GX = _recover_x(_GY, 0)
G = (_GX, _GY, 1, _GX * _GY % P)


def _add(p1, p2):
    a = (p1[1] - p1[0]) * (p2[1] - p2[0]) % P
    b = (p1[1] + p1[0]) * (p2[1] + p2[0]) % P
    c = 2 * p1[3] * p2[3] * D % P
    d = 2 * p1[2] * p2[2] % P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f, g * h, f * g, e * h)


def _mul(s, pt):
    q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            q = _add(q, pt)
        pt = _add(pt, pt)
        s >>= 1
    return q


def _equal(p1, p2):
    return (p1[0] * p2[2] - p2[0] * p1[2]) % P == 0 and (p1[1] * p2[2] - p2[1] * p1[2]) % P == 0


def _decompress(s):
    if len(s) != 32:
        return None
    y = int.from_bytes(s, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % P)


def ed25519_verify(public, message, signature):
    if len(public) != 32 or len(signature) != 64:
        return False
    a = _decompress(public)
    r = _decompress(signature[:32])
    if a is None or r is None:
        return False
    s = int.from_bytes(signature[32:], "little")
    if s >= L:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + message).digest(), "little") % L
    return _equal(_mul(s, G), _add(r, _mul(h, a)))


# ---------------------------------------------------------------- canonical JSON (RFC 8785)
class NotCanonicalisable(Exception):
    pass


def _string(s):
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\b":
            out.append("\\b")
        elif ch == "\f":
            out.append("\\f")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif c < 0x20 or 0xD800 <= c <= 0xDFFF:
            out.append("\\u%04x" % c)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _number(v):
    try:
        f = float(v)
    except OverflowError:
        raise NotCanonicalisable("a number too large for a double")
    if f != f or f in (float("inf"), float("-inf")):
        raise NotCanonicalisable("a number too large for a double")
    if f == 0:
        return "0"
    sign = "-" if f < 0 else ""
    t = Decimal(repr(abs(f))).as_tuple()  # repr: the shortest digits that read back as f, as ECMAScript uses
    digits = "".join(map(str, t.digits))
    stripped = digits.rstrip("0")
    exponent = t.exponent + len(digits) - len(stripped)
    digits = stripped.lstrip("0")
    k = len(digits)
    n = exponent + k
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    e = n - 1
    mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
    return sign + mantissa + "e" + ("+" if e >= 0 else "-") + str(abs(e))


def canonical(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, str):
        return _string(v)
    if isinstance(v, (int, float)):
        return _number(v)
    if isinstance(v, list):
        return "[" + ",".join(canonical(x) for x in v) + "]"
    keys = sorted(v.keys(), key=lambda k: k.encode("utf-16-be", "surrogatepass"))
    return "{" + ",".join(_string(k) + ":" + canonical(v[k]) for k in keys) + "}"


def canonical_bytes(v):
    return canonical(v).encode("utf-8", "surrogatepass")


# ---------------------------------------------------------------- records
HEX64 = re.compile(r"[0-9a-f]{64}")
SIG = re.compile(r"[A-Za-z0-9+/]{86}==")
NAME = re.compile(r"(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z)-([0-9a-f][0-9a-f-]{7,})\.jsonl")
DIRECTORY_LOCK = ".iam-wizard-log.lock"
SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")


def is_str(v):
    return isinstance(v, str)


def is_int(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() and v >= 0


def is_pos(v):
    return is_int(v) and v > 0


def is_hash(v):
    return isinstance(v, str) and HEX64.fullmatch(v) is not None


def is_obj(v):
    return isinstance(v, dict)


def is_action(v):
    return is_obj(v) and is_str(v.get("kind")) and is_obj(v.get("params"))


def optional(check):
    return lambda v: v is None or check(v)


MISSING = object()
FIELDS = {
    "header": {
        "format": is_pos, "tool": is_str, "toolVersion": is_str, "session": is_str, "account": is_str,
        "caller": is_str, "region": is_str, "mode": is_str, "command": is_str,
        "signer": lambda v: is_obj(v) and is_str(v.get("publicKey")) and is_str(v.get("fingerprint")) and (
            "certificate" not in v or (is_obj(v["certificate"]) and all(
                is_str(v["certificate"].get(k)) for k in ("kmsKey", "algorithm", "issued", "publicKey", "fingerprint", "signature")))),
        "started": is_str, "prevSession": lambda v: v is None or is_str(v),
        "undoes": lambda v: is_obj(v) and is_str(v.get("file")) and is_pos(v.get("seq")),
    },
    "intent": {"seq": is_pos, "time": is_str, "step": lambda v: is_int(v) and 1 <= v <= 6, "action": is_action,
               "findingIds": lambda v: isinstance(v, list) and all(map(is_str, v)), "reason": is_str, "previewHash": optional(is_str)},
    "result": {"seq": is_pos, "time": is_str, "ok": lambda v: isinstance(v, bool), "inverse": lambda v: v is None or is_action(v),
               "error": lambda v: is_obj(v) and is_str(v.get("code")) and is_str(v.get("message")) and ("requestId" not in v or is_str(v["requestId"])), "beforeDigest": optional(is_hash), "afterDigest": optional(is_hash)},
    "attestation": {"time": is_str, "step": lambda v: is_int(v) and 1 <= v <= 6, "statement": is_str,
                    "findingIds": lambda v: isinstance(v, list) and all(map(is_str, v)), "reason": is_str},
    "reconciliation": {"time": is_str, "file": is_str, "lastHash": is_hash, "fileDigest": is_hash, "bytes": is_pos, "records": is_pos,
                       "ended": lambda v: v in ("partial-line", "open-intent", "no-seal"), "seq": optional(is_pos),
                       "action": optional(is_action), "observedDigest": is_hash, "outcome": lambda v: v in ("applied", "not-applied", "unknown", "nothing-pending")},
    "seal": {"time": is_str, "count": is_pos, "lastHash": is_hash},
}
# "optional" fields are absent or valid; an explicit null counts as present (and invalid) for them.
OPTIONAL = {("header", "undoes"), ("intent", "previewHash"), ("result", "error"), ("result", "beforeDigest"), ("result", "afterDigest"),
            ("reconciliation", "seq"), ("reconciliation", "action"), ("reconciliation", "observedDigest")}


class Problem(Exception):
    def __init__(self, kind, file, line, detail, excusable=False):
        super().__init__(detail)
        self.kind, self.file, self.line, self.detail, self.excusable = kind, file, line, detail, excusable

    def text(self):
        return "%s: %s line %d: %s" % (self.kind, os.path.basename(self.file), self.line, self.detail)


def _pairs(pairs):
    obj, dup = {}, None
    for k, v in pairs:
        if k in obj and dup is None:
            dup = k
        obj[k] = v  # like JavaScript's JSON.parse: the last value counts
    if dup is not None:
        DUPLICATES.append(dup)
    return obj


DUPLICATES = []


def _reject_constant(name):
    raise ValueError(name)


def parse_line(raw):
    """(record, None) or (None, why malformed); sets record['__dup'] for a duplicated key."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "its bytes are not UTF-8"
    del DUPLICATES[:]
    try:
        value = json.loads(text, object_pairs_hook=_pairs, parse_constant=_reject_constant)
    except ValueError:
        return None, "not JSON"
    if not isinstance(value, dict):
        return None, "not a JSON object"
    kind = value.get("type")
    if not isinstance(kind, str) or kind not in FIELDS:
        return None, "unknown record type"
    bad = []
    prev = value.get("prev", MISSING)
    if not ((kind == "header" and prev is None) or is_hash(prev)):
        bad.append("prev")
    if not is_str(value.get("kid")):
        bad.append("kid")
    if not (isinstance(value.get("sig"), str) and SIG.fullmatch(value["sig"])):
        bad.append("sig")
    for field, check in FIELDS[kind].items():
        v = value.get(field, MISSING)
        if v is MISSING:
            if (kind, field) not in OPTIONAL:
                bad.append(field)
        elif v is None and (kind, field) in OPTIONAL:
            bad.append(field)
        elif not check(v):
            bad.append(field)
    if bad:
        return None, "%s record with a missing or invalid %s" % (kind, ", ".join(bad))
    return (value, DUPLICATES[0] if DUPLICATES else None), None


def public_key_from_pem(text):
    m = re.search(r"-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----", text)
    if not m:
        return None
    try:
        der = base64.b64decode("".join(m.group(1).split()), validate=True)
    except ValueError:
        return None
    if len(der) != 44 or not der.startswith(SPKI_PREFIX):
        return None
    return der[12:]


def fingerprint(raw_key):
    return "SHA256:" + base64.b64encode(hashlib.sha256(raw_key).digest()).decode().rstrip("=")


def expected_name(header):
    return header["started"].replace(":", "-") + "-" + header["session"] + ".jsonl"


# ---------------------------------------------------------------- one session file
class Session:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        with open(path, "rb") as f:
            self.data = f.read()
        self.digest = hashlib.sha256(self.data).hexdigest()
        parts = self.data.split(b"\n")
        self.incomplete = parts[-1] != b""
        if not self.incomplete:
            parts.pop()
        self.lines = parts
        self.records = []  # (line number, record, hash)
        self.header = None
        self.sealed = False
        self.last_hash = None
        self.reconciliations = []  # (line, record)
        self.problem = None
        self.actions = 0


def judge(s, pinned):
    """Fills s.records and s.problem (the first thing wrong inside the file)."""
    parsed = []
    for i, raw in enumerate(s.lines):
        rec, why = parse_line(raw)
        if rec is not None:
            try:
                full = canonical_bytes(rec[0])
                unsigned = canonical_bytes({k: v for k, v in rec[0].items() if k != "sig"})
            except NotCanonicalisable as e:
                rec, why = None, "not canonicalisable JSON (%s)" % e
        if rec is None:
            parsed.append((raw, None, why, None, None, None))
            continue
        h = hashlib.sha256(full).hexdigest()
        parsed.append((raw, rec[0], rec[1], h, full, unsigned))
        s.records.append((i + 1, rec[0], h))
    if s.records:
        s.last_hash = s.records[-1][2]
    if not s.lines:
        s.problem = Problem("truncated", s.path, 1, "the file is empty")
        return
    seen = {}
    for i, entry in enumerate(parsed):
        if entry[3] and entry[3] not in seen:
            seen[entry[3]] = i + 1
    header_key = None
    expected_key = None
    open_intents = set()
    seal_line = 0
    for i, (raw, record, dup, h, full, unsigned) in enumerate(parsed):
        n = i + 1
        if record is None:
            last = i == len(parsed) - 1 and s.incomplete
            raise Problem("malformed", s.path, n, dup + ("; the file ends in a partly written line" if last else ""), excusable=last)
        if i == 0 and record["type"] != "header":
            if any(p[1] is not None and p[1]["type"] == "header" for p in parsed):
                raise Problem("reordered", s.path, 1, "the file must start with its header")
            raise Problem("deleted", s.path, 1, "the file does not start with a header")
        if i == 0:
            s.header = record
            header_key = public_key_from_pem(record["signer"]["publicKey"])
            if header_key is None:
                raise Problem("malformed", s.path, 1, "the header does not hold an Ed25519 public key")
            if record["signer"]["fingerprint"] != fingerprint(header_key) or record["kid"] != record["signer"]["fingerprint"]:
                raise Problem("modified", s.path, 1, "the header's fingerprint is not that of the public key it holds")
            cert = record["signer"].get("certificate")
            if cert is not None:
                # A per-session key certified by a KMS key: KMS signed this statement with ED25519_SHA_512.
                kms_key = public_key_from_pem(cert["publicKey"])
                statement = canonical_bytes({"account": record["account"], "issued": cert["issued"],
                                             "kmsKey": cert["kmsKey"], "sessionKey": record["signer"]["fingerprint"]})
                try:
                    cert_sig = base64.b64decode(cert["signature"], validate=True)
                except ValueError:
                    cert_sig = b""
                if (kms_key is None or fingerprint(kms_key) != cert["fingerprint"] or cert["algorithm"] != "ED25519_SHA_512"
                        or not ed25519_verify(kms_key, statement, cert_sig)):
                    raise Problem("modified", s.path, 1, "the KMS certificate of its session key does not hold")
            certified_by_pinned = cert is not None and pinned is not None and cert["fingerprint"] == fingerprint(pinned)
            expected_key = pinned if pinned is not None and not certified_by_pinned else header_key
        if seal_line:
            raise Problem("inserted", s.path, n, "it comes after the seal")
        prev_hash = parsed[i - 1][3] if i > 0 else None
        try:
            signature = base64.b64decode(record["sig"], validate=True)
        except ValueError:
            signature = b""
        if not ed25519_verify(expected_key, unsigned, signature):
            if record["kid"] != fingerprint(expected_key):
                raise Problem("signed-by-another-key", s.path, n, "signed by %s, not by %s" % (record["kid"], fingerprint(expected_key)))
            if i > 0 and i + 1 < len(parsed) and parsed[i + 1][1] is not None and parsed[i + 1][1]["prev"] == prev_hash:
                raise Problem("inserted", s.path, n, "it is not part of the chain and its signature does not match")
            raise Problem("modified", s.path, n, "its signature does not match its content")
        if i > 0 and record["prev"] != prev_hash:
            if seen.get(h, n) < n:
                raise Problem("inserted", s.path, n, "it is a copy of record %d" % seen[h])
            if record["prev"] in seen:
                raise Problem("reordered", s.path, n, "it belongs right after record %d" % seen[record["prev"]])
            raise Problem("deleted", s.path, n, "the record before it is missing")
        if dup is not None:
            raise Problem("duplicate-key", s.path, n, "the key %s appears twice in one object" % json.dumps(dup))
        if raw != full:
            raise Problem("non-canonical", s.path, n, "its bytes are not the canonical form of its record")
        if i > 0 and record["type"] == "header":
            raise Problem("inserted", s.path, n, "a second header in one session file")
        t = record["type"]
        if t == "header" and s.name != expected_name(record):
            raise Problem("misnamed", s.path, n, "the file name should be %s" % expected_name(record))
        if t == "intent":
            s.actions += 1
            open_intents.add(record["seq"])
        elif t == "result":
            if record["seq"] not in open_intents:
                raise Problem("malformed", s.path, n, "a result for seq %d, which has no open intent before it" % record["seq"])
            open_intents.discard(record["seq"])
        elif t == "reconciliation":
            s.reconciliations.append((n, record))
        elif t == "seal":
            if record["count"] != n or record["lastHash"] != record["prev"]:
                raise Problem("malformed", s.path, n, "the seal's count or last hash does not match its place")
            seal_line = n
            s.sealed = True
    if not s.sealed:
        raise Problem("truncated", s.path, len(parsed), "the file ends here without a seal", excusable=True)


def judge_file(s, pinned):
    try:
        judge(s, pinned)
    except Problem as p:
        s.problem = p


# ---------------------------------------------------------------- directories and the session chain
def expected_companion(name, sessions):
    if name == DIRECTORY_LOCK:
        return True
    if name.endswith(".jsonl.lock"):
        return name[: -len(".lock")] in sessions
    if name.endswith(".jsonl.partial"):
        return NAME.fullmatch(name[: -len(".partial")]) is not None
    return False


def chain_problem(s, previous, chain):
    h = s.header
    if h is None:
        return None
    expected = previous.last_hash if previous else None
    if h["prev"] == expected:
        if h["prevSession"] == (previous.name if previous else None):
            return None
        return Problem("misnamed", s.path, 1, "its header names the previous session %s" % h["prevSession"])
    if h["prev"] is None:
        return Problem("inserted", s.path, 1, "it claims to be the first session, but another comes before it")
    if any(o.last_hash == h["prev"] and o is not previous for o in chain):
        return Problem("reordered", s.path, 1, "its header chains to another session than the one before it")
    if any(o.name == h["prevSession"] for o in chain):
        return Problem("modified", s.path, 1, "its header chains to %s at a hash that file no longer ends at" % h["prevSession"])
    return Problem("session-missing", s.path, 1, "its header chains to %s, which is not in this directory" % h["prevSession"])


ENDINGS = {"partial-line": "in a partly written line", "open-intent": "with an action announced and no result",
           "no-seal": "after a complete record, without a seal"}


def reconciler(s, later):
    for o in later:
        for line, r in o.reconciliations:
            if r["file"] != s.name:
                continue
            if o.problem is not None and not o.problem.excusable and o.problem.line <= line:
                continue
            if (r["lastHash"] == s.last_hash and r["fileDigest"] == s.digest and r["bytes"] == len(s.data)
                    and r["records"] == len(s.records)):
                return o, r
    return None


ANCHOR = re.compile(r"iam-wizard anchor: (\S+\.jsonl) header ([0-9a-f]{64}) seal ([0-9a-f]{64}) records (\d+)")


def anchor_problem(anchors, sessions, targets):
    folder = next((os.path.dirname(files[0]) for directory, files, _ in targets if directory and files), "")
    by_name = {s.name: s for s in sessions.values()}
    for name, header_hash, seal_hash, count in anchors:
        s = by_name.get(name)
        if s is None:
            return Problem("session-missing", os.path.join(folder, name), 0, "the anchored session is not in the log: it was removed")
        hashes = {}
        for line, _, h in s.records:
            hashes[line] = h
        if hashes.get(1) != header_hash:
            return Problem("modified", s.path, 1, "its header is not the anchored one")
        if hashes.get(count) == seal_hash:
            continue
        if len(s.lines) < count:
            return Problem("truncated", s.path, len(s.lines), "anchored with %d records, %d remain" % (count, len(s.lines)))
        return Problem("modified", s.path, count, "record %d is not the anchored seal" % count)
    return None


def verify(paths, pinned, strict, anchors=None):
    targets = []
    for path in paths:
        if os.path.isdir(path):
            entries = sorted(os.listdir(path))
            names = [e for e in entries if NAME.fullmatch(e) and os.path.isfile(os.path.join(path, e))]
            if not names:
                raise SystemExit("%s holds no iam-wizard session files" % path)
            strangers = [e for e in entries if e not in names and not expected_companion(e, set(names))]
            targets.append((True, [os.path.join(path, n) for n in names], [os.path.join(path, e) for e in strangers]))
        elif os.path.isfile(path):
            targets.append((False, [path], []))
        else:
            raise SystemExit("%s does not exist" % path)
    warnings = []
    for directory, files, strangers in targets:
        if strangers:
            return warnings, Problem("unexpected-file", strangers[0], 0, "not a session file (nor a lock of one)"), 0
    sessions = {}
    for directory, files, _ in targets:
        for f in files:
            sessions[f] = Session(f)
            judge_file(sessions[f], pinned)
    for directory, files, _ in targets:
        chain = [sessions[f] for f in files]
        for i, s in enumerate(chain):
            cross = chain_problem(s, chain[i - 1] if i > 0 else None, chain) if directory else None
            internal = s.problem
            if internal and (cross is None or internal.line == 1) and not internal.excusable:
                return warnings, internal, 0
            if cross:
                return warnings, cross, 0
            if internal:
                if directory:
                    later = chain[i + 1:]
                else:
                    folder = os.path.dirname(os.path.abspath(s.path))
                    later = []
                    for n in sorted(os.listdir(folder)):
                        if NAME.fullmatch(n) and n > s.name:
                            o = Session(os.path.join(folder, n))
                            judge_file(o, pinned)
                            later.append(o)
                found = reconciler(s, later)
                if found is None:
                    return warnings, Problem(internal.kind, s.path, internal.line, internal.detail + ", and no later session reconciled it exactly there"), 0
                by, r = found
                warning = "WARNING: %s ended %s after %d records (%d bytes); %s reconciled it (outcome: %s)" % (
                    s.name, ENDINGS[r["ended"]], r["records"], r["bytes"], by.name, r["outcome"])
                warnings.append(warning)
                if strict:
                    return warnings, Problem("reconciled", s.path, internal.line, warning), 0
    if anchors is not None:
        problem = anchor_problem(anchors, sessions, targets)
        if problem:
            return warnings, problem, 0
    return warnings, None, sum(s.actions for s in sessions.values())


def main(argv):
    args, pinned, strict, anchors = [], None, False, None
    i = 0
    while i < len(argv):
        if argv[i] == "--pubkey" and i + 1 < len(argv):
            with open(argv[i + 1], encoding="utf-8") as f:
                pinned = public_key_from_pem(f.read())
            if pinned is None:
                print("The --pubkey file is not an Ed25519 PEM public key", file=sys.stderr)
                return 2
            i += 2
        elif argv[i] == "--anchors" and i + 1 < len(argv):
            with open(argv[i + 1], encoding="utf-8") as f:
                anchors = [(m.group(1), m.group(2), m.group(3), int(m.group(4))) for m in ANCHOR.finditer(f.read())]
            i += 2
        elif argv[i] == "--strict":
            strict = True
            i += 1
        elif argv[i].startswith("--"):
            print("unknown option %s" % argv[i], file=sys.stderr)
            return 2
        else:
            args.append(argv[i])
            i += 1
    if not args:
        print("usage: python3 verify-change-log.py [--pubkey FILE] [--strict] [--anchors FILE] PATH...", file=sys.stderr)
        return 2
    try:
        warnings, problem, actions = verify(args, pinned, strict, anchors)
    except SystemExit as e:
        print(e, file=sys.stderr)
        return 2
    for w in warnings:
        print(w)
    if problem:
        print("FAILED: " + problem.text())
        return 1
    print("OK: %d actions, chain intact, signer %s" % (actions, "pinned" if pinned else "NOT pinned (each header's own key)"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
