"""Command line: print an assessment for a person, or assess JSON lines in bulk."""
from __future__ import annotations

import argparse
import json
import sys
from typing import IO

from . import texts
from .assessment import MINIMUM_WAGE, assess
from .model import Assessment


def render(assessment: Assessment, language: str = "es") -> str:
    """The assessment as plain text for a person to read."""
    label = lambda name: texts.label(name, language)  # noqa: E731
    lines = [label("title"), f"{label('level')}: {label(assessment.level)} ({assessment.score:.2f})", ""]
    risks = [s for s in assessment.signals if s.kind == "risk"]
    legit = [s for s in assessment.signals if s.kind == "legit"]
    lines.append(f"{label('risks')}:" if risks else label("no_risks"))
    for group in (risks, legit):
        if group is legit and legit:
            lines += ["", f"{label('legit')}:"]
        for signal in group:
            quote = " / ".join(f"«{e}»" for e in signal.evidence)
            lines.append(f"- {getattr(signal, language)}" + (f" ({label('evidence')} {quote})" if quote else ""))
    lines += ["", f"{label('advice')}:", getattr(assessment.advice, language)]
    return "\n".join(lines)


def _line_result(line: str, min_wage: int) -> dict[str, object]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return {"id": None, "error": f"invalid JSON: {error.msg}"}
    if not isinstance(record, dict):
        return {"id": None, "error": "each line must be a JSON object"}
    advert_id = record.get("id")
    if "text" not in record:
        return {"id": advert_id, "error": "missing field: text"}
    if not isinstance(record["text"], str):
        return {"id": advert_id, "error": "field text must be a string"}
    result = assess(record["text"], min_wage=min_wage)
    signals = [{"code": s.code, "kind": s.kind, "evidence": list(s.evidence)} for s in result.signals]
    return {"id": advert_id, "level": result.level, "score": result.score, "signals": signals}


def run_jsonl(source: IO[str], sink: IO[str], min_wage: int) -> None:
    """Assess each JSON line of `source`, writing one JSON line per non-blank input line."""
    for line in source:
        if line.strip():
            sink.write(json.dumps(_line_result(line, min_wage), ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m bot.risk`."""
    parser = argparse.ArgumentParser(prog="python -m bot.risk", description="Check a job advert for signs of trafficking or scam.")
    parser.add_argument("text", nargs="?", help="advert text (read from stdin when left out)")
    parser.add_argument("--jsonl", action="store_true", help='read {"id", "text"} JSON lines on stdin, write one result per line')
    parser.add_argument("--lang", choices=("es", "en"), default="es", help="language of the printed report")
    parser.add_argument("--min-wage", type=int, default=MINIMUM_WAGE, help="minimum monthly wage in soles")
    args = parser.parse_args(argv)
    if args.jsonl:
        run_jsonl(sys.stdin, sys.stdout, args.min_wage)
        return 0
    text = args.text if args.text is not None else sys.stdin.read()
    if not text.strip():
        parser.error("no advert text given")
    print(render(assess(text, min_wage=args.min_wage), args.lang))
    return 0
