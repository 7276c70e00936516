#!/usr/bin/env python3
"""Re-verify a letter's signatory record, with nothing but Python 3's standard library.

Download the record from GET /api/letters/{slug}/record (JSON lines), then:

    python3 verify-record.py RECORD.jsonl                      # recompute every entry and the head
    python3 verify-record.py RECORD.jsonl --head HEX           # ... and check a head you were given
    python3 verify-record.py RECORD.jsonl --receipt "signatory-receipt/1 SLUG N LEAF"

The format and the hashing are described in docs/record-format.md. Exit status 0 means the record
verifies (and so do the head and receipt given); 1 means it does not, with the reasons printed.
"""
import argparse
import hashlib
import json
import sys

VERSION = "signatory-record/1"
RECEIPT = "signatory-receipt/1"
EMPTY_HEAD = "0" * 64


def fields(*values):
    """Each text as a 4-byte big-endian length and its UTF-8 bytes (null counts as empty)."""
    out = b""
    for value in values:
        data = (value or "").encode("utf-8")
        out += len(data).to_bytes(4, "big") + data
    return out


def subject(salt, kind, shown):
    """The commitment to a listed signatory: salt, then what the public list shows."""
    return hashlib.sha256(bytes.fromhex(salt) + fields(
        kind, shown.get("name"), shown.get("role"), shown.get("organisation"), shown.get("country"),
        "unverified" if shown.get("unverified") else "")).hexdigest()


def leaf(entry):
    of = entry.get("of")
    return hashlib.sha256(b"\x00" + fields(
        VERSION, str(entry["seq"]), entry["at"], entry["event"], "" if of is None else str(of),
        entry["kind"], entry.get("subject"))).hexdigest()


def link(previous_head, leaf_hash):
    return hashlib.sha256(b"\x01" + bytes.fromhex(previous_head) + bytes.fromhex(leaf_hash)).hexdigest()


def verify(lines):
    """Returns (letter, problems, heads, leaves): heads[n] is the head after entry n (heads[0] the empty head)."""
    problems, heads, leaves = [], [EMPTY_HEAD], {}
    header = json.loads(lines[0]) if lines else {}
    if header.get("record") != VERSION:
        return None, ["The first line does not name the format %s." % VERSION], heads, leaves
    for number, line in enumerate(lines[1:], start=1):
        try:
            entry = json.loads(line)
            seq = entry["seq"]
        except (ValueError, KeyError, TypeError):
            problems.append("Line %d is not an entry." % (number + 1))
            break
        if seq != number:
            problems.append("Entry %d is missing: the next one is %s." % (number, seq))
            break
        if entry.get("shown") is not None:
            if not entry.get("salt") or subject(entry["salt"], entry["kind"], entry["shown"]) != entry.get("subject"):
                problems.append("Entry %d: the values it shows do not open its commitment." % seq)
        computed = leaf(entry)
        if computed != entry.get("leaf"):
            problems.append("Entry %d: its fields do not give its leaf hash." % seq)
        head = link(heads[-1], computed)
        if head != entry.get("head"):
            problems.append("Entry %d: the chain breaks here (its head is not the link of the previous head and its leaf)." % seq)
        heads.append(head)
        leaves[seq] = computed
    return header.get("letter"), problems, heads, leaves


def main():
    parser = argparse.ArgumentParser(description="Re-verify a letter's signatory record (docs/record-format.md).")
    parser.add_argument("record", help="the file from GET /api/letters/{slug}/record, or - for standard input")
    parser.add_argument("--head", help="a record head to look for (from the letter page, the API or a delivered PDF)")
    parser.add_argument("--receipt", help="a signer's receipt: \"signatory-receipt/1 SLUG N LEAF\"")
    args = parser.parse_args()
    stream = sys.stdin if args.record == "-" else open(args.record, encoding="utf-8")
    with stream:
        lines = [line for line in stream.read().splitlines() if line.strip()]
    letter, problems, heads, leaves = verify(lines)
    entries = len(heads) - 1
    if not problems:
        print("The record of %s verifies: %d entries, head %s" % (letter, entries, heads[-1]))
    if args.head is not None:
        wanted = args.head.strip().lower()
        if wanted == heads[-1]:
            print("The head given is the record's current head.")
        elif wanted in heads:
            after = heads.index(wanted)
            print("The head given is an earlier head, after entry %d; %d entries were added since." % (after, entries - after))
        else:
            problems.append("The head given is not a head of this record.")
    if args.receipt is not None:
        parts = args.receipt.split()
        if len(parts) != 4 or parts[0] != RECEIPT or not parts[2].isdigit():
            problems.append("The receipt given is not a receipt (%s SLUG N LEAF)." % RECEIPT)
        elif parts[1] != letter:
            problems.append("The receipt is for the letter %s, not %s." % (parts[1], letter))
        elif leaves.get(int(parts[2])) != parts[3].lower():
            problems.append("The receipt is not in this record: entry %s does not have this leaf hash." % parts[2])
        else:
            print("The receipt is entry %s of this record." % parts[2])
    for problem in problems:
        print("NOT VERIFIED: " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
